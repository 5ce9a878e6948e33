import { type BillingNotification, isRetryableDeliveryError, type Notifier } from '@billfold/core';

/** What a delivery came to: how many attempts, the errors on the way, and the error it was dead-lettered with. */
export interface Dispatch {
  readonly attempts: number;
  readonly errors: readonly unknown[];
  readonly deadLetter?: unknown;
}

/**
 * The engine's dispatcher in miniature: send, and on a retryable failure send the same notification again, at most
 * `maxAttempts` times (no waiting between attempts: the test has nothing to wait for).
 */
export async function dispatch(
  notifier: Notifier,
  notification: BillingNotification,
  maxAttempts = 4,
): Promise<Dispatch> {
  const errors: unknown[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      await notifier.notify(notification);
      return { attempts: attempt, errors };
    } catch (error) {
      errors.push(error);
      if (!isRetryableDeliveryError(error)) return { attempts: attempt, errors, deadLetter: error };
    }
  }
  return { attempts: maxAttempts, errors, deadLetter: errors.at(-1) };
}
