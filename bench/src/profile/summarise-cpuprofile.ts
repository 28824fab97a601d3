import fs from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  selfPercent: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Share of samples where the process was idle (waiting on I/O). */
  idlePercent: number;
  topFunctions: (ProfileEntry & { location: string })[];
  /** Self time grouped by where the code lives: a package, our code, Node internals, GC. */
  byComponent: ProfileEntry[];
  /**
   * Time with the component anywhere on the (synchronous) stack. Continuations
   * after an await start a new stack, so async callers are undercounted; still
   * it shows e.g. how much of knex's time runs under users-permissions.
   */
  inclusiveByComponent: ProfileEntry[];
}

/** Where a function's code lives, coarse enough to say "which library spends the time". */
export function componentOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8/native (program)';
    return `native: ${functionName || '(anonymous)'}`;
  }
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  if (url.includes('/cms/dist/')) return 'cms code (cms/dist)';
  if (url.includes('/stream-worker/dist/')) return 'worker code (stream-worker/dist)';
  if (url.includes('/contracts/dist/')) return 'contracts';
  return url;
}

const shortLocation = (frame: CallFrame) => {
  if (!frame.url) return '';
  const nm = frame.url.lastIndexOf('node_modules/');
  const path =
    nm >= 0 ? frame.url.slice(nm + 'node_modules/'.length) : frame.url.replace(/^file:\/\/.*?\/(cms|stream-worker|contracts)\//, '$1/');
  return `${path}:${frame.lineNumber + 1}`;
};

/**
 * A time window on the monotonic clock in microseconds: V8 stamps profile
 * samples with the same clock as process.hrtime(), so the bench can keep only
 * the samples taken while its load ran (start-up and shutdown left out).
 */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/** Self time per function (from sample time deltas) and per component, top first. */
export function summariseCpuProfile(file: string, window?: ProfileWindow, top = 20): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    // timeDeltas[i] is the time since the previous sample: attribute it to this one.
    const delta = Math.max(0, profile.timeDeltas[i] ?? 0);
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  }
  // Components on the path from the root to each node, for inclusive time.
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const onPath = new Map<number, Set<string>>();
  const pathComponents = (id: number): Set<string> => {
    const known = onPath.get(id);
    if (known) return known;
    // Iterative walk up to the first node already known (deep stacks would overflow recursion).
    const chain: number[] = [];
    let cursor: number | undefined = id;
    while (cursor !== undefined && !onPath.has(cursor)) {
      chain.push(cursor);
      cursor = parentOf.get(cursor);
    }
    let set = cursor !== undefined ? onPath.get(cursor)! : new Set<string>();
    for (let i = chain.length - 1; i >= 0; i--) {
      const frame = byId.get(chain[i]!)?.callFrame;
      const next = new Set(set);
      if (frame) next.add(componentOf(frame));
      onPath.set(chain[i]!, next);
      set = next;
    }
    return onPath.get(id)!;
  };
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) for (const c of pathComponents(id)) inclusive.set(c, (inclusive.get(c) ?? 0) + us);

  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const functions = new Map<string, { name: string; location: string; us: number }>();
  const components = new Map<string, number>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const component = componentOf(frame);
    if (component === 'idle') idleUs += us;
    components.set(component, (components.get(component) ?? 0) + us);
    const location = shortLocation(frame);
    const key = `${frame.functionName}@${location}`;
    const entry = functions.get(key) ?? { name: frame.functionName || '(anonymous)', location, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const busyUs = Math.max(1, totalUs - idleUs);
  // Percentages of busy time: idle time says nothing about where CPU goes.
  const pct = (us: number) => Math.round((us / busyUs) * 1000) / 10;
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    totalMs: ms(totalUs),
    idlePercent: Math.round((idleUs / totalUs) * 1000) / 10,
    topFunctions: [...functions.values()]
      .filter((f) => f.name !== '(idle)')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, location: f.location, selfMs: ms(f.us), selfPercent: pct(f.us) })),
    byComponent: [...components.entries()]
      .filter(([name]) => name !== 'idle')
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([name, us]) => ({ name, selfMs: ms(us), selfPercent: pct(us) })),
    inclusiveByComponent: [...inclusive.entries()]
      // Frames at the bottom of every stack (the root, the microtask queue, Node's internals) say nothing.
      .filter(
        ([name]) =>
          !['idle', 'V8/native (program)', 'garbage collection', 'node: internal', 'native: runMicrotasks', 'native: (root)'].includes(
            name,
          ),
      )
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([name, us]) => ({ name, selfMs: ms(us), selfPercent: pct(us) })),
  };
}
