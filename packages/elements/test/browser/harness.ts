/*
 * Helpers of the elements' browser tests: claim a fresh customer from the test backend, wait for a rendered
 * state (no time limits: the runner's hang guard stops a test that never gets there), look through shadow roots,
 * run axe, take screenshots.
 */
import 'axe-core/axe.min.js';
import { executeServerCommand } from '@web/test-runner-commands';

/** A customer of the test backend, claimed for one test. */
export interface Claimed {
  readonly customerId: string;
  readonly subscriptionId: string;
  readonly invoiceIds: readonly string[];
  readonly token: string;
}

/** Claims a customer nobody else touched (`standard`, `overdue`, `hostile`, `many`, `screenshot`, `german`). */
export async function claim(scenario = 'standard', query: Record<string, string> = {}): Promise<Claimed> {
  const response = await fetch(`/test-api/claim?${new URLSearchParams({ scenario, ...query })}`);
  if (!response.ok) throw new Error(`claim ${scenario}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Calls the test API and returns its JSON. */
export async function testApi<T = unknown>(path: string, query: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`/test-api/${path}?${new URLSearchParams(query)}`, { method: 'POST' });
  if (!response.ok) throw new Error(`test API ${path}: ${response.status}`);
  return response.json();
}

/** Every element matching `selector` under `root`, looking into open shadow roots at any depth. */
export function deepQueryAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [...root.querySelectorAll<T>(selector)];
  if (root instanceof Element && root.shadowRoot) found.push(...deepQueryAll<T>(root.shadowRoot, selector));
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...deepQueryAll<T>(element.shadowRoot, selector));
  }
  return found;
}

/** The first element matching `selector` under `root`, through shadow roots. */
export function deepQuery<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | undefined {
  return deepQueryAll<T>(root, selector)[0];
}

/** The text of an element and its shadow tree (slots show what is assigned, else their fallback), whitespace collapsed. */
export function deepText(root: Element | ShadowRoot): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push(node.textContent ?? '');
      return;
    }
    // Element boundaries separate words; text nodes inside one element run together.
    const element = node instanceof Element;
    if (element) parts.push(' ');
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    else if (node instanceof HTMLSlotElement && node.assignedNodes().length > 0) {
      for (const assigned of node.assignedNodes()) walk(assigned);
    } else for (const child of node.childNodes) walk(child);
    if (element) parts.push(' ');
  };
  walk(root);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Resolves with `probe()`'s value once it is truthy, checking after every frame (never a time limit). */
export async function until<T>(probe: () => T | undefined | null | false): Promise<T> {
  for (;;) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }
}

/** A button (or link) through shadow roots whose text contains `text`. */
export function buttonNamed(root: ParentNode, text: string): HTMLElement | undefined {
  return deepQueryAll<HTMLElement>(root, 'button, a, [role="menuitem"]').find((b) => deepText(b).includes(text));
}

/** Waits for a button whose text contains `text` and returns it. */
export function waitForButton(root: ParentNode, text: string): Promise<HTMLElement> {
  return until(() => buttonNamed(root, text));
}

/** Waits until the element's text contains `text`. */
export function waitForText(root: Element, text: string): Promise<string> {
  return until(() => {
    const all = deepText(root);
    return all.includes(text) ? all : undefined;
  });
}

/** Resolves when every running animation, in shadow roots too, has finished (document.getAnimations() does not
 * see into shadow roots, so every element is asked). */
export async function animationsFinished(): Promise<void> {
  const animations = deepQueryAll(document, '*').flatMap((element) => element.getAnimations());
  await Promise.all(animations.map((animation) => animation.finished.catch(() => undefined)));
}

interface AxeResult {
  readonly violations: readonly {
    id: string;
    help: string;
    nodes: readonly { target: unknown; failureSummary?: string }[];
  }[];
}

/** Runs axe-core on the page (the elements' shadow trees included) and fails with the violations listed. */
export async function expectAccessible(context: Element | Document = document): Promise<void> {
  // Contrast is measured on what is painted: let entrance animations (a dialog fading in) finish first.
  await animationsFinished();
  const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
  const result = await axe.run(context, { resultTypes: ['violations'] });
  if (result.violations.length > 0) {
    const list = result.violations
      .map(
        (v) =>
          `${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`,
      )
      .join('\n');
    throw new Error(`axe found ${result.violations.length} violation(s):\n${list}`);
  }
}

/** What the screenshot command answers. */
export interface ScreenshotResult {
  readonly status: 'match' | 'new' | 'updated' | 'mismatch' | 'missing';
  readonly ratio: number;
  readonly artifact: string;
}

/** Screenshots an element's box and compares it with its committed baseline (see test/server/browser-commands.ts). */
export async function screenshot(name: string, element: Element): Promise<ScreenshotResult> {
  const box = element.getBoundingClientRect();
  const clip = {
    x: Math.floor(box.x + window.scrollX),
    y: Math.floor(box.y + window.scrollY),
    width: Math.ceil(box.width),
    height: Math.ceil(box.height),
  };
  return (await executeServerCommand('billing-screenshot', { name, clip })) as ScreenshotResult;
}

/** Makes the portal API unreachable from the page (its requests fail as offline) or reachable again. */
export async function setOffline(offline: boolean): Promise<void> {
  await executeServerCommand('billing-offline', { offline });
}

/** The Stripe and PayPal side of the payment options: the fakes' keys and browser scripts (see the test backend). */
const FAKE_PROVIDERS = (await (await fetch('/test-api/payment-options')).json()) as {
  readonly stripe: { readonly publishableKey: string; readonly scriptUrl: string };
  readonly paypal: { readonly clientId: string; readonly scriptUrl: string };
};

/**
 * The payment options of the tests: card and PayPal through the loopback Stripe and PayPal (Stripe.js and PayPal's
 * SDK are the fakes' stand-ins, calling the fakes), bank transfer and cheque details.
 */
export const TEST_PAYMENTS = {
  ...FAKE_PROVIDERS,
  bankTransfer: {
    accountHolder: 'Fibre Berlin GmbH',
    iban: 'DE89 3704 0044 0532 0130 00',
    bic: 'COBADEFFXXX',
    bankName: 'Commerzbank',
  },
  cheque: { payableTo: 'Fibre Berlin GmbH', address: 'Hauptstraße 1, 10115 Berlin' },
} as const;

/** A customer's ledger as the test backend reads it once every webhook was answered. */
export interface CustomerLedger {
  /** Payments taken through a gateway. */
  readonly payments: readonly {
    readonly gateway: string;
    readonly providerPaymentId: string;
    readonly amount: string;
    readonly currency: string;
    readonly allocations: readonly { readonly invoiceId: string; readonly amount: string }[];
  }[];
  /** What the fakes took for the customer: Stripe's succeeded PaymentIntents, PayPal's completed captures. */
  readonly charges: { readonly stripe: readonly string[]; readonly paypal: number };
  /** The types of the webhook events about the customer's payments the engine accepted, in order. */
  readonly webhooksAccepted: readonly string[];
  /** Webhook deliveries the engine did not accept (of the whole run). */
  readonly webhooksRefused: readonly unknown[];
  /** Departures from the providers' OpenAPI descriptions (of the whole run). */
  readonly violations: readonly string[];
}

/** The customer's ledger through the server (after every webhook sent so far was answered). */
export async function ledgerOf(customerId: string): Promise<CustomerLedger> {
  return testApi<CustomerLedger>('ledger', { customer: customerId });
}
