import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { AssetKind } from '../../electron/model/asset';
import { importResultOf } from '../../electron/model/job';
import { Studio } from '../../electron/studio';
import { ANY_PATH } from '../../electron/studio/path-gate';
import { BENCH_DIR, JPEG_DIR, VIDEO_DIR, ensureBenchMedia, rng, vocabulary, warm, zipf } from './media';

/**
 * `npm run bench -- import`: import throughput against a bare sharp thumbnail loop (the floor), and search
 * latency over a seeded library. It reports; it does not judge (exit 0), apart from printing whether each
 * goal is met. Times are wall-clock on whatever machine runs it: compare ratios, not absolute numbers.
 */

/** The importer's default worker count (runImport: `deps.concurrency ?? 2`); the floor runs the same. */
export const IMPORT_CONCURRENCY = 2;
export const GOALS = { importFloorRatio: 0.7, searchP95Ms: 10 } as const;

export type ImportBenchOptions = { rounds?: number; videoRounds?: number; assets?: number; queries?: number; log?: (msg: string) => void };

export type ImportBenchResult = {
  import_files_per_s: number;
  import_floor_ratio: number;
  floor_files_per_s: number;
  video_files_per_s: number;
  search_p50_ms: number;
  search_p95_ms: number;
  search_max_ms: number;
  assets_seeded: number;
  queries: number;
  jpegs: number;
  videos: number;
  concurrency: number;
  uv_threadpool_size: number;
  runs: { round: number; floor_files_per_s: number; import_files_per_s: number; ratio: number }[];
  video_runs: number[];
  goals: { import_floor_ratio: { target: number; met: boolean }; search_p95_ms: { target: number; met: boolean } };
};

const median = (xs: number[]) => percentile(xs, 50);
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
}
const round2 = (x: number) => Math.round(x * 100) / 100;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** What a thumbnailer minimally must do per photo, with the importer's parallelism: files per second. */
async function floorRun(files: string[]): Promise<number> {
  const out = tempDir('pf-bench-floor-');
  try {
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        await sharp(files[i])
          .rotate()
          .resize(480, 480, { fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 76, effort: 2 })
          .toFile(path.join(out, `${i}.webp`));
      }
    };
    const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: IMPORT_CONCURRENCY }, worker));
    return files.length / seconds(t0);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

async function openFresh(): Promise<{ studio: Studio; dispose: () => Promise<void> }> {
  const tmp = tempDir('pf-bench-lib-');
  const studio = await Studio.open({
    libraryPath: path.join(tmp, 'lib'),
    settingsDir: path.join(tmp, 'settings'),
    shell: 'browser',
    pathAccess: ANY_PATH,
    createLibrary: true,
    importConcurrency: IMPORT_CONCURRENCY,
  });
  return {
    studio,
    dispose: async () => {
      await studio.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Postframe's whole import of `dir` into a fresh library (copy+hash, sniff, analyse, thumbnail, move, record): files per second. */
async function postframeRun(dir: string, expected: number): Promise<number> {
  const { studio, dispose } = await openFresh();
  try {
    const t0 = process.hrtime.bigint();
    const { jobId } = await studio.api['imports.start']({ paths: [dir], uploads: [] });
    await studio.whenIdle();
    const secs = seconds(t0);
    const job = (await studio.api['jobs.list']({})).find((j) => j.id === jobId);
    const result = job ? importResultOf(job) : null;
    const imported = result?.imported ?? 0;
    if (job?.status !== 'done' || imported !== expected) {
      throw new Error(`bench import of ${dir} ended ${job?.status ?? 'missing'} with ${imported}/${expected} imported: ${JSON.stringify(result?.failed ?? job?.error)}`);
    }
    return expected / secs;
  } finally {
    await dispose();
  }
}

// ── search ──────────────────────────────────────────────────────────────────
const TAGS = ['favorite', 'client', 'broll', 'draft', 'approved', 'instagram', 'tiktok', 'youtube', 'shorts', 'reels', 'travel', 'family',
  'food', 'music', 'sport', 'nature', 'city', 'night', 'summer', 'winter', 'campaign', 'launch', 'behind', 'interview', 'raw', 'graded',
  'vertical', 'square', 'loop', 'intro', 'outro', 'logo', 'voice', 'ambient', 'archive', 'selects', 'hero', 'teaser', 'promo', 'review'];
const EXT: Record<AssetKind, string[]> = { video: ['mp4', 'mov', 'mp4', 'webm'], image: ['jpg', 'jpg', 'heic', 'png'], audio: ['wav', 'mp3', 'm4a'] };

export function shuffled<T>(xs: T[], random: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Seeds `n` assets through AssetsRepo.insert (so the FTS index is filled exactly as in the app), 10,000 per transaction. */
export function seed(studio: Studio, n: number, words: string[], pickWord: () => number, random: () => number): void {
  const db = studio.database;
  const repo = studio.assetsRepo;
  const start = Date.parse('2023-01-01T00:00:00Z');
  for (let from = 0; from < n; from += 10_000) {
    db.transaction(() => {
      for (let i = from; i < Math.min(n, from + 10_000); i++) {
        const r = random();
        const kind: AssetKind = r < 0.55 ? 'video' : r < 0.9 ? 'image' : 'audio';
        const exts = EXT[kind];
        const ext = exts[Math.floor(random() * exts.length)]!;
        const count = 2 + Math.floor(random() * 3);
        const nameWords = Array.from({ length: count }, () => words[pickWord()]!);
        const name = `${nameWords.join(' ')} ${String(Math.floor(random() * 10_000)).padStart(4, '0')}.${ext}`;
        const tagCount = random() < 0.4 ? 0 : 1 + Math.floor(random() * 3);
        const tags = [...new Set(Array.from({ length: tagCount }, () => TAGS[Math.floor(random() * TAGS.length)]!))];
        const visual = kind !== 'audio';
        repo.insert({
          sha256: i.toString(16).padStart(64, '0'),
          kind,
          name,
          originalName: name,
          ext,
          sizeBytes: Math.floor(random() * 200e6),
          facts: {
            durationSec: kind === 'image' ? null : Math.round(random() * 120 * 10) / 10,
            width: visual ? 1920 : null,
            height: visual ? 1080 : null,
            rotation: 0,
            fps: kind === 'video' ? 30 : null,
            videoCodec: kind === 'video' ? 'h264' : null,
            audioCodec: kind === 'image' ? null : 'aac',
            hasAudio: kind !== 'image',
            createdAt: null,
            format: ext,
          },
          hasThumbnail: visual,
          hasPoster: kind === 'video',
          hasWaveform: kind !== 'image',
          tags,
          // A steady stream of imports over time; a few files imported in the same second.
          importedAt: new Date(start + i * 20_000 - (i % 7 === 0 ? 19_000 : 0)).toISOString(),
        });
      }
    })();
  }
  // ~1% in the trash, which the default list hides.
  db.prepare('UPDATE assets SET trashed_at = ? WHERE rowid % 97 = 0').run(new Date().toISOString());
}

/** What users type into the search box: 3+ letter prefixes (typing), whole words, two words. */
export function makeQueries(n: number, words: string[], pickWord: () => number, random: () => number): string[] {
  const prefix = (w: string) => w.slice(0, Math.min(w.length, 3 + Math.floor(random() * Math.max(1, w.length - 2))));
  const qs: string[] = [];
  while (qs.length < n) {
    const r = random();
    const w = words[pickWord()]!;
    if (w.length < 3) continue;
    if (r < 0.4) qs.push(prefix(w));
    else if (r < 0.65) qs.push(w);
    else if (r < 0.9) qs.push(`${w} ${prefix(words[pickWord()]!)}`);
    else qs.push(prefix(words[Math.floor(random() * words.length)]!)); // a rare word
  }
  return qs;
}

export type SearchBench = { p50: number; p95: number; max: number; seeded: number; queries: number; slowest: { query: string; ms: number; total: number }[] };

/**
 * The seeded library is cached under .fixtures/bench/ like the media, keyed by the seed parameters and the
 * code that decides what a library holds (schema, AssetsRepo, the vocabulary): change any and it is seeded
 * anew. Each run works on a fresh copy, so the cache is never written to.
 */
function libraryCacheKey(assets: number): string {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const h = createHash('sha256').update(`seed-v1:${assets}`);
  const migrations = path.join(root, 'electron/library/migrations');
  const files = [
    'electron/library/assets-repo.ts', 'electron/library/db.ts', 'scripts/bench/media.ts',
    ...fs.readdirSync(migrations).sort().map((f) => path.join('electron/library/migrations', f)),
  ];
  for (const f of files) h.update(f).update(fs.readFileSync(path.join(root, f)));
  h.update(seed.toString());
  return h.digest('hex').slice(0, 16);
}

async function seededLibrary(assets: number, log: (msg: string) => void): Promise<string> {
  const cached = path.join(BENCH_DIR, `library-${libraryCacheKey(assets)}`);
  if (fs.existsSync(path.join(cached, '.complete'))) return cached;
  for (const old of fs.readdirSync(BENCH_DIR).filter((d) => d.startsWith('library-'))) fs.rmSync(path.join(BENCH_DIR, old), { recursive: true, force: true });
  const tmp = tempDir('pf-bench-seed-');
  const lib = path.join(tmp, 'lib');
  const studio = await Studio.open({ libraryPath: lib, settingsDir: path.join(tmp, 'settings'), shell: 'browser', pathAccess: ANY_PATH, createLibrary: true });
  try {
    const random = rng(20240601);
    const words = shuffled(vocabulary(), random);
    const pickWord = zipf(words.length, random);
    const t0 = process.hrtime.bigint();
    seed(studio, assets, words, pickWord, random);
    studio.database.pragma('optimize');
    log(`seeded ${assets} assets (${words.length}-word vocabulary) in ${seconds(t0).toFixed(1)} s (cached in ${cached})`);
  } finally {
    await studio.close();
  }
  fs.cpSync(lib, cached, { recursive: true });
  fs.writeFileSync(path.join(cached, '.complete'), new Date().toISOString());
  fs.rmSync(tmp, { recursive: true, force: true });
  return cached;
}

export async function searchBench(assets: number, queries: number, log: (msg: string) => void): Promise<SearchBench> {
  const cached = await seededLibrary(assets, log);
  const tmp = tempDir('pf-bench-search-');
  fs.cpSync(cached, path.join(tmp, 'lib'), { recursive: true });
  const studio = await Studio.open({ libraryPath: path.join(tmp, 'lib'), settingsDir: path.join(tmp, 'settings'), shell: 'browser', pathAccess: ANY_PATH });
  const dispose = async () => {
    await studio.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const words = shuffled(vocabulary(), rng(20240601)); // the seed's word order: common words stay common
    const random = rng(7);
    const pickWord = zipf(words.length, random);
    const qs = makeQueries(queries, words, pickWord, random);
    const list = (query: string) =>
      studio.api['assets.list']({ query, kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 200 });
    for (const q of qs.slice(0, 20)) await list(q); // warm the statement paths and page cache
    const times: { query: string; ms: number; total: number }[] = [];
    for (const q of qs) {
      const t = process.hrtime.bigint();
      const r = await list(q);
      times.push({ query: q, ms: Number(process.hrtime.bigint() - t) / 1e6, total: r.total });
    }
    const ms = times.map((t) => t.ms);
    return {
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      max: Math.max(...ms),
      seeded: studio.assetsRepo.liveCount() + (studio.database.prepare('SELECT count(*) FROM assets WHERE trashed_at IS NOT NULL').pluck().get() as number),
      queries: qs.length,
      slowest: [...times].sort((a, b) => b.ms - a.ms).slice(0, 5),
    };
  } finally {
    await dispose();
  }
}

// ── the bench ───────────────────────────────────────────────────────────────
export async function importBench(o: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const log = o.log ?? (() => {});
  const rounds = o.rounds ?? 3;
  const videoRounds = o.videoRounds ?? 2;
  const { jpegs, videos } = await ensureBenchMedia(log);
  warm([...jpegs, ...videos]);

  const runs: ImportBenchResult['runs'] = [];
  for (let round = 1; round <= rounds; round++) {
    // Alternate which side goes first, so drift on a noisy machine hits both equally.
    let floor = 0;
    let pf = 0;
    if (round % 2 === 1) {
      floor = await floorRun(jpegs);
      pf = await postframeRun(JPEG_DIR, jpegs.length);
    } else {
      pf = await postframeRun(JPEG_DIR, jpegs.length);
      floor = await floorRun(jpegs);
    }
    runs.push({ round, floor_files_per_s: round2(floor), import_files_per_s: round2(pf), ratio: round3(pf / floor) });
    log(`round ${round}/${rounds}: floor ${floor.toFixed(2)} files/s, postframe ${pf.toFixed(2)} files/s, ratio ${(pf / floor).toFixed(3)}`);
  }
  const videoRuns: number[] = [];
  for (let i = 0; i < videoRounds; i++) videoRuns.push(round2(await postframeRun(VIDEO_DIR, videos.length)));
  log(`videos: ${videoRuns.join(', ')} files/s`);

  const search = await searchBench(o.assets ?? 100_000, o.queries ?? 500, log);
  log(`slowest searches: ${search.slowest.map((s) => `"${s.query}" ${s.ms.toFixed(1)} ms (${s.total} hits)`).join('; ')}`);

  const ratio = median(runs.map((r) => r.ratio));
  const p95 = round2(search.p95);
  return {
    import_files_per_s: round2(median(runs.map((r) => r.import_files_per_s))),
    import_floor_ratio: round3(ratio),
    floor_files_per_s: round2(median(runs.map((r) => r.floor_files_per_s))),
    video_files_per_s: round2(median(videoRuns)),
    search_p50_ms: round2(search.p50),
    search_p95_ms: p95,
    search_max_ms: round2(search.max),
    assets_seeded: search.seeded,
    queries: search.queries,
    jpegs: jpegs.length,
    videos: videos.length,
    concurrency: IMPORT_CONCURRENCY,
    uv_threadpool_size: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
    runs,
    video_runs: videoRuns,
    goals: {
      import_floor_ratio: { target: GOALS.importFloorRatio, met: ratio >= GOALS.importFloorRatio },
      search_p95_ms: { target: GOALS.searchP95Ms, met: p95 <= GOALS.searchP95Ms },
    },
  };
}

export function formatImportBench(r: ImportBenchResult): string {
  const row = (k: string, v: string) => `  ${k.padEnd(34)} ${v}`;
  const goal = (name: string, met: boolean, detail: string) => `${met ? 'goal met   ' : 'goal MISSED'}  ${name}: ${detail}`;
  return [
    `import bench (${r.jpegs} × 12 MP JPEG, ${r.videos} × 1080p video, ${r.runs.length} rounds, concurrency ${r.concurrency}, UV_THREADPOOL_SIZE ${r.uv_threadpool_size})`,
    row('postframe import (JPEG)', `${r.import_files_per_s.toFixed(2)} files/s`),
    row('bare sharp thumbnail floor', `${r.floor_files_per_s.toFixed(2)} files/s`),
    row('ratio (median of rounds)', `${r.import_floor_ratio.toFixed(3)}   [${r.runs.map((x) => x.ratio.toFixed(3)).join(', ')}]`),
    row('postframe import (video)', `${r.video_files_per_s.toFixed(2)} files/s`),
    row(`search over ${r.assets_seeded.toLocaleString('en-US')} assets`, `p50 ${r.search_p50_ms.toFixed(2)} ms · p95 ${r.search_p95_ms.toFixed(2)} ms · max ${r.search_max_ms.toFixed(2)} ms (${r.queries} queries)`),
    goal('import ≥ 0.7 × floor', r.goals.import_floor_ratio.met, `${r.import_floor_ratio.toFixed(3)}`),
    goal('search p95 ≤ 10 ms', r.goals.search_p95_ms.met, `${r.search_p95_ms.toFixed(2)} ms`),
  ].join('\n');
}
