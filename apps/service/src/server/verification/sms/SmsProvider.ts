/** Sends text messages. The console provider implements it for development; a real one
 * (Twilio, MessageBird, ...) implements the same interface for production. */
export interface SmsProvider {
  /** Resolves once the provider accepted the message; rejects when it refused it. */
  send(message: { to: string; body: string }): Promise<void>;
}
