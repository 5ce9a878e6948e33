import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Whether the providers' OpenAPI files are here, and what a test says when they are not. */
export interface SpecAvailability {
  readonly available: boolean;
  /** Why the suite is skipped (or, under CI, fails). */
  readonly reason?: string;
  /** Missing while `CI` is set: the suite must fail, not skip. */
  readonly mustFail: boolean;
}

function repoRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no pnpm-workspace.yaml above the gateway fake kit');
    dir = parent;
  }
  return dir;
}

/**
 * Where the providers' OpenAPI descriptions live: `../shared/validation` from the repository root, or the folder
 * `BILLFOLD_VALIDATION_DIR` names (a git worktree whose parent has no `shared/`).
 */
export const VALIDATION_DIR = process.env.BILLFOLD_VALIDATION_DIR ?? resolve(repoRoot(), '../shared/validation');

/** Stripe's OpenAPI description. */
export const STRIPE_SPEC = join(VALIDATION_DIR, 'stripe-openapi/spec3.json');

/** PayPal's OpenAPI descriptions: orders, payments, vault and webhooks. */
export const PAYPAL_SPECS = [
  'checkout_orders_v2.json',
  'payments_payment_v2.json',
  'vault_payment_tokens_v3.json',
  'notifications_webhooks_v1.json',
].map((name) => join(VALIDATION_DIR, 'paypal-openapi', name));

/** Whether every file in `files` exists. */
export function specAvailability(files: readonly string[]): SpecAvailability {
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length === 0) return { available: true, mustFail: false };
  return {
    available: false,
    reason: `provider OpenAPI descriptions not found (${missing.join(', ')}): they live in ../shared/validation`,
    mustFail: Boolean(process.env.CI),
  };
}
