import { pbkdf2 } from 'node:crypto';
import fs from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';

/**
 * Where a stretch of this process's CPU time went, by thread (Linux /proc): the main thread (JavaScript, V8's
 * pauses, SQLite, sharp's glue), libvips' workers (decoding, shrinking, encoding), and the rest (libuv's pool,
 * V8's background GC and compiler threads). A plain `process.cpuUsage()` adds them all up, which hides which
 * kind of work a change added. Elsewhere than Linux only the total is known.
 */

export type CpuSplit = {
  /** Every thread of the process, from getrusage (includes threads that ended). Milliseconds. */
  total: number;
  main: number;
  vips: number;
  /** libuv's thread pool: fs calls, and sharp's calls into libvips (each pipeline starts on one). */
  libuv: number;
  /** Every other thread: V8's platform workers (concurrent GC marking and sweeping, background compiling). */
  other: number;
  /** Main-thread time inside garbage-collection pauses (PerformanceObserver 'gc'), and how many. */
  gcPauseMs: number;
  gcPauses: number;
};

type ThreadTimes = Map<string, { comm: string; ns: number }>;
export type CpuMark = { usage: NodeJS.CpuUsage; threads: ThreadTimes; gc: { ms: number; n: number } };

const TASKS = '/proc/self/task';

function threadTimes(): ThreadTimes {
  const out: ThreadTimes = new Map();
  let tids: string[];
  try {
    tids = fs.readdirSync(TASKS);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      // schedstat's first field is nanoseconds on a CPU: finer than stat's clock ticks (10 ms here).
      const ns = Number(fs.readFileSync(`${TASKS}/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const comm = fs.readFileSync(`${TASKS}/${tid}/comm`, 'utf8').trim();
      out.set(tid, { comm, ns });
    } catch {
      // The thread ended between the listing and the read: its time is in the total, not in a bucket.
    }
  }
  return out;
}

/** GC pauses seen since start, kept in a counter the marks read (observers deliver asynchronously). */
const gcSeen = { ms: 0, n: 0 };
let observer: PerformanceObserver | null = null;
function watchGc(): void {
  if (observer) return;
  observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcSeen.ms += e.duration;
      gcSeen.n++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
}

/**
 * libuv's pool threads and V8's workers are both named "node" on Node 20. Which is which is found once by
 * giving the pool alone some work (pbkdf2 runs there) and seeing which threads gain CPU time.
 */
let poolTids: Set<string> | null = null;
async function findPoolThreads(): Promise<Set<string>> {
  const before = threadTimes();
  const work = () => new Promise<void>((resolve, reject) => pbkdf2('x', 'y', 20_000, 32, 'sha256', (e) => (e ? reject(e) : resolve())));
  await Promise.all(Array.from({ length: 4 * Number(process.env.UV_THREADPOOL_SIZE ?? 4) }, work));
  const found = new Set<string>();
  for (const [tid, t] of threadTimes()) {
    if (tid !== String(process.pid) && t.comm === 'node' && t.ns - (before.get(tid)?.ns ?? 0) > 2e6) found.add(tid);
  }
  return found;
}

export async function cpuMark(): Promise<CpuMark> {
  watchGc();
  poolTids ??= await findPoolThreads();
  return { usage: process.cpuUsage(), threads: threadTimes(), gc: { ...gcSeen } };
}

/** CPU spent since `from`, split by thread. Await a tick before calling, so the GC observer has delivered. */
export function cpuSince(from: CpuMark): CpuSplit {
  const u = process.cpuUsage(from.usage);
  const now = threadTimes();
  const split = { main: 0, vips: 0, libuv: 0, other: 0 };
  const pid = String(process.pid);
  for (const [tid, t] of now) {
    const ms = (t.ns - (from.threads.get(tid)?.ns ?? 0)) / 1e6;
    if (tid === pid) split.main += ms;
    else if (t.comm.startsWith('libvips')) split.vips += ms;
    else if (poolTids?.has(tid)) split.libuv += ms;
    else split.other += ms;
  }
  return { total: (u.user + u.system) / 1000, ...split, gcPauseMs: gcSeen.ms - from.gc.ms, gcPauses: gcSeen.n - from.gc.n };
}
