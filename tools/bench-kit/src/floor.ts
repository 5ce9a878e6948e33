/**
 * Work measured against its floor: the least the same work can cost, written by hand (a COPY, one set-based
 * statement, plain BigInt math), run in the same process, interleaved with the subjects, best of N. Each subject
 * is printed with its time, its rate, the floor's, the ratio and its goals (met / missed).
 */
import type { OnceCase } from './index';

/** What a subject must reach; each goal given is checked and printed. */
export interface FloorGoal {
  /** The subject's time may be at most this many times the floor's. */
  readonly maxRatio?: number;
  /** At least this many items per second (e.g. 50,000 events/s). */
  readonly minRate?: number;
  /** At most this many milliseconds. */
  readonly maxMs?: number;
  /**
   * At most this many CPU milliseconds of this process (work on one core; on a shared machine wall time also holds
   * the time other processes had the core).
   */
  readonly maxCpuMs?: number;
}

/** One subject measured against the floor. */
export interface FloorSubject extends OnceCase {
  readonly goal?: FloorGoal;
}

/** How {@link compareWithFloor} measures and prints. */
export interface FloorOptions {
  /** Rounds; each runs the floor, then every subject (each with its untimed setup and teardown). Default 3. */
  readonly repetitions?: number;
  /** Items one run handles, for the rates. */
  readonly items?: number;
  /** What an item is (default `items`). */
  readonly unit?: string;
  /**
   * CPU milliseconds used so far by the database server (when it runs in another process on this machine): each
   * run then also prints the CPU it cost this process and the server, the figure a shared machine does not blur.
   */
  readonly serverCpuMs?: () => number;
}

/** The CPU one run cost: this process, and the database server when its use can be read. */
interface RunCpu {
  readonly processMs: number;
  readonly serverMs?: number;
}

/** What one subject measured, with its floor. */
export interface FloorResult {
  readonly title: string;
  readonly subject: string;
  readonly floor: string;
  /** The fastest run of the subject and of the floor, milliseconds. */
  readonly subjectMs: number;
  readonly floorMs: number;
  readonly ratio: number;
  /** Items per second of the subject's fastest run (when `items` was given). */
  readonly rate?: number;
  readonly goal?: FloorGoal;
  /** The CPU the fastest run of the subject cost. */
  readonly cpu: RunCpu;
  /** Every goal given is reached. */
  readonly met: boolean;
  /** Each goal and whether it was reached: `≤ 3× met`, `≥ 50,000 events/s MISSED`. */
  readonly verdicts: readonly string[];
}

const number = (value: number) => Math.round(value).toLocaleString('en-US');

interface Timed {
  readonly ms: number;
  readonly cpu: RunCpu;
}

async function timed(side: OnceCase, repetition: number, serverCpuMs?: () => number): Promise<Timed> {
  await side.setup?.(repetition);
  const server = serverCpuMs?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await side.run(repetition);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const processMs = (used.user + used.system) / 1000;
  const serverMs = server === undefined ? undefined : (serverCpuMs?.() ?? server) - server;
  await side.teardown?.(repetition);
  return { ms, cpu: serverMs === undefined ? { processMs } : { processMs, serverMs } };
}

/** CPU of a run over the floor's, this process and the server together. */
const cpuRatio = (run: RunCpu, floor: RunCpu) =>
  (run.processMs + (run.serverMs ?? 0)) / Math.max(floor.processMs + (floor.serverMs ?? 0), 1);

const cpuText = ({ processMs, serverMs }: RunCpu) =>
  `cpu ${number(processMs)} ms here${serverMs === undefined ? '' : ` + ${number(serverMs)} ms in the server`}`;

function verdictsOf(goal: FloorGoal | undefined, run: Timed, ratio: number, rate: number | undefined, unit: string) {
  const { ms } = run;
  const verdicts: { text: string; met: boolean }[] = [];
  if (goal?.maxRatio !== undefined)
    verdicts.push({ text: `≤ ${goal.maxRatio}× the floor`, met: ratio <= goal.maxRatio });
  if (goal?.minRate !== undefined) {
    verdicts.push({ text: `≥ ${number(goal.minRate)} ${unit}/s`, met: rate !== undefined && rate >= goal.minRate });
  }
  if (goal?.maxMs !== undefined) verdicts.push({ text: `≤ ${number(goal.maxMs)} ms`, met: ms <= goal.maxMs });
  if (goal?.maxCpuMs !== undefined) {
    const cpuMs = run.cpu.processMs;
    verdicts.push({ text: `≤ ${number(goal.maxCpuMs)} ms of CPU (${number(cpuMs)})`, met: cpuMs <= goal.maxCpuMs });
  }
  return verdicts.map(({ text, met }) => ({ text: `${text} ${met ? 'met' : 'MISSED'}`, met }));
}

/**
 * Runs the floor and every subject `repetitions` times, interleaved (floor, subject 1, subject 2, …, again), and
 * compares each subject's fastest run with the floor's fastest (best of N: on a shared machine the fastest run is
 * the one least disturbed). Prints one block and returns one result per subject.
 * @example
 * ```ts
 * await compareWithFloor('PostgreSQL: 100,000 usage events', copyOnce,
 *   [{ name: 'usage.ingest, batches of 1,000', run: ingestAll, goal: { maxRatio: 3, minRate: 50_000 } }],
 *   { items: 100_000, unit: 'events' });
 * ```
 */
export async function compareWithFloor(
  title: string,
  floor: OnceCase,
  subjects: readonly FloorSubject[],
  options: FloorOptions = {},
): Promise<FloorResult[]> {
  const repetitions = options.repetitions ?? 3;
  const unit = options.unit ?? 'items';
  const floorRuns: Timed[] = [];
  const subjectRuns = subjects.map(() => [] as Timed[]);
  for (let repetition = 0; repetition < repetitions; repetition++) {
    floorRuns.push(await timed(floor, repetition, options.serverCpuMs));
    for (const [i, subject] of subjects.entries()) {
      subjectRuns[i]?.push(await timed(subject, repetition, options.serverCpuMs));
    }
  }
  const fastest = (runs: readonly Timed[]) => runs.reduce((best, run) => (run.ms < best.ms ? run : best));
  const rateOf = (ms: number) => (options.items === undefined ? undefined : (options.items * 1000) / ms);
  const describe = (ms: number) => {
    const rate = rateOf(ms);
    return `${number(ms)} ms${rate === undefined ? '' : ` (${number(rate)} ${unit}/s)`}`;
  };
  const samples = (runs: readonly Timed[]) => `[${runs.map((run) => number(run.ms)).join(', ')} ms]`;
  const floorBest = fastest(floorRuns);
  const bestFloor = floorBest.ms;
  console.log(`\n${title} (best of ${repetitions}, interleaved)`);
  console.log(`  floor, ${floor.name}: ${describe(bestFloor)}  ${samples(floorRuns)}  ${cpuText(floorBest.cpu)}`);
  return subjects.map((subject, i) => {
    const runs = subjectRuns[i] as Timed[];
    const bestRun = fastest(runs);
    const { ms: best, cpu } = bestRun;
    const ratio = best / bestFloor;
    const rate = rateOf(best);
    const verdicts = verdictsOf(subject.goal, bestRun, ratio, rate, unit);
    console.log(
      `  ${subject.name}: ${describe(best)}  ${samples(runs)}  ${cpuText(cpu)}  ratio ${ratio.toFixed(2)}× (cpu ${cpuRatio(cpu, floorBest.cpu).toFixed(2)}×)${verdicts.length === 0 ? '' : `  ${verdicts.map((v) => v.text).join(', ')}`}`,
    );
    return {
      title,
      subject: subject.name,
      floor: floor.name,
      subjectMs: best,
      floorMs: bestFloor,
      ratio,
      ...(rate === undefined ? {} : { rate }),
      ...(subject.goal === undefined ? {} : { goal: subject.goal }),
      cpu,
      met: verdicts.every((v) => v.met),
      verdicts: verdicts.map((v) => v.text),
    };
  });
}

/** Prints the goals of a benchmark file as one table: figure, floor, ratio, met / missed. */
export function printGoals(results: readonly FloorResult[]): void {
  const goals = results.filter((result) => result.verdicts.length > 0);
  if (goals.length === 0) return;
  console.log('\nGoals (figure · floor · ratio · verdict)');
  for (const result of goals) {
    const rate = result.rate === undefined ? '' : ` (${number(result.rate)}/s)`;
    console.log(
      `  ${result.met ? 'met   ' : 'MISSED'}  ${result.title} — ${result.subject}: ${number(result.subjectMs)} ms${rate} · floor ${number(result.floorMs)} ms · ${result.ratio.toFixed(2)}× · ${result.verdicts.join(', ')}`,
    );
  }
}
