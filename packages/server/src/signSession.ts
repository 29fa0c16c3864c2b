import type { ParamRefusal } from '@lava-checkout/protocol';
import {
  invalidArgument,
  readSigningOptions,
  type SigningContext,
  type SigningOptions,
} from './readSigningOptions.ts';

/**
 * Mints a session of either kind the same way: checks the options and derives the signing key,
 * checks the params with the kind's reader, then signs with the kind's minter. Throws a
 * `TypeError` naming `fn` and the argument at fault, with how to fix it.
 */
export async function signSession<Checked, Session>(
  fn: string,
  params: unknown,
  options: SigningOptions,
  read: (params: unknown) => { ok: true; params: Checked } | ParamRefusal,
  mint: (params: Checked, signing: SigningContext) => Promise<{ session: Session }>,
): Promise<Session> {
  const signing = await readSigningOptions(fn, options);
  const checked = read(params);
  if (!checked.ok) return invalidArgument(fn, checked.param, checked.reason, checked.fix);
  const { session } = await mint(checked.params, signing);
  return session;
}
