/** A merchant's account, its keys and every id it makes are for testing or for real money. */
export const ENVIRONMENTS = ['test', 'live'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
