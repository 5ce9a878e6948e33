import type { BankTransferPayment, MatchCandidate } from './match-result';
import type { StatementLine } from './statement-lines';

/** The idempotency key of a statement line's payment: `bank:<account>:<line id>`, the same on every import. */
export function statementLineKey(account: string, lineId: string): string {
  return `bank:${account}:${lineId}`;
}

/**
 * The bank-transfer payment that settles `line` as `candidate` says, ready for `payments.record`. Its
 * idempotency key comes from the statement entry, so the same statement imported twice records one payment.
 * @internal
 */
export function bankTransferPayment(line: StatementLine, candidate: MatchCandidate): BankTransferPayment {
  const date = line.entry.valueDate ?? line.entry.bookingDate;
  return {
    customerId: candidate.customerId,
    amount: line.amount,
    currency: line.currency,
    method: 'bank_transfer',
    reference: (line.endToEndId ?? line.id).slice(0, 200),
    ...(date !== undefined ? { receivedAt: `${date}T00:00:00.000Z` } : {}),
    allocations: candidate.allocations.map(({ invoiceId, amount }) => ({ invoiceId, amount })),
    metadata: { statementAccount: line.entry.account, statementLine: line.id, matchRule: candidate.rule },
    idempotencyKey: statementLineKey(line.entry.account, line.id),
  };
}
