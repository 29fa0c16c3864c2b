/** Card fields as the customer typed them. */
export interface CardFieldsInput {
  number: string;
  expiry: string;
  cvc: string;
}

/** A payment method made from card fields, or the field that is wrong and why. */
export type TokenizeResult =
  | { ok: true; paymentMethod: string }
  | { ok: false; field: keyof CardFieldsInput; message: string };
