/**
 * The numbers the checkout service enforces, in one place (the README lists them). Limits per
 * phone and per IP hold across sessions and processes: they are counted in the database.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** A session nobody moved (no code sent, verified or paid) for this long is over. */
export const SESSION_IDLE_MS = 15 * MINUTE;

/** A verification code is valid this long after it is sent. */
export const CODE_LIFETIME_MS = 10 * MINUTE;
/** Checks of one code, right or wrong; then the code is dead. */
export const CHECKS_PER_CODE = 5;

/** Codes one session may ask for. */
export const SENDS_PER_SESSION = 3;
/**
 * Codes one phone may receive from one merchant's checkouts, whatever the sessions: 3 per 10
 * minutes and 10 per day. Per merchant, so one merchant's traffic (or someone using its
 * checkout against a number) cannot stop the phone getting codes from another.
 */
export const SENDS_PER_PHONE = [
  { max: 3, windowMs: 10 * MINUTE },
  { max: 10, windowMs: 24 * HOUR },
] as const;
/**
 * Codes one phone may receive from all merchants together: 20 per day. It caps what texting
 * one number can cost (SMS pumping); at twice one merchant's daily limit, no one merchant's
 * traffic can reach it.
 */
export const SENDS_PER_PHONE_ACROSS_MERCHANTS = { max: 20, windowMs: 24 * HOUR } as const;
/** Codes one IP address may ask for: 10 per hour. */
export const SENDS_PER_IP = { max: 10, windowMs: HOUR } as const;
/**
 * The wait before another code to the same phone from the same merchant: 30 s after the first,
 * then doubling with each send of the current 10-minute streak.
 */
export const RESEND_COOL_DOWN_MS = 30 * SECOND;
/** Sends closer together than this count as one streak for the cool-down. */
export const RESEND_STREAK_MS = 10 * MINUTE;

/**
 * Wrong codes one phone may give in one merchant's checkouts, across sessions, before it is
 * locked there. A code only ever verifies a session of its own merchant, so guesses elsewhere
 * bring a guesser no closer: they count where they were made.
 */
export const WRONG_CODES_PER_PHONE = { max: 10, windowMs: HOUR } as const;
/**
 * How long a phone stays locked at a merchant after too many wrong codes: that merchant's
 * checkouts text it no code and accept none from it.
 */
export const PHONE_LOCK_MS = HOUR;

/** Charges one session may attempt. */
export const PAYMENT_ATTEMPTS_PER_SESSION = 5;
/** Charges one phone, and one IP address, may attempt across sessions: 10 per hour each. */
export const PAYMENT_ATTEMPTS_PER_PHONE = { max: 10, windowMs: HOUR } as const;
export const PAYMENT_ATTEMPTS_PER_IP = { max: 10, windowMs: HOUR } as const;

/** How long a request that claimed a payment owns it before recovery may settle it. */
export const PAYMENT_LEASE_MS = 2 * MINUTE;
/** How long a customer has to finish authenticating (3-D Secure) before the charge is dropped. */
export const AUTHENTICATION_LEASE_MS = 15 * MINUTE;
/** How often the recovery job looks for payments left in flight. */
export const RECOVERY_INTERVAL_MS = MINUTE;
/** How long a second session waits for a payment in flight for the same phone and plan. */
export const PURCHASE_WAIT_MS = 30 * SECOND;
/**
 * Renewals one process charges at once (`LAVA_RENEWAL_CONCURRENCY`), which is how many calls it
 * has in flight at the payment processor. A renewal spends most of its time waiting on those
 * calls (two, create and confirm: network I/O, no CPU), and about half a millisecond of CPU on
 * the database, so the rate is what the processor answers: at 20 ms a call, 64 at once is up to
 * 1,600 renewals a second, and a process renews about 900 (32 at once: about 580). More at once
 * costs only memory for the calls waiting. The processor's rate limit caps it whatever this
 * says: Stripe allows 100 calls a second in live mode by default (25 in a sandbox), about 50
 * renewals; a refused call leaves the renewal to be tried again 5 minutes later, so a merchant
 * at that limit sets this to about the calls a second allowed times the seconds a call takes.
 */
export const RENEWAL_CONCURRENCY = 64;

/** Destination countries for codes when neither the merchant nor the service sets any. */
export const DEFAULT_SMS_COUNTRIES = ['US', 'CA'] as const;
