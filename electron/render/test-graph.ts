/**
 * A checker for compiled export arguments, for tests: it reads the argument list the way ffmpeg would and
 * reports what ffmpeg would refuse or silently get wrong (a label used twice or never, an input index past the
 * last `-i`, an audio stream fed to a video filter, a number ffmpeg cannot read). The compiler's property test
 * runs every generated draft through it; it has its own tests so a checker that passes everything is caught.
 */

export type StreamKind = 'video' | 'audio';
/** What a file given to `-i` carries. */
export type InputStreams = { video: boolean; audio: boolean };

const AUDIO_FILTERS = new Set(['anullsrc', 'atempo', 'rubberband', 'volume', 'asetpts', 'afade', 'adelay', 'amix', 'acrossfade', 'apad', 'anull', 'aformat', 'aresample', 'asendcmd', 'atrim']);
const VIDEO_FILTERS = new Set([
  'color', 'crop', 'scale', 'setsar', 'pad', 'overlay', 'fade', 'fps', 'setpts', 'format', 'colorchannelmixer', 'lut3d', 'vignette', 'unsharp', 'split', 'gblur', 'xfade', 'null',
  'transpose', 'hflip', 'vflip', 'rotate', 'sendcmd', 'chromakey', 'alphaextract', 'alphamerge',
]);
/** Source filters: no input pad. */
const SOURCES = new Set(['color', 'anullsrc']);

type Chain = { ins: string[]; filters: { name: string; args: string }[]; outs: string[] };

/** Splits on `sep` outside single quotes (filter arguments quote expressions that contain commas). */
function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of s) {
    if (ch === "'") quoted = !quoted;
    if (ch === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseChain(text: string, problems: string[]): Chain {
  let rest = text;
  const ins: string[] = [];
  const outs: string[] = [];
  for (let m = /^\[([^\]]+)\]/.exec(rest); m; m = /^\[([^\]]+)\]/.exec(rest)) {
    ins.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  for (let m = /\[([^\]]+)\]$/.exec(rest); m; m = /\[([^\]]+)\]$/.exec(rest)) {
    outs.unshift(m[1]!);
    rest = rest.slice(0, -m[0].length);
  }
  if (rest.includes('[') || rest.includes(']')) problems.push(`labels inside a chain: ${text}`);
  const filters = splitOutsideQuotes(rest, ',').map((f) => {
    const eq = f.indexOf('=');
    // `name@instance` addresses one filter for timed commands (sendcmd); the filter is `name`.
    return eq < 0 ? { name: f.split('@')[0]!, args: '' } : { name: f.slice(0, eq).split('@')[0]!, args: f.slice(eq + 1) };
  });
  return { ins, filters, outs };
}

const kv = (args: string): Map<string, string> => new Map(splitOutsideQuotes(args, ':').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));

/** Input and output kinds of one chain, from its filters; problems for mismatches inside it. */
function chainKinds(c: Chain, problems: string[]): { ins: StreamKind[]; outs: StreamKind[] } {
  const first = c.filters[0]!;
  const kindOf = (name: string): StreamKind | null => (AUDIO_FILTERS.has(name) ? 'audio' : VIDEO_FILTERS.has(name) ? 'video' : null);
  if (first.name === 'concat') {
    const o = kv(first.args);
    const n = Number(o.get('n'));
    const v = Number(o.get('v') ?? 1);
    const a = Number(o.get('a') ?? 0);
    const seg: StreamKind[] = [...Array<StreamKind>(v).fill('video'), ...Array<StreamKind>(a).fill('audio')];
    if (c.filters.length > 1) problems.push(`concat followed by more filters in one chain: ${c.filters.map((f) => f.name).join(',')}`);
    return { ins: Array.from({ length: n }, () => seg).flat(), outs: seg };
  }
  for (const f of c.filters) if (f.name !== 'concat' && kindOf(f.name) === null) problems.push(`unknown filter "${f.name}"`);
  const kinds = new Set(c.filters.map((f) => kindOf(f.name)));
  if (kinds.size > 1) problems.push(`audio and video filters in one chain: ${c.filters.map((f) => f.name).join(',')}`);
  const kind = kindOf(first.name) ?? 'video';
  let nIn = 1;
  if (SOURCES.has(first.name)) nIn = 0;
  else if (first.name === 'overlay' || first.name === 'alphamerge' || first.name === 'xfade' || first.name === 'acrossfade') nIn = 2;
  else if (first.name === 'amix') nIn = Number(kv(first.args).get('inputs'));
  for (const f of c.filters.slice(1)) if (SOURCES.has(f.name) || ['overlay', 'alphamerge', 'xfade', 'acrossfade', 'amix'].includes(f.name)) problems.push(`${f.name} must start its chain`);
  const last = c.filters.at(-1)!;
  const nOut = last.name === 'split' ? Number(last.args || 2) : 1;
  return { ins: Array<StreamKind>(nIn).fill(kind), outs: Array<StreamKind>(nOut).fill(kind) };
}

/** Numbers in filter arguments and time options: plain decimals, never NaN, Infinity or exponents. */
const BAD_NUMBER = /NaN|Infinity|\d[eE][+-]?\d/;

/**
 * Problems ffmpeg would have with `args` (empty when none). `streamsOf` says what each input file carries, so
 * `[3:a:0]` on a silent file is caught as ffmpeg would catch it ("matches no streams").
 */
export function checkExportArgs(args: readonly string[], streamsOf: (file: string) => InputStreams): string[] {
  const problems: string[] = [];
  const fi = args.indexOf('-filter_complex');
  if (fi < 0) return ['no -filter_complex'];
  const inputs: string[] = [];
  for (let i = 0; i < fi; i++) {
    if (args[i] === '-i') inputs.push(args[++i]!);
    else if ((args[i] === '-t' || args[i] === '-ss') && !/^\d+(\.\d+)?$/.test(args[i + 1] ?? '')) problems.push(`input option ${args[i]} ${args[i + 1]}`);
    // An input read for 0 s has no frame: whatever waits for it (concat, overlay's window) gets nothing.
    else if (args[i] === '-t' && Number(args[i + 1]) <= 0) problems.push(`input option -t ${args[i + 1]}`);
  }
  const graph = args[fi + 1] ?? '';
  const numbers = graph.replace(/0x[0-9a-fA-F]{6}/g, '');
  if (BAD_NUMBER.test(numbers)) problems.push(`a number ffmpeg cannot read in the graph: ${BAD_NUMBER.exec(numbers)![0]}`);

  const defined = new Map<string, StreamKind>();
  const consumed = new Map<string, number>();
  const inputUses = new Map<string, number>();
  const use = (label: string, want: StreamKind) => {
    const ref = /^(\d+):(v|a)(?::(\d+))?$/.exec(label);
    if (ref) {
      const k = Number(ref[1]);
      const file = inputs[k];
      if (file === undefined) problems.push(`[${label}] names input ${k}, but there are ${inputs.length}`);
      else {
        const s = streamsOf(file);
        const kind: StreamKind = ref[2] === 'v' ? 'video' : 'audio';
        if (kind === 'video' ? !s.video : !s.audio) problems.push(`[${label}]: ${file} has no ${kind}`);
        if (kind !== want) problems.push(`[${label}] is ${kind}, used as ${want}`);
      }
      inputUses.set(label, (inputUses.get(label) ?? 0) + 1);
      return;
    }
    consumed.set(label, (consumed.get(label) ?? 0) + 1);
    const have = defined.get(label);
    if (have === undefined) problems.push(`[${label}] is used before it is defined`);
    else if (have !== want) problems.push(`[${label}] is ${have}, used as ${want}`);
  };

  for (const text of splitOutsideQuotes(graph, ';')) {
    const c = parseChain(text, problems);
    if (c.filters.length === 0 || c.filters[0]!.name === '') {
      problems.push(`empty chain: "${text}"`);
      continue;
    }
    for (const f of c.filters) {
      // fade and afade read d=0 as "no duration given" and fall back to a frame count: not what was meant.
      if ((f.name === 'fade' || f.name === 'afade') && Number(kv(f.args).get('d')) <= 0) problems.push(`${f.name} of no duration: ${f.name}=${f.args}`);
    }
    const kinds = chainKinds(c, problems);
    if (kinds.ins.length !== c.ins.length) problems.push(`${c.filters[0]!.name} takes ${kinds.ins.length} input(s), given ${c.ins.length}: ${text}`);
    if (kinds.outs.length !== c.outs.length) problems.push(`${c.filters.at(-1)!.name} gives ${kinds.outs.length} output(s), labelled ${c.outs.length}: ${text}`);
    c.ins.forEach((l, i) => use(l, kinds.ins[i] ?? 'video'));
    c.outs.forEach((l, i) => {
      if (/^\d+:/.test(l)) problems.push(`output label [${l}] looks like an input stream`);
      if (defined.has(l)) problems.push(`[${l}] is defined twice`);
      defined.set(l, kinds.outs[i] ?? 'video');
    });
  }

  const maps: string[] = [];
  for (let i = fi + 2; i < args.length - 1; i++) if (args[i] === '-map') maps.push(args[++i]!);
  if (maps.length !== 2) problems.push(`${maps.length} -map options, not 2`);
  maps.forEach((m, i) => {
    const label = /^\[([^\]]+)\]$/.exec(m)?.[1];
    if (!label || /^\d+:/.test(label)) problems.push(`-map ${m} must name a graph output`);
    else use(label, i === 0 ? 'video' : 'audio');
  });
  for (const [label, n] of consumed) if (n > 1) problems.push(`[${label}] is used ${n} times`);
  for (const [label, n] of inputUses) if (n > 1) problems.push(`input stream [${label}] is used ${n} times`);
  for (const label of defined.keys()) if (!consumed.has(label)) problems.push(`[${label}] is never used (ffmpeg would add it to the file)`);

  const t = args.lastIndexOf('-t');
  if (t < fi || !/^\d+(\.\d+)?$/.test(args[t + 1] ?? '') || Number(args[t + 1]) <= 0) problems.push(`output -t ${args[t + 1]}`);
  return problems;
}
