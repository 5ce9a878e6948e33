/**
 * The undo log of a memory transaction: every write records how to take itself back, so a rollback
 * costs as much as the writes made, not as much as the data stored.
 * @internal
 */
export class UndoLog {
  private readonly steps: (() => void)[] = [];

  /** How many steps are recorded; a mark to roll back to. */
  get size(): number {
    return this.steps.length;
  }

  /** Records how to undo a write that was just made. */
  record(step: () => void): void {
    this.steps.push(step);
  }

  /** Undoes every write recorded after `mark`, newest first. */
  rollbackTo(mark: number): void {
    while (this.steps.length > mark) {
      const step = this.steps.pop() as () => void;
      step();
    }
  }
}

/** What a memory operation runs with: the undo log to record its writes in, and whether a transaction is open. */
export interface OperationContext {
  readonly log: UndoLog;
  readonly inTransaction: boolean;
}

/**
 * Runs one storage operation: its writes are all kept or, when it throws, all undone (so a failed
 * `insertMany` leaves nothing behind even inside a transaction that catches the error and goes on).
 */
export function runOperation<T>(operation: (context: OperationContext) => T, context: OperationContext): T {
  const mark = context.log.size;
  try {
    return operation(context);
  } catch (error) {
    context.log.rollbackTo(mark);
    throw error;
  }
}

/** Runs a storage operation in the right context and hands back its result; see {@link runOperation}. */
export type MemoryExecutor = <T>(operation: (context: OperationContext) => T) => Promise<T>;
