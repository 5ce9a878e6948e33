import type { DunningStage } from '../../domain/subscription';
import type { CollectionsPolicy, ReminderFee } from './collections-policy';
import { addDays, localDay, startOfDay } from '../../periods/local-days';

/** One reminder of an invoice's schedule. */
export interface ScheduledReminder {
  /** 1, 2, …: the policy's steps, then its repeats. */
  readonly step: number;
  /** Days after the due date (negative: before). */
  readonly days: number;
  /** The start of that day in the customer's time zone: when the reminder goes out. */
  readonly at: string;
  readonly fee?: ReminderFee;
}

/** The reminders of an invoice due on the local day `dueDay`: the policy's steps, then its repeats. */
export function reminderSchedule(policy: CollectionsPolicy, dueDay: string, timeZone: string): ScheduledReminder[] {
  const { steps, repeat } = policy.reminders;
  const at = (days: number) => startOfDay(addDays(dueDay, days), timeZone);
  const schedule: ScheduledReminder[] = steps.map((step, index) => ({
    step: index + 1,
    days: step.days,
    at: at(step.days),
    ...(step.fee !== undefined ? { fee: step.fee } : {}),
  }));
  const last = steps.at(-1);
  if (repeat !== undefined && last !== undefined) {
    for (let n = 1; n <= repeat.max; n++) {
      const days = last.days + n * repeat.everyDays;
      schedule.push({
        step: steps.length + n,
        days,
        at: at(days),
        ...(repeat.fee !== undefined ? { fee: repeat.fee } : {}),
      });
    }
  }
  return schedule;
}

/** When an invoice due on the local day `dueDay` becomes overdue: the start of the day after the grace period. */
export function overdueInstant(policy: CollectionsPolicy, dueDay: string, timeZone: string): string {
  return startOfDay(addDays(dueDay, policy.graceDays + 1), timeZone);
}

/** One step of dunning: the stage a subscription reaches, and when. */
export interface ScheduledDunning {
  readonly stage: DunningStage;
  readonly at: string;
}

/** The dunning steps of a subscription whose invoice became overdue at `overdueAt`, in order. */
export function dunningSchedule(policy: CollectionsPolicy, overdueAt: string, timeZone: string): ScheduledDunning[] {
  const { dunning } = policy;
  if (dunning === false) return [];
  const overdueDay = localDay(overdueAt, timeZone);
  const stages: [DunningStage, number | undefined][] = [
    ['past_due', dunning.pastDueAfterDays],
    ['unpaid', dunning.unpaidAfterDays],
    ['suspended', dunning.suspendAfterDays],
    ['canceled', dunning.cancelAfterDays],
  ];
  return stages.flatMap(([stage, days]) =>
    days === undefined ? [] : [{ stage, at: startOfDay(addDays(overdueDay, days), timeZone) }],
  );
}

/**
 * When the collections run first looks at an invoice issued at `issuedAt` and due at `dueAt`: its first reminder
 * not before the issue (earlier steps are passed), or the instant it becomes overdue, whichever comes first.
 */
export function firstCollectionsInstant(
  policy: CollectionsPolicy,
  issuedAt: string,
  dueAt: string,
  timeZone: string,
): string {
  const dueDay = localDay(dueAt, timeZone);
  const overdue = overdueInstant(policy, dueDay, timeZone);
  const reminder = reminderSchedule(policy, dueDay, timeZone).find((step) => step.at >= issuedAt);
  return reminder !== undefined && reminder.at < overdue ? reminder.at : overdue;
}
