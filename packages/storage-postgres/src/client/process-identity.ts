import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who holds a lock: enough to tell, later and from another process, whether that holder still runs.
 * @internal
 */
export interface ProcessIdentity {
  readonly pid: number;
  readonly hostname: string;
  /** The Linux boot the process ran in (`/proc/sys/kernel/random/boot_id`), when known. */
  readonly bootId?: string;
  /** The process's start time in clock ticks since boot (`/proc/<pid>/stat`, field 22), when known. */
  readonly startTicks?: string;
}

/** A `/proc` file's text, or `undefined` where there is no `/proc` (macOS, Windows) or no such process. */
function procText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Field 22 of `/proc/<pid>/stat`: counted after the command name, which may itself hold spaces and parentheses. */
function startTicksOf(pid: number): string | undefined {
  const stat = procText(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

function currentBootId(): string | undefined {
  return procText('/proc/sys/kernel/random/boot_id')?.trim();
}

/** This process, as a lock records its holder. @internal */
export function currentProcess(): ProcessIdentity {
  const bootId = currentBootId();
  const startTicks = startTicksOf(process.pid);
  return {
    pid: process.pid,
    hostname: hostname(),
    ...(bootId === undefined ? {} : { bootId }),
    ...(startTicks === undefined ? {} : { startTicks }),
  };
}

/**
 * Whether the process a lock names has certainly ended. When in doubt it has not: a holder on another host, a pid
 * that exists (also when it belongs to another user, or to a new process that reused the pid and `/proc` cannot
 * tell them apart). On Linux, a different boot or a different start time of the pid proves the holder ended.
 * @internal
 */
export function hasEnded(holder: ProcessIdentity): boolean {
  if (holder.hostname !== hostname()) return false;
  const bootId = currentBootId();
  if (holder.bootId !== undefined && bootId !== undefined && holder.bootId !== bootId) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // ESRCH: no such process. EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const startTicks = startTicksOf(holder.pid);
  return holder.startTicks !== undefined && startTicks !== undefined && holder.startTicks !== startTicks;
}
