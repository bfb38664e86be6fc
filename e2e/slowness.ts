import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * How slow this machine is now, as one factor the e2e limits are multiplied by (e2e/limits.ts). Kept apart
 * from limits.ts so that playwright.config.ts can read it without importing the test runner's `test`.
 */
export const ENV = 'POSTFRAME_E2E_SLOWNESS';
const MAX_SLOWNESS = 12;

/**
 * How many times slower than a quiet machine this one is now: POSTFRAME_E2E_SLOWNESS, which the global set-up
 * measures once (`measureSlowness`) unless a person set it. Workers inherit it.
 */
export function slowness(): number {
  const v = Number(process.env[ENV]);
  return Number.isFinite(v) && v >= 1 ? Math.min(v, MAX_SLOWNESS) : 1;
}

/** Fixed CPU work for one thread: chained SHA-256 (about 0.25 s on the reference machine). */
const BENCH = `
const { createHash } = require('node:crypto');
const { parentPort, workerData } = require('node:worker_threads');
let h = Buffer.alloc(64);
for (let i = 0; i < workerData; i++) h = createHash('sha256').update(h).digest();
parentPort.postMessage(h.length);
`;
const BENCH_ITERATIONS = 100_000;
/** CPU milliseconds one thread of BENCH took on the reference machine (the 2-core CI box, issue 9 §21). */
const REFERENCE_CPU_MS = 250;

/**
 * Measures how much slower this machine is than the reference, now: two threads (the suite's two workers, the
 * CI box's two cores) run fixed work; the wall time against the CPU time they got says how contended the
 * cores are, and the CPU time against the reference says how fast they are. Neither is a guess of speed: both
 * are read from the clock and the process's own CPU accounting.
 */
export async function measureSlowness(): Promise<{ factor: number; wallMs: number; cpuMsPerThread: number }> {
  const threads = Math.max(1, Math.min(2, cpus().length));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(BENCH, { eval: true, workerData: BENCH_ITERATIONS });
          w.once('message', () => resolve());
          w.once('error', reject);
        }),
    ),
  );
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  const cpuMsPerThread = (used.user + used.system) / 1000 / threads;
  const contention = wallMs / Math.max(cpuMsPerThread, 1);
  const speed = cpuMsPerThread / REFERENCE_CPU_MS;
  const factor = Math.min(MAX_SLOWNESS, Math.max(1, Math.max(1, contention) * Math.max(1, speed)));
  return { factor: Math.round(factor * 10) / 10, wallMs: Math.round(wallMs), cpuMsPerThread: Math.round(cpuMsPerThread) };
}

/** Sets POSTFRAME_E2E_SLOWNESS for the run (workers inherit it) unless a person set it; returns a line for the log. */
export async function settleSlowness(): Promise<string> {
  if (process.env[ENV]) return `e2e limits: slowness ×${slowness().toFixed(1)} (${ENV} as set)`;
  const m = await measureSlowness();
  process.env[ENV] = String(m.factor);
  return `e2e limits: slowness ×${m.factor.toFixed(1)} (measured: ${m.wallMs} ms for ${m.cpuMsPerThread} ms of CPU per thread; set ${ENV} to choose)`;
}
