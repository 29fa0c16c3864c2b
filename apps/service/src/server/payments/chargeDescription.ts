/**
 * What a charge says on the customer's statement and in the processor's dashboard: the
 * merchant, then the plan or credit bundle. Recovery charges again under the same key, which
 * the processor accepts only with the same description, so both paths make it here.
 */
export function chargeDescription(merchantName: string, itemName: string): string {
  return `${merchantName}: ${itemName}`;
}
