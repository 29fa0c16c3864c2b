import type { Messages } from '../i18n/en.ts';

/** What typing needs: Testing Library's screen or a story's canvas, and either's userEvent. */
type Canvas = {
  findByRole: (role: 'textbox', options: { name: string }) => Promise<HTMLElement>;
  getByRole: (role: 'textbox', options: { name: string }) => HTMLElement;
};
type User = { type: (element: Element, text: string) => Promise<void> };

/**
 * Types a card into the payment step's fields, by their labels: the number once it has loaded,
 * then the expiry (12/34 unless given) and the security code (123 unless given).
 */
export async function typeCard(
  user: User,
  canvas: Canvas,
  t: Messages,
  card: { number: string; expiry?: string; cvc?: string },
): Promise<void> {
  await user.type(await canvas.findByRole('textbox', { name: t.card.number }), card.number);
  await user.type(canvas.getByRole('textbox', { name: t.card.expiry }), card.expiry ?? '1234');
  await user.type(canvas.getByRole('textbox', { name: t.card.cvc }), card.cvc ?? '123');
}
