/**
 * Benchmarks that are honest on a noisy machine: every figure is printed next to a baseline measured in
 * the same run, as a ratio, and checked against a target ratio.
 * @module
 */
import { Bench } from 'tinybench';

/** One measured operation. */
export interface BenchCase {
  readonly name: string;
  readonly run: () => unknown | Promise<unknown>;
}

/** A subject measured against a baseline, with the largest ratio (subject time / baseline time) accepted. */
export interface Comparison {
  readonly subject: BenchCase;
  readonly baseline: BenchCase;
  /** The target: subject ns/op may be at most this many times the baseline's. */
  readonly maxRatio?: number;
}

/** What one comparison measured. */
export interface ComparisonResult {
  readonly subject: string;
  readonly baseline: string;
  readonly subjectNsPerOp: number;
  readonly baselineNsPerOp: number;
  readonly ratio: number;
  readonly maxRatio?: number;
  readonly met: boolean;
}

function nsPerOp(bench: Bench, name: string): number {
  const task = bench.getTask(name);
  const result = task?.result;
  if (!result || !('latency' in result)) throw new Error(`benchmark "${name}" did not complete: ${result?.state}`);
  return result.latency.mean * 1e6;
}

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms/op`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs/op`;
  return `${ns.toFixed(0)} ns/op`;
}

function formatRate(ns: number): string {
  return `${Math.round(1e9 / ns).toLocaleString('en-US')} ops/s`;
}

/**
 * Runs each subject and its baseline interleaved in one tinybench run and prints a table of ns/op, ops/s and
 * the ratio. Returns the results so callers can print their own figures or fail on a missed target.
 */
export async function compare(
  title: string,
  comparisons: readonly Comparison[],
  time = 700,
): Promise<ComparisonResult[]> {
  const bench = new Bench({ time, warmupTime: 200 });
  for (const { subject, baseline } of comparisons) {
    bench.add(baseline.name, baseline.run);
    bench.add(subject.name, subject.run);
  }
  await bench.run();
  console.log(`\n${title}`);
  const results = comparisons.map(({ subject, baseline, maxRatio }) => {
    const subjectNs = nsPerOp(bench, subject.name);
    const baselineNs = nsPerOp(bench, baseline.name);
    const ratio = subjectNs / baselineNs;
    const met = maxRatio === undefined || ratio <= maxRatio;
    console.log(
      `  ${subject.name}: ${formatNs(subjectNs)} (${formatRate(subjectNs)})  vs baseline ${baseline.name}: ${formatNs(baselineNs)} (${formatRate(baselineNs)})  ratio ${ratio.toFixed(2)}×${maxRatio === undefined ? '' : `  target ≤ ${maxRatio}× ${met ? 'met' : 'MISSED'}`}`,
    );
    return {
      subject: subject.name,
      baseline: baseline.name,
      subjectNsPerOp: subjectNs,
      baselineNsPerOp: baselineNs,
      ratio,
      maxRatio,
      met,
    };
  });
  return results;
}

/** One side of a {@link compareOnce}: work too big for a per-op loop, run once per repetition. */
export interface OnceCase {
  readonly name: string;
  /** Untimed preparation before each repetition (fresh data). */
  readonly setup?: (repetition: number) => unknown | Promise<unknown>;
  /** The timed work. */
  readonly run: (repetition: number) => unknown | Promise<unknown>;
  /** Untimed clean-up after each repetition. */
  readonly teardown?: (repetition: number) => unknown | Promise<unknown>;
}

/** How {@link compareOnce} measures and prints. */
export interface CompareOnceOptions {
  /** Runs of each side (default 3); the median counts. */
  readonly repetitions?: number;
  /** How many items one run handles, to print a rate (`subscriptions/s`) besides the time. */
  readonly items?: number;
  /** What an item is, for the rate (default `items`). */
  readonly unit?: string;
  /** The target: the subject's median time may be at most this many times the baseline's. */
  readonly maxRatio?: number;
}

/** What {@link compareOnce} measured, in milliseconds per run. */
export interface OnceResult {
  readonly subject: string;
  readonly baseline: string;
  readonly subjectMs: readonly number[];
  readonly baselineMs: readonly number[];
  readonly subjectMedianMs: number;
  readonly baselineMedianMs: number;
  readonly ratio: number;
  readonly maxRatio?: number;
  readonly met: boolean;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function timeOnce(work: () => unknown | Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function formatMs(ms: number, items: number | undefined, unit: string): string {
  const rate = items === undefined ? '' : ` (${Math.round((items * 1000) / ms).toLocaleString('en-US')} ${unit}/s)`;
  return `${ms.toFixed(0)} ms${rate}`;
}

/**
 * Compares one-shot work (a billing run, a bulk load) with a baseline measured in the same run: each
 * repetition runs the subject, then the baseline (each with its untimed `setup` and `teardown`), and the
 * medians are compared. Prints the median time (and rate, given `items`), every sample, and the ratio.
 * @example
 * ```ts
 * await compareOnce('10,000 subscriptions', engineRun, rawInsert, { items: 10_000, unit: 'subscriptions', maxRatio: 3 });
 * ```
 */
export async function compareOnce(
  title: string,
  subject: OnceCase,
  baseline: OnceCase,
  options: CompareOnceOptions = {},
): Promise<OnceResult> {
  const repetitions = options.repetitions ?? 3;
  const unit = options.unit ?? 'items';
  const subjectMs: number[] = [];
  const baselineMs: number[] = [];
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const [side, samples] of [
      [subject, subjectMs],
      [baseline, baselineMs],
    ] as const) {
      await side.setup?.(repetition);
      samples.push(await timeOnce(() => side.run(repetition)));
      await side.teardown?.(repetition);
    }
  }
  const subjectMedianMs = median(subjectMs);
  const baselineMedianMs = median(baselineMs);
  const ratio = subjectMedianMs / baselineMedianMs;
  const { maxRatio } = options;
  const met = maxRatio === undefined || ratio <= maxRatio;
  const samples = (values: readonly number[]) => values.map((ms) => ms.toFixed(0)).join(', ');
  console.log(`\n${title} (median of ${repetitions})`);
  console.log(`  ${subject.name}: ${formatMs(subjectMedianMs, options.items, unit)}  [${samples(subjectMs)} ms]`);
  console.log(
    `  baseline ${baseline.name}: ${formatMs(baselineMedianMs, options.items, unit)}  [${samples(baselineMs)} ms]`,
  );
  console.log(
    `  ratio ${ratio.toFixed(2)}×${maxRatio === undefined ? '' : `  target ≤ ${maxRatio}× ${met ? 'met' : 'MISSED'}`}`,
  );
  return {
    subject: subject.name,
    baseline: baseline.name,
    subjectMs,
    baselineMs,
    subjectMedianMs,
    baselineMedianMs,
    ratio,
    ...(maxRatio === undefined ? {} : { maxRatio }),
    met,
  };
}

export { compareWithFloor, printGoals } from './floor';
export type { FloorGoal, FloorOptions, FloorResult, FloorSubject } from './floor';
export { formatProfileSummary, profiled, summarizeCpuProfile, summarizeCpuProfileFile } from './cpu-profile';
export type { CpuProfile, ProfileShare, ProfileSummary } from './cpu-profile';
