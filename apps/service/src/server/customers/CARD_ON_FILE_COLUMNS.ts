/**
 * The columns of a card on file, for a query that joins `payment_methods`: what the page shows
 * of it (`shown`), and with the processor's references, what charging it again needs (`charged`).
 */
export const CARD_ON_FILE_COLUMNS = {
  shown: [
    'payment_methods.brand',
    'payment_methods.last4',
    'payment_methods.exp_month',
    'payment_methods.exp_year',
  ],
  charged: [
    'payment_methods.processor_ref',
    'payment_methods.processor_customer_ref',
    'payment_methods.brand',
    'payment_methods.last4',
    'payment_methods.exp_month',
    'payment_methods.exp_year',
  ],
} as const;
