import { messagesDe } from './messages-de';
import { type BillingMessages, messagesEn } from './messages-en';

const catalogues = new Map<string, Partial<BillingMessages>>([
  ['en', messagesEn],
  ['de', messagesDe],
]);
const resolved = new Map<string, BillingMessages>();

/**
 * Adds or overrides the texts of a language (`fr`, or `de-CH` for a region's variant). Keys left out fall back to
 * the language without region, then English. Call it before the elements render, or set `locale` again.
 * @example
 * ```ts
 * registerBillingMessages('fr', { payNow: 'Payer maintenant', invoices: 'Factures' });
 * ```
 */
export function registerBillingMessages(language: string, messages: Partial<BillingMessages>): void {
  const tag = language.toLowerCase();
  catalogues.set(tag, { ...catalogues.get(tag), ...messages });
  resolved.clear();
}

/** The texts for a BCP 47 locale: `de-AT` → German (region variant first, then the language, then English). */
export function billingMessages(locale: string): BillingMessages {
  const tag = locale.toLowerCase();
  let messages = resolved.get(tag);
  if (messages === undefined) {
    const language = tag.split('-')[0] ?? 'en';
    messages = { ...messagesEn, ...catalogues.get(language), ...catalogues.get(tag) };
    resolved.set(tag, messages);
  }
  return messages;
}
