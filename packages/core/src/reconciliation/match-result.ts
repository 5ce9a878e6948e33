/** Which evidence tied a payment to a customer or invoice. */
export type MatchRule =
  /** A structured creditor reference (ISO 11649 RF) of the invoice, structured or in the text. */
  | 'creditor_reference'
  /** The invoice number in the remittance text, end-to-end id or referred documents. */
  | 'invoice_number'
  /** A reference with two neighbouring characters swapped. */
  | 'reference_typo'
  /** The payer's IBAN is one of the customer's known accounts. */
  | 'known_account'
  /** The payer's name is one of the customer's known names. */
  | 'payer_name'
  /** Only the amount equals what an invoice still owes. */
  | 'amount'
  /** A gateway payout's payment ids. */
  | 'payout';

/** Why a match needs a person. */
export type ProposalReason =
  /** Less than the invoice (or invoices) still owe. */
  | 'partial_payment'
  /** One payment for several invoices. */
  | 'several_invoices'
  /** More than the invoices owe: the rest would become customer credit. */
  | 'overpayment'
  /** Several invoices or customers fit equally well. */
  | 'ambiguous'
  /** The reference was quoted with a typo. */
  | 'reference_typo'
  /** The referenced invoice was already settled (by an earlier line of this statement, or before). */
  | 'already_settled'
  /** A known payer with nothing open: the money would become credit. */
  | 'no_open_invoice'
  /** Only the payer's name links the payment to the customer. */
  | 'payer_name'
  /** Only the amount links the payment to the invoice. */
  | 'amount_only'
  /** A payout whose payments or fees differ from what was recorded. */
  | 'payout_difference';

/** Why a line has no match. */
export type UnmatchedReason =
  /** Nothing in the line points to an invoice or customer. */
  | 'no_reference'
  /** The referenced invoices are in another currency. */
  | 'currency_mismatch'
  /** The same entry id came twice with different contents. */
  | 'conflicting_entry';

/** Why a line is not a customer payment to match. */
export type IgnoredReason =
  /** Money going out. */
  | 'debit'
  /** Not booked yet (pending, information, future). */
  | 'not_booked'
  /** A reversal of an earlier entry. */
  | 'reversal'
  | 'zero_amount'
  /** The same entry again (same id, same contents) in the input. */
  | 'duplicate_entry';

/** The part of a payment that settles one invoice. */
export interface MatchAllocation {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly amount: string;
}

/** One way to settle a line: a customer, the invoices it pays, and what is left over. */
export interface MatchCandidate {
  readonly customerId: string;
  readonly rule: MatchRule;
  /** Each more than zero and at most what the invoice still owes. */
  readonly allocations: readonly MatchAllocation[];
  /** line amount − allocations: zero or more; becomes customer credit when confirmed. */
  readonly unapplied: string;
}

/**
 * A bank-transfer payment ready for the engine's `payments.record` (it is a `RecordPaymentInput`), with an
 * idempotency key derived from the statement entry, so recording it twice (the same statement imported again)
 * is one payment. Plain mutable data, so it can be passed on as it is.
 */
export interface BankTransferPayment {
  customerId: string;
  amount: string;
  currency: string;
  method: 'bank_transfer';
  /** The payer's end-to-end id, else the entry id. */
  reference: string;
  /** The value date (else the booking date) at 00:00 UTC. */
  receivedAt?: string;
  allocations: { invoiceId: string; amount: string }[];
  metadata: Record<string, string>;
  /** `bank:<account>:<line id>`. */
  idempotencyKey: string;
}

/** What every statement line's outcome carries, whatever its kind. */
export interface LineMatchBase {
  /** The entry id, or `<entry id>#<n>` for the n-th payment of a batch booking. */
  readonly lineId: string;
  readonly entryId: string;
  readonly account: string;
  readonly amount: string;
  readonly currency: string;
  /** Open invoices the line's texts named exactly, in any currency (a hint for a person). */
  readonly referencedInvoiceIds: readonly string[];
}

/** The outcome for one statement line. */
export type StatementLineMatch =
  | (LineMatchBase & {
      /** One invoice, the full amount, by its reference or by a known account and a unique amount. */
      readonly kind: 'exact';
      readonly candidates: readonly [MatchCandidate];
      readonly payment: BankTransferPayment;
    })
  | (LineMatchBase & {
      /** For a person to confirm: one candidate to accept or several to choose from. */
      readonly kind: 'proposed';
      readonly reason: ProposalReason;
      readonly candidates: readonly MatchCandidate[];
    })
  | (LineMatchBase & { readonly kind: 'unmatched'; readonly reason: UnmatchedReason; readonly candidates: readonly [] })
  | (LineMatchBase & { readonly kind: 'ignored'; readonly reason: IgnoredReason; readonly candidates: readonly [] });

/** What {@link matchStatement} returns: one result per line, in statement order, and counts per kind. */
export interface StatementMatch {
  readonly lines: readonly StatementLineMatch[];
  readonly counts: Readonly<Record<StatementLineMatch['kind'], number>>;
}
