import type { Invoice } from '../../domain/invoice';
import type { Subscription } from '../../domain/subscription';

/** A subscription as an operation left it, with the invoices the operation finalized (often none). */
export interface SubscriptionResult {
  readonly subscription: Subscription;
  readonly invoices: readonly Invoice[];
  /** Customer credit the operation added to the balance (a decimal string), when it added any. */
  readonly creditIssued?: string;
}
