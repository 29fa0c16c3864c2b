import { PRO_PLAN } from '../merchants/PRO_PLAN.ts';

const { is_free: _, ...terms } = PRO_PLAN;

/**
 * The seeds' Pro Plan without its `is_free` flag: its terms as the REST API shows them on a
 * plan or a subscription, and its row in a database from before the Free plans.
 */
export const PRO_PLAN_TERMS = terms;
