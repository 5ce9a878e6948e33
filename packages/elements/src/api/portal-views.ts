/*
 * The replies of the portal API as the elements read them. They mirror the schemas of `@billfold/server`
 * (test/types/views-match-server.ts proves at compile time that the server's replies fit them), written out
 * here so that the elements depend on no server code, not even for types.
 */

/** An amount in one currency: a decimal string in major units (`"19.99"`). */
export interface MoneyLineView {
  readonly currency: string;
  readonly amount: string;
}

/** Where an invoice is in its life. Drafts are never shown to customers. */
export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';

/** One line of an invoice. */
export interface InvoiceLineView {
  readonly id: string;
  readonly kind: 'subscription' | 'usage' | 'proration' | 'one_off' | 'fee' | 'minimum_commitment';
  readonly description: string;
  readonly billingCode?: string;
  readonly quantity?: string;
  readonly unitAmount?: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  readonly amount: string;
  readonly discountAmount: string;
  readonly taxableAmount: string;
  readonly taxes: readonly { readonly rateId: string; readonly amount: string }[];
}

/** A postal address. */
export interface AddressView {
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly postalCode?: string;
  readonly region?: string;
  readonly country: string;
}

/** An invoice as its customer sees it (`GET /invoices/{invoiceId}`). */
export interface InvoiceView {
  readonly id: string;
  readonly number?: string;
  readonly subscriptionId?: string;
  readonly status: InvoiceStatus;
  readonly currency: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  readonly lines: readonly InvoiceLineView[];
  readonly taxRates: readonly { readonly id: string; readonly name: string; readonly percentage: string }[];
  readonly subtotal: string;
  readonly discountTotal: string;
  readonly taxes: readonly { readonly rateId: string; readonly taxableAmount: string; readonly amount: string }[];
  readonly taxTotal: string;
  readonly roundingAmount: string;
  readonly total: string;
  readonly creditApplied: string;
  readonly amountDue: string;
  readonly amountPaid: string;
  readonly amountCredited: string;
  readonly amountRemaining: string;
  readonly notes: readonly string[];
  readonly customerSnapshot?: {
    readonly name: string;
    readonly email: string;
    readonly address?: AddressView;
    readonly taxIds: readonly { readonly type: string; readonly value: string }[];
  };
  readonly createdAt: string;
  readonly issuedAt?: string;
  readonly dueAt?: string;
  readonly paidAt?: string;
  readonly voidedAt?: string;
  readonly overdue: boolean;
}

/** A page of a list: follow `nextCursor` (absent on the last page). */
export interface PageView<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/** A credit note as its customer sees it. */
export interface CreditNoteView {
  readonly id: string;
  readonly number: string;
  readonly invoiceId: string;
  readonly currency: string;
  readonly total: string;
  readonly issuedAt: string;
}

/** Whether the service is on, limited or suspended for non-payment (`null` from a portal without collections). */
export interface ServiceAccessView {
  readonly state: 'active' | 'grace' | 'suspended';
  readonly since?: string;
}

/** `GET /account`. */
export interface AccountView {
  readonly customer: { readonly id: string; readonly name: string; readonly email: string; readonly currency: string };
  readonly balances: readonly MoneyLineView[];
  readonly amountDue: readonly MoneyLineView[];
  readonly openInvoices: readonly {
    readonly id: string;
    readonly number?: string;
    readonly currency: string;
    readonly amountRemaining: string;
    readonly dueAt?: string;
    readonly overdue: boolean;
  }[];
  readonly overdueSince: string | null;
  readonly upcomingInvoices: readonly { readonly subscriptionId: string; readonly invoice: InvoiceView | null }[];
  readonly serviceAccess: ServiceAccessView | null;
}

/** The life of a subscription (`past_due` and `unpaid` are dunning stages of collections). */
export type SubscriptionStatus = 'trialing' | 'active' | 'past_due' | 'canceled' | 'paused' | 'unpaid';

/** A subscription as its customer sees it. */
export interface SubscriptionView {
  readonly id: string;
  readonly currency: string;
  readonly status: SubscriptionStatus;
  readonly items: readonly { readonly id: string; readonly priceId: string; readonly quantity: string }[];
  readonly interval: string;
  readonly intervalCount: number;
  readonly currentPeriodStart: string;
  readonly currentPeriodEnd: string;
  readonly nextBillingAt?: string;
  readonly trialEnd?: string;
  readonly cancelAtPeriodEnd: boolean;
  readonly canceledAt?: string;
  readonly endedAt?: string;
}

/** A price model as the elements describe it (amounts are decimal strings). */
export interface PriceSpecView {
  readonly model: 'flat' | 'per_unit' | 'package' | 'graduated' | 'volume' | 'percentage';
  readonly currency: string;
  readonly amount?: string;
  readonly unitAmount?: string;
  readonly packageAmount?: string;
  readonly packageSize?: string;
  readonly rate?: string;
}

/** A price a customer has or may switch to. */
export interface PriceView {
  readonly priceId: string;
  readonly productId: string;
  readonly productName: string;
  readonly billingCode: string;
  readonly interval: string;
  readonly intervalCount: number;
  readonly timing: 'in_advance' | 'in_arrears';
  readonly spec: PriceSpecView;
}

/** `GET /subscriptions/{subscriptionId}`. */
export interface SubscriptionDetailView {
  readonly subscription: SubscriptionView;
  readonly prices: readonly PriceView[];
}

/** How a confirmed plan change is prorated. */
export type ProrationMode = 'next_invoice' | 'immediate' | 'none';

/** `GET /subscriptions/{subscriptionId}/plan-options`. */
export interface PlanOptionsView {
  readonly prices: readonly PriceView[];
  readonly prorate: ProrationMode;
}

/** `POST /subscriptions/{subscriptionId}/change-preview`. */
export interface PlanChangePreviewView {
  readonly quote: string;
  readonly expiresAt: string;
  readonly effectiveAt: string;
  readonly prorate: ProrationMode;
  readonly prorationLines: readonly { readonly description: string; readonly amount: string }[];
  readonly invoices: readonly InvoiceView[];
  readonly upcomingInvoice: InvoiceView | null;
  readonly subscription: SubscriptionView;
}

/** What a plan change or a cancellation did. */
export interface SubscriptionChangeView {
  readonly subscription: SubscriptionView;
  readonly invoices: readonly InvoiceView[];
  readonly creditIssued?: string;
}

/** `GET /subscriptions/{subscriptionId}/usage`. */
export interface UsageView {
  readonly subscriptionId: string;
  readonly from: string;
  readonly to: string;
  readonly meters: readonly {
    readonly priceId: string;
    readonly meterId: string;
    readonly meterName: string;
    readonly quantity: string;
    readonly projectedAmount: string;
    readonly currency: string;
  }[];
}

/** `GET /profile`. */
export interface ProfileView {
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
  readonly address?: AddressView;
  readonly taxIds: readonly { readonly type: string; readonly value: string }[];
  readonly locale: string;
}

/** `GET /session`. */
export interface SessionView {
  readonly customerId: string;
  readonly permissions: readonly string[];
  readonly expiresAt: string;
}

/** What the browser needs to finish a payment (`POST /payments`, `POST /payments/{paymentId}/confirm`). */
export interface PaymentIntentView {
  readonly paymentId: string;
  readonly gateway: string;
  readonly status: 'requires_action' | 'processing' | 'succeeded' | 'failed';
  readonly amount: string;
  readonly currency: string;
  readonly clientSecret?: string;
  readonly approvalUrl?: string;
}

/** A saved payment method: what identifies it to its owner, never a card number. */
export interface PaymentMethodView {
  readonly id: string;
  readonly gateway: string;
  readonly type: 'card' | 'sepa_debit' | 'paypal' | 'bank_account' | 'other';
  readonly brand?: string;
  readonly last4?: string;
  readonly expMonth?: number;
  readonly expYear?: number;
  readonly isDefault: boolean;
}

/** `POST /payment-methods/setup`. */
export interface PaymentMethodSetupView {
  readonly setupId: string;
  readonly gateway: string;
  readonly clientSecret?: string;
  readonly approvalUrl?: string;
}

/** An RFC 9457 problem document of the portal. */
export interface ProblemView {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly code: string;
  readonly path?: readonly (string | number)[];
  readonly issues?: readonly { readonly path: readonly (string | number)[]; readonly message: string }[];
}
