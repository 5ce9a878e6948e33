import type { BankCredit } from '../../domain/bank-credit';

/** How a pseudonymised credit's remittance starts: the SHA-256 of what the payer wrote, in hex. */
const REMITTANCE_HASH = 'sha256:';

/** Whether the credit still holds the payer's identity or words (name, IBAN, remittance in clear). */
export function holdsPayerData(credit: BankCredit): boolean {
  return (
    credit.payerName !== undefined ||
    credit.payerIban !== undefined ||
    (credit.remittance !== '' && !credit.remittance.startsWith(REMITTANCE_HASH))
  );
}

/** `sha256:<hex>` of a text (WebCrypto). */
async function remittanceHash(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return REMITTANCE_HASH + [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The credit without the payer's personal data: no `payerName` or `payerIban`, and the remittance replaced by its
 * SHA-256 (`sha256:<hex>`, so an auditor holding the bank statement can still tie the line to it). What the books
 * need stays: key, account, line and entry ids, amount, currency, value date, status, candidates and allocations
 * (invoice numbers), customer and payment, dates. The version goes up by one; `undefined` when nothing is left to
 * clear.
 */
export async function pseudonymisedBankCredit(credit: BankCredit): Promise<BankCredit | undefined> {
  if (!holdsPayerData(credit)) return undefined;
  const { payerName: _name, payerIban: _iban, ...rest } = credit;
  const remittance =
    credit.remittance === '' || credit.remittance.startsWith(REMITTANCE_HASH)
      ? credit.remittance
      : await remittanceHash(credit.remittance);
  return { ...rest, remittance, version: credit.version + 1 };
}
