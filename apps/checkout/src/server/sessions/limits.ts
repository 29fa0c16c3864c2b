/** DESIGN.md "Numbers", as the checkout service enforces them. */

/** A verification code is valid this long after it is sent. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** Codes one session may ask for. */
export const SENDS_PER_SESSION = 3;
/** Checks of one code, right or wrong; then the code is dead. */
export const CHECKS_PER_CODE = 5;
/** Charges one session may attempt. */
export const PAYMENT_ATTEMPTS_PER_SESSION = 5;
