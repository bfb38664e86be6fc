import { captionsBench, formatCaptionsBench } from './captions';
import { formatImageBench, imageBench } from './image';
import { formatImportBench, importBench } from './import';
import { formatLibraryBench, libraryBench } from './library';
import { formatPreviewBench, previewBench } from './preview';
import { formatRenderBench, renderBench } from './render';
import { formatSearchBench, searchOnlyBench } from './search';
import { formatSignatureCost, signatureCostBench } from './signature-cost';

/**
 * `npm run bench [-- NAME…] [--json]`: runs the named benches (all when none is named). Human output is a
 * table per bench plus a "goal met / goal MISSED" line per target; `--json` prints one JSON object on stdout
 * (the bench's own object when one bench is named, else `{ name: object, … }`), progress going to stderr.
 * Benches report, they do not judge: the exit code is 0 unless the bench itself broke (1) or the usage is
 * wrong (2).
 */
/** `partOf`: a bench whose measurements another bench already makes; it runs only when named. */
type Bench = { describe: string; run: (log: (msg: string) => void) => Promise<unknown>; format: (result: never) => string; partOf?: string };

const BENCHES: Record<string, Bench> = {
  import: {
    describe: 'import throughput vs a bare sharp thumbnail loop, and search p50/p95 over 100,000 assets',
    run: (log) => importBench({ log }),
    format: formatImportBench,
  },
  library: {
    describe: 'colour search and near-duplicate p95 at 20,000 assets, near-duplicate precision/recall, import overhead of colours+hashes',
    run: (log) => libraryBench({ log }),
    format: formatLibraryBench,
  },
  search: {
    describe: 'only the search half of `import`: p50/p95 over 100,000 assets',
    run: (log) => searchOnlyBench({ log }),
    format: formatSearchBench,
    partOf: 'import',
  },
  'signature-cost': {
    describe: 'where the import time of colours and hashes goes: each step alone and whole imports with/without, CPU by thread',
    run: (log) => signatureCostBench({ log }),
    format: formatSignatureCost,
    partOf: 'library',
  },
  image: {
    describe: 'a 10-layer 1080x1350 image draft drawn by the compositor vs sharp doing the same composite by hand: median time ratio',
    run: (log) => imageBench({ log }),
    format: formatImageBench,
  },
  captions: {
    describe: 'sync to script on ~60 s of espeak-ng speech (speed × real time, cue start error p95) and the export cost of word-highlight captions on a 60 s draft',
    run: (log) => captionsBench({ log }),
    format: formatCaptionsBench,
  },
  preview: {
    describe: 'preview fps and dropped frames of a 3-layer 1080x1920 edit, timeline drag/trim frame time at 300 clips, first grid scroll at 2,000 assets (Chromium)',
    run: (log) => previewBench({ log }),
    format: formatPreviewBench,
  },
  render: {
    describe: 'export of the reference composition vs one hand-written ffmpeg command: wall-time and peak-memory ratios; three channel variants in one process vs separately and vs the largest alone',
    run: (log) => renderBench({ log }),
    format: formatRenderBench,
  },
};

function usage(): string {
  return [
    'usage: npm run bench [-- NAME…] [--json]',
    '',
    'benches:',
    ...Object.entries(BENCHES).map(([name, b]) => `  ${name.padEnd(10)} ${b.describe}${b.partOf ? ` (not run by default: ${b.partOf} includes it)` : ''}`),
    '',
    'With no NAME every bench runs. --json prints one JSON object on stdout.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const flags = argv.filter((a) => a.startsWith('-'));
  const names = argv.filter((a) => !a.startsWith('-'));
  const json = flags.includes('--json');
  if (flags.some((f) => f === '--help' || f === '-h')) {
    console.log(usage());
    return 0;
  }
  const unknownFlag = flags.find((f) => f !== '--json');
  const unknownName = names.find((n) => !(n in BENCHES));
  if (unknownFlag || unknownName) {
    console.error(`unknown ${unknownFlag ? `option ${unknownFlag}` : `bench "${unknownName}"`}\n\n${usage()}`);
    return 2;
  }
  const selected = names.length ? [...new Set(names)] : Object.keys(BENCHES).filter((n) => !BENCHES[n]!.partOf);
  const log = (msg: string) => console.error(`[bench] ${msg}`);
  const results: Record<string, unknown> = {};
  for (const name of selected) {
    const bench = BENCHES[name]!;
    log(`${name}: ${bench.describe}`);
    results[name] = await bench.run(log);
    if (!json) console.log(`\n${bench.format(results[name] as never)}\n`);
  }
  if (json) console.log(JSON.stringify(selected.length === 1 && names.length ? results[selected[0]!] : results));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
