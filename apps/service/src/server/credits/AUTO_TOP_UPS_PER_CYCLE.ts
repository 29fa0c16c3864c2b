/**
 * How many auto top-ups one subscription may buy in one cycle when its merchant set no number
 * (`merchants.auto_top_ups_per_cycle`, `PATCH /v1/merchant`): enough for a busy month, few
 * enough that a runaway client cannot empty a card.
 */
export const AUTO_TOP_UPS_PER_CYCLE = 5;
