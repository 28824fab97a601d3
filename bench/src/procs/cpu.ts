import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * CPU time of the processes under test, from /proc/<pid>/stat (utime + stime,
 * plus cutime + cstime so that children that ran and were reaped between two
 * readings, such as PostgreSQL backends, still count). A tracked process counts
 * with all its descendants.
 *
 * Hand-written rather than pidusage on purpose: pidusage's `ctime` is utime +
 * stime of the process alone, so the reaped children's time, where most of
 * PostgreSQL's (FerretDB's backend) CPU lands, would vanish from the figures.
 */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const num = (i: number) => Number(rest[i] ?? 0);
  // rest[0] is field 3 (state); utime..cstime are fields 14..17.
  return { pid, ppid: num(1), ticks: num(11) + num(12) + num(13) + num(14) };
}

function allStats(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) out.push(stat);
  }
  return out;
}

/** CPU seconds used so far by `root` and its descendants. */
function treeSeconds(root: number, stats: ProcStat[]): number | null {
  const byParent = new Map<number, ProcStat[]>();
  let rootStat: ProcStat | undefined;
  for (const s of stats) {
    if (s.pid === root) rootStat = s;
    const list = byParent.get(s.ppid) ?? [];
    list.push(s);
    byParent.set(s.ppid, list);
  }
  if (!rootStat) return null;
  let ticks = 0;
  const queue = [rootStat];
  for (let guard = 0; queue.length > 0 && guard < 100_000; guard++) {
    const s = queue.pop()!;
    ticks += s.ticks;
    queue.push(...(byParent.get(s.pid) ?? []));
  }
  return ticks / CLOCK_TICKS;
}

export interface TrackedProcess {
  name: string;
  pid: number;
}

export type CpuSnapshot = { at: number; seconds: Map<string, number>; self: NodeJS.CpuUsage };

export interface CpuUse {
  process: string;
  pid: number | null;
  cpuSeconds: number;
  /** Percent of one core over the stage's wall time (200% = both cores of a 2-core machine). */
  percentOfOneCore: number;
}

/** The set of processes whose CPU each stage reports; processes come and go between stages. */
export class CpuMeter {
  private readonly tracked = new Map<string, number>();

  track(name: string, pid: number | null | undefined): void {
    if (pid) this.tracked.set(name, pid);
    else this.tracked.delete(name);
  }

  untrack(name: string): void {
    this.tracked.delete(name);
  }

  snapshot(): CpuSnapshot {
    const stats = allStats();
    const seconds = new Map<string, number>();
    for (const [name, pid] of this.tracked) {
      const s = treeSeconds(pid, stats);
      if (s !== null) seconds.set(name, s);
    }
    return { at: Date.now(), seconds, self: process.cpuUsage() };
  }

  /** CPU used by each process alive at the end of the stage, and by the bench process itself (the load generator). */
  between(before: CpuSnapshot, after: CpuSnapshot): CpuUse[] {
    const wall = Math.max(0.001, (after.at - before.at) / 1000);
    const uses: CpuUse[] = [];
    for (const [name, end] of after.seconds) {
      // Not there at the start: the process was started during the stage, all its CPU counts.
      const start = before.seconds.get(name) ?? 0;
      const cpuSeconds = Math.max(0, end - start);
      uses.push({
        process: name,
        pid: this.tracked.get(name) ?? null,
        cpuSeconds: round(cpuSeconds),
        percentOfOneCore: round((cpuSeconds / wall) * 100),
      });
    }
    const selfSeconds = (after.self.user + after.self.system - before.self.user - before.self.system) / 1e6;
    uses.push({
      process: 'bench (load generator)',
      pid: process.pid,
      cpuSeconds: round(selfSeconds),
      percentOfOneCore: round((selfSeconds / wall) * 100),
    });
    return uses;
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/** PID of the process listening on a local TCP port (via `ss`), or null. */
export function pidListeningOn(port: number): number | null {
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8', timeout: 5000 });
    const match = /pid=(\d+)/.exec(out);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
