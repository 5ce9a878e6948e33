/**
 * A first-come, first-served async lock: tasks run one at a time, in the order they asked.
 * @internal
 */
export class AsyncMutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` once every task queued before it has settled; resolves or rejects with it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(() => task());
    // The next task waits for this one to settle, whatever its outcome.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
