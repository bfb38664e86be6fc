import { GOALS, searchBench } from './import';

/**
 * `npm run bench -- search`: only the search half of the `import` bench (100,000 seeded assets, 500 queries
 * like a user typing, through `assets.list`), for checking a change to the library's queries without waiting
 * for the photo and video imports. Same library, same queries, same numbers as `import`'s search_* fields.
 */

export type SearchBenchResult = {
  search_p50_ms: number;
  search_p95_ms: number;
  search_max_ms: number;
  assets_seeded: number;
  queries: number;
  slowest: { query: string; ms: number; total: number }[];
  goals: { search_p95_ms: { target: number; met: boolean } };
};

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function searchOnlyBench(o: { assets?: number; queries?: number; log?: (msg: string) => void } = {}): Promise<SearchBenchResult> {
  const s = await searchBench(o.assets ?? 100_000, o.queries ?? 500, o.log ?? (() => {}));
  const p95 = round2(s.p95);
  return {
    search_p50_ms: round2(s.p50),
    search_p95_ms: p95,
    search_max_ms: round2(s.max),
    assets_seeded: s.seeded,
    queries: s.queries,
    slowest: s.slowest.map((q) => ({ ...q, ms: round2(q.ms) })),
    goals: { search_p95_ms: { target: GOALS.searchP95Ms, met: p95 <= GOALS.searchP95Ms } },
  };
}

export function formatSearchBench(r: SearchBenchResult): string {
  return [
    `search bench (${r.assets_seeded.toLocaleString('en-US')} assets, ${r.queries} queries)`,
    `  p50 ${r.search_p50_ms.toFixed(2)} ms · p95 ${r.search_p95_ms.toFixed(2)} ms · max ${r.search_max_ms.toFixed(2)} ms`,
    `  slowest: ${r.slowest.map((s) => `"${s.query}" ${s.ms.toFixed(1)} ms (${s.total} hits)`).join('; ')}`,
    `${r.goals.search_p95_ms.met ? 'goal met   ' : 'goal MISSED'}  search p95 ≤ ${r.goals.search_p95_ms.target} ms: ${r.search_p95_ms.toFixed(2)} ms`,
  ].join('\n');
}
