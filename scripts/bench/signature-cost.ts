import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { SIGNATURE_GRID, type VisualSignature, signatureOf } from '../../electron/model/visual-signature';
import { THUMB_SIZE, writeImageThumbnail } from '../../electron/media/images';
import { signatureOfRaw } from '../../electron/media/visual';
import { type CpuSplit, cpuMark, cpuSince } from './cpu';
import { importOnce, openStudio } from './library';
import { ensureBenchMedia, warm } from './media';

/**
 * `npm run bench -- signature-cost`: where the extra import time of colours and hashes goes, for the `library`
 * bench's `import_overhead_ratio`. Two views on the same 24 bench photos:
 * - each step of the photo path alone, one photo at a time, CPU per photo split by thread (cpu.ts);
 * - whole imports through a Studio with and without signatures, interleaved in this process, the difference per
 *   photo split by thread, with GC pauses.
 * POSTFRAME_BENCH_SIG_ONLY=imports skips the steps; =with or =without imports only that side (run it under
 * `node --cpu-prof` to see the main thread's functions).
 */

export type StepCost = { step: string; wall_ms: number; cpu_ms: number; main_ms: number; vips_ms: number; libuv_ms: number; other_ms: number };
export type ImportSide = { wall_ms: number; cpu: CpuSplit };
export type SignatureCostResult = {
  photos: number;
  steps: StepCost[];
  /** Per photo, median over rounds: with signatures, without, and the difference by thread. */
  imports: { with: PerPhoto; without: PerPhoto; added: PerPhoto; wall_ratio: number; cpu_ratio: number; rounds: number };
};
type PerPhoto = { wall_ms: number; cpu_ms: number; main_ms: number; vips_ms: number; libuv_ms: number; other_ms: number; gc_pause_ms: number; gc_pauses: number };

const round2 = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Runs `fn` over every photo, `reps` passes after one warm-up pass; CPU per photo, median of the passes. */
async function step(name: string, photos: Buffer[], reps: number, fn: (photo: Buffer, i: number) => Promise<unknown>): Promise<StepCost> {
  for (const [i, p] of photos.entries()) await fn(p, i);
  const passes: { wall: number; split: CpuSplit }[] = [];
  for (let r = 0; r < reps; r++) {
    const mark = await cpuMark();
    const t = process.hrtime.bigint();
    for (const [i, p] of photos.entries()) await fn(p, i);
    const wall = Number(process.hrtime.bigint() - t) / 1e6;
    await new Promise((resolve) => setImmediate(resolve));
    passes.push({ wall, split: cpuSince(mark) });
  }
  const per = (f: (p: { wall: number; split: CpuSplit }) => number) => round2(median(passes.map(f)) / photos.length);
  return { step: name, wall_ms: per((p) => p.wall), cpu_ms: per((p) => p.split.total), main_ms: per((p) => p.split.main), vips_ms: per((p) => p.split.vips), libuv_ms: per((p) => p.split.libuv), other_ms: per((p) => p.split.other) };
}

export async function signatureCostBench(o: { reps?: number; rounds?: number; log?: (msg: string) => void } = {}): Promise<SignatureCostResult> {
  const log = o.log ?? (() => {});
  const reps = o.reps ?? 4;
  const rounds = o.rounds ?? (Number(process.env.POSTFRAME_BENCH_SIG_ROUNDS) || 6);
  const { jpegs } = await ensureBenchMedia(log);
  warm(jpegs);
  const only = process.env.POSTFRAME_BENCH_SIG_ONLY;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-bench-sigcost-'));
  try {
    const steps: StepCost[] = [];
    if (!only) {
      const photos = jpegs.map((f) => fs.readFileSync(f));
      const out = path.join(tmp, 'thumb.webp');
      const thumbPipeline = (p: Buffer) => sharp(p, { failOn: 'warning' }).resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true });
      log('steps, one photo at a time');
      steps.push(await step('thumbnail alone (decode, shrink, WebP)', photos, reps, (p) => writeImageThumbnail(p, out, 1)));
      steps.push(await step('thumbnail + signature (the import with signatures)', photos, reps, (p) => writeImageThumbnail(p, out, 1, undefined, { signature: true })));
      const raws = await Promise.all(photos.map((p) => thumbPipeline(p).raw().toBuffer({ resolveWithObject: true })));
      steps.push(await step('  decode + shrink to raw 480 px', photos, reps, (p) => thumbPipeline(p).raw().toBuffer()));
      steps.push(await step('  raw 480 px → WebP file', photos, reps, (_, i) => sharp(raws[i]!.data, { raw: raws[i]!.info }).webp({ quality: 76, effort: 2 }).toFile(out)));
      steps.push(await step('  signatureOfRaw (libvips 64×64 + JavaScript)', photos, reps, (_, i) => signatureOfRaw(raws[i]!.data, raws[i]!.info)));
      const grids = await Promise.all(raws.map((r) => sharp(r.data, { raw: r.info }).resize(SIGNATURE_GRID, SIGNATURE_GRID, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true })));
      steps.push(
        await step('  signatureOf: JavaScript alone (k-means, DCT, dHash)', photos, reps, (_, i) =>
          Promise.resolve(signatureOf({ data: grids[i]!.data, width: grids[i]!.info.width, height: grids[i]!.info.height, channels: grids[i]!.info.channels })),
        ),
      );
      // The signature's rows: VisualRepo.save into a library holding the 24 photos, as the importer calls it.
      const studio = await openStudio(path.join(tmp, 'save'), { skipSignatures: true });
      try {
        const { jobId } = await studio.api['imports.start']({ paths: jpegs, uploads: [] });
        const job = await studio.waitForJob(jobId);
        const ids = (job.result as { assetIds: string[] }).assetIds;
        const sigs: VisualSignature[] = grids.map((g) => signatureOf({ data: g.data, width: g.info.width, height: g.info.height, channels: g.info.channels }));
        steps.push(await step('  VisualRepo.save (one SQLite transaction)', photos, reps, (_, i) => Promise.resolve(studio.rooms.visual.save(ids[i]!, sigs[i]!))));
      } finally {
        await studio.close();
      }
      for (const s of steps) log(`${s.step.padEnd(56)} wall ${s.wall_ms} ms, cpu ${s.cpu_ms} (main ${s.main_ms}, libvips ${s.vips_ms}, libuv ${s.libuv_ms}, other ${s.other_ms}) ms/photo`);
    }

    log(`whole imports, ${rounds} rounds, with and without signatures interleaved`);
    await importOnce(jpegs.slice(0, 4), false);
    const sides: { with: ImportSide[]; without: ImportSide[] } = { with: [], without: [] };
    for (let round = 1; round <= rounds; round++) {
      const order: boolean[] = round % 2 ? [true, false] : [false, true];
      for (const withSig of order) {
        if ((only === 'with' && !withSig) || (only === 'without' && withSig)) continue;
        const r = await importOnce(jpegs, !withSig);
        (withSig ? sides.with : sides.without).push({ wall_ms: r.wall, cpu: r.split });
        log(`round ${round} ${withSig ? 'with   ' : 'without'}: wall ${Math.round(r.wall)} ms, cpu ${Math.round(r.split.total)} (main ${Math.round(r.split.main)}, libvips ${Math.round(r.split.vips)}, libuv ${Math.round(r.split.libuv)}, other ${Math.round(r.split.other)}), gc ${r.split.gcPauses} pauses ${Math.round(r.split.gcPauseMs)} ms`);
      }
    }
    const perPhoto = (xs: ImportSide[]): PerPhoto => {
      const m = (f: (s: ImportSide) => number) => round2(xs.length ? median(xs.map(f)) / jpegs.length : NaN);
      return { wall_ms: m((s) => s.wall_ms), cpu_ms: m((s) => s.cpu.total), main_ms: m((s) => s.cpu.main), vips_ms: m((s) => s.cpu.vips), libuv_ms: m((s) => s.cpu.libuv), other_ms: m((s) => s.cpu.other), gc_pause_ms: m((s) => s.cpu.gcPauseMs), gc_pauses: m((s) => s.cpu.gcPauses) };
    };
    const w = perPhoto(sides.with);
    const wo = perPhoto(sides.without);
    const added = Object.fromEntries(Object.keys(w).map((k) => [k, round2(w[k as keyof PerPhoto] - wo[k as keyof PerPhoto])])) as PerPhoto;
    const ratio = (f: (s: ImportSide) => number) => round2(median(sides.with.map((s, i) => f(s) / f(sides.without[i]!))) * 1000) / 1000;
    const both = sides.with.length === sides.without.length && sides.with.length > 0;
    return {
      photos: jpegs.length,
      steps,
      imports: { with: w, without: wo, added, wall_ratio: both ? ratio((s) => s.wall_ms) : NaN, cpu_ratio: both ? ratio((s) => s.cpu.total) : NaN, rounds },
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function formatSignatureCost(r: SignatureCostResult): string {
  const cols = ['wall_ms', 'cpu_ms', 'main_ms', 'vips_ms', 'libuv_ms', 'other_ms'] as const;
  const row = (name: string, p: Record<(typeof cols)[number], number>) => `  ${name.padEnd(56)} ${cols.map((c) => String(p[c]).padStart(7)).join(' ')}`;
  const head = `  ${''.padEnd(56)} ${['wall', 'cpu', 'main', 'libvips', 'libuv', 'other'].map((c) => c.padStart(7)).join(' ')}   (ms per photo)`;
  return [
    `signature cost (${r.photos} × 12 MP JPEG)`,
    ...(r.steps.length ? ['each step alone, one photo at a time:', head, ...r.steps.map((s) => row(s.step, s))] : []),
    `whole imports through a Studio, concurrency 2, median of ${r.imports.rounds} interleaved rounds:`,
    head,
    row('with signatures', r.imports.with),
    row('without', r.imports.without),
    row('added', r.imports.added),
    `  GC pauses per photo: with ${r.imports.with.gc_pause_ms} ms (${r.imports.with.gc_pauses}), without ${r.imports.without.gc_pause_ms} ms (${r.imports.without.gc_pauses})`,
    `  ratio with ÷ without: wall ${r.imports.wall_ratio}, cpu ${r.imports.cpu_ratio}`,
  ].join('\n');
}
