/** What the page needs to turn card fields into a payment method with the processor's own code. */
export type ProcessorPageConfig = { kind: 'test' } | { kind: 'stripe'; publishableKey: string };

/** What the checkout service tells its page about the session, inlined into the HTML. */
export type PageBootstrap =
  | {
      status: 'active';
      checkoutSessionId: string;
      originUrl: string;
      merchantName: string;
      testMode: boolean;
      processor: ProcessorPageConfig;
      plan: {
        name: string;
        period_amount: string;
        billing_interval: 'day' | 'week' | 'month' | 'year';
        included_credit: string;
      };
      /** Where a reload resumes. */
      step: 'phone' | 'code' | 'payment';
      /** The number (E.164) the latest code went to, while that code can be used. */
      phone: string | null;
    }
  | { status: 'expired' | 'completed'; checkoutSessionId: string; originUrl: string }
  | { status: 'invalid' };

/** The id of the JSON script element that carries the bootstrap. */
export const BOOTSTRAP_ELEMENT_ID = 'lava-bootstrap';
