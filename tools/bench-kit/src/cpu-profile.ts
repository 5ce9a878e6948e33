/**
 * CPU profiles of benchmark runs: record one with V8's sampling profiler (the `.cpuprofile` Chrome DevTools and
 * `node --cpu-prof` write) and summarise where the time went, by function and by package.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** The parts of a `.cpuprofile` the summary reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
      readonly columnNumber: number;
    };
  }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** One line of a summary: a function or a package and the share of the samples spent in it (self time). */
export interface ProfileShare {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/** Where a profile's time went: self time by function and by package (or Node, V8, idle). */
export interface ProfileSummary {
  readonly totalMs: number;
  readonly functions: readonly ProfileShare[];
  readonly packages: readonly ProfileShare[];
}

/**
 * Runs `work` under the V8 CPU profiler (sampling every 200 µs) and writes the profile to `file`; the profile
 * covers `work` only (not the seeding around it).
 */
export async function profiled<T>(file: string, work: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
  }
}

/** `@billfold/core` for a workspace source path, the package name for `node_modules`, `node:` for Node's own code. */
function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName === '(idle)' || functionName === '(program)' ? functionName : '(V8 and native)';
  if (url.startsWith('node:')) return 'node: (streams, sockets, timers)';
  const modules = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1] !== undefined) return modules[1];
  const workspace = /\/(packages|tools)\/([^/]+)\//.exec(url);
  if (workspace !== undefined && workspace !== null) return `${workspace[1]}/${workspace[2]}`;
  return url;
}

function shares(totals: Map<string, number>, totalMs: number, top: number): ProfileShare[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => ({ name, ms, share: ms / totalMs }));
}

/** Self time by function (`name file:line`) and by package, the `top` largest of each. */
export function summarizeCpuProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalMs = 0;
  samples.forEach((id, i) => {
    const frame = byId.get(id);
    const ms = (deltas[i] ?? 0) / 1000;
    if (frame === undefined) return;
    totalMs += ms;
    const file = frame.url.split('/').slice(-1)[0] ?? '';
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const owner = packageOf(frame.url, frame.functionName);
    packages.set(owner, (packages.get(owner) ?? 0) + ms);
  });
  return { totalMs, functions: shares(functions, totalMs, top), packages: shares(packages, totalMs, top) };
}

/** The summary as lines of text: packages first, then functions, each with milliseconds and percent. */
export function formatProfileSummary(summary: ProfileSummary): string {
  const line = ({ name, ms, share }: ProfileShare) =>
    `    ${(share * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${name}`;
  return [
    `  CPU profile: ${summary.totalMs.toFixed(0)} ms sampled; self time by package:`,
    ...summary.packages.map(line),
    '  by function:',
    ...summary.functions.map(line),
  ].join('\n');
}

/** Reads a `.cpuprofile` file and returns its summary as text. */
export async function summarizeCpuProfileFile(file: string, top = 15): Promise<string> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  return formatProfileSummary(summarizeCpuProfile(profile, top));
}
