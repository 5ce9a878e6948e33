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
export async function compare(title: string, comparisons: readonly Comparison[], time = 700): Promise<ComparisonResult[]> {
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
    return { subject: subject.name, baseline: baseline.name, subjectNsPerOp: subjectNs, baselineNsPerOp: baselineNs, ratio, maxRatio, met };
  });
  return results;
}
