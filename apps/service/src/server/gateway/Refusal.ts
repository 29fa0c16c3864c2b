/** A refusal: its code, the HTTP status `Statuses` gives that code, and a message for the caller. */
export interface Refusal<Statuses extends Record<string, number>> {
  code: keyof Statuses & string;
  status: Statuses[keyof Statuses];
  message: string;
}

/** A refusal with `code` and its status in `statuses`, reading `Lava Checkout: <what>. <fix>.` */
export function refusal<Statuses extends Record<string, number>>(
  statuses: Statuses,
  code: keyof Statuses & string,
  what: string,
  fix: string,
): Refusal<Statuses> {
  return {
    code,
    status: statuses[code],
    message: `Lava Checkout: ${what}. ${fix}.`,
  };
}
