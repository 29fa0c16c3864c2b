import type { PageBootstrap } from '../shared/PageBootstrap.ts';

/**
 * The step a session's page opens on: the code step once a code is live (and the number it
 * went to is known), the payment step once the phone is verified, else the phone step.
 */
export function firstStep(
  bootstrap: Extract<PageBootstrap, { status: 'active' }>,
): 'phone' | 'code' | 'payment' {
  if (bootstrap.step === 'code' && bootstrap.phone) return 'code';
  return bootstrap.step === 'payment' ? 'payment' : 'phone';
}
