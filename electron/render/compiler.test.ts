import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { VideoDraft } from '../model/draft';
import type { ExportPreset } from '../model/draft-record';
import { isAppError } from '../model/errors';
import { type VariantPlan, planVariant } from '../model/render-variant';
import { type SourceFacts, type TextLayerFile, atempoChain, compileExport, duckingExpression, mainItems, mergeWindows, num, outputSize, visiblePart } from './compiler';
import { audioFacts, benchDraft, draft, media, text, track, videoFacts } from './test-drafts';

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '__golden__');
const standard: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'standard' };

const sources = new Map<string, SourceFacts>([
  ['land', videoFacts('/lib/media/la/land.mp4', 1920, 1080)],
  ['land2', videoFacts('/lib/media/la/land2.mp4', 1920, 1080, { fps: 25 })],
  ['portrait', videoFacts('/lib/media/po/portrait.mov', 1080, 1920, { rotation: 90 })],
  ['silent', videoFacts('/lib/media/si/silent.mp4', 1280, 720, { hasAudio: false })],
  ['logo', { path: '/lib/media/lo/logo.png', kind: 'image', width: 400, height: 400, rotation: 0, durationSec: null, hasAudio: false, fps: null }],
  ['song', audioFacts('/lib/media/so/song.m4a', 60)],
  ['voice', audioFacts('/lib/media/vo/voice.wav', 10)],
  ['clip1', videoFacts('/bench/clip1.mp4', 1920, 1080)],
  ['clip2', videoFacts('/bench/clip2.mp4', 1920, 1080)],
  ['clip3', videoFacts('/bench/clip3.mp4', 1920, 1080)],
  ['music', audioFacts('/bench/music.m4a', 30)],
]);
const texts = new Map<string, TextLayerFile>([
  ['t1', { path: '/lib/cache/text/t1.png', left: 120, top: 300, width: 840, height: 140 }],
  ['t2', { path: '/lib/cache/text/t2.png', left: 90, top: 1500, width: 900, height: 220 }],
]);

/** The representative drafts whose compiled arguments are pinned in __golden__/<name>.txt. */
const cases: Record<string, { draft: VideoDraft; preset?: ExportPreset; variant?: VariantPlan }> = {
  // Three cuts with a gap: concat, a colour gap with silence, input seeking for the trims.
  cuts: {
    draft: draft([track('main', 'main', [media('a', 'land', 0, 1, 4), media('b', 'land', 3, 6, 8), media('c', 'silent', 6, 0, 2)])]),
  },
  // Speed 2× and 0.5× (atempo kept within 0.5..2), volume, fades, a 25 fps source normalised, 720p preset.
  speed: {
    draft: draft([
      track('main', 'main', [media('a', 'land', 0, 0, 6, { speed: 2, fadeIn: 0.5 }), media('b', 'land2', 3, 0, 1, { speed: 0.25, volume: 0.5, fadeOut: 1 })]),
    ]),
    preset: { height: 720, fps: 'canvas', quality: 'small' },
  },
  // fit on a pad colour, blur backdrop, a rotated phone clip filling.
  fitblur: {
    draft: draft([
      track('main', 'main', [
        media('a', 'land', 0, 0, 2, { transform: { ...media('x', 'x', 0, 0, 1).transform, reframe: 'fit', padColor: '#112233' } }),
        media('b', 'land', 2, 2, 4, { transform: { ...media('x', 'x', 0, 0, 1).transform, reframe: 'blur' } }),
        media('c', 'portrait', 4, 0, 2),
      ]),
    ]),
  },
  // A crossfade and a wipe between main clips: xfade + acrossfade at the overlaps.
  transition: {
    draft: draft([
      track('main', 'main', [
        media('a', 'land', 0, 0, 3),
        media('b', 'land2', 2.5, 0, 3, { transitionIn: { kind: 'fade', duration: 0.5 } }),
        media('c', 'land', 5.5, 4, 6),
        media('d', 'land', 7, 0, 2, { transitionIn: { kind: 'wipeleft', duration: 0.5 } }),
      ]),
    ]),
  },
  // A logo and a picture-in-picture over the main track, two titles (one fading), overlay sound delayed.
  overlay_text: {
    draft: draft([
      track('main', 'main', [media('a', 'land', 0, 0, 6)]),
      track('over', 'overlay', [
        media('logo', 'logo', 0, 0, 6, { transform: { ...media('x', 'x', 0, 0, 1).transform, reframe: 'fit', x: 0.85, y: 0.1, scale: 0.2 } }),
        media('pip', 'land2', 2, 1, 3, { volume: 0.8, fadeIn: 0.3, transform: { ...media('x', 'x', 0, 0, 1).transform, reframe: 'fit', x: 0.5, y: 0.75, scale: 0.5, opacity: 0.9 } }),
      ]),
      track('title', 'text', [text('t1', 'Hello', 0, 3), text('t2', 'Subscribe', 3, 3, { fadeIn: 0.5, fadeOut: 0.5 })]),
      track('hidden', 'text', [text('t3', 'Not shown', 0, 6)], { hidden: true }),
    ]),
  },
  // Music ducked under a voiceover, a muted overlay track, music starting late.
  music_ducking: {
    draft: draft([
      track('main', 'main', [media('a', 'land', 0, 0, 10, { volume: 0.6 })]),
      track('over', 'overlay', [media('b', 'silent', 1, 0, 2, { transform: { ...media('x', 'x', 0, 0, 1).transform, reframe: 'fit', scale: 0.4 } })], { muted: true }),
      track('music', 'audio', [media('m', 'song', 0.5, 10, 22, { volume: 0.8, fadeOut: 2 })], { role: 'music', ducking: { enabled: true, level: 0.3 } }),
      track('vo', 'audio', [media('v1', 'voice', 2, 0, 3), media('v2', 'voice', 5.2, 3, 6)], { role: 'voiceover' }),
    ]),
  },
  // The render bench's reference composition.
  bench: { draft: benchDraft() },
  // Render variants (model/render-variant.ts) of a 9:16 draft with a title: X scales it into 1280x1024
  // (576x1024, same aspect) at 60 fps; Reels caps 20 minutes at 15 and the bitrate to fit 300 MB.
  variant_x: {
    draft: draft([track('main', 'main', [media('a', 'land', 0, 0, 4)]), track('title', 'text', [text('t1', 'Hello', 0, 3)])], { fps: 60 }),
    variant: planVariant({ width: 1080, height: 1920, fps: 60 }, 4, 'x'),
  },
  variant_reel_cap: {
    draft: draft([track('main', 'main', [media('a', 'land', 0, 0, 12), media('b', 'land2', 12, 0, 12)])]),
    variant: { ...planVariant({ width: 1080, height: 1920, fps: 30 }, 20 * 60, 'instagram_reel'), maxDurationSec: 15 },
  },
  // A 16:9 draft to TikTok's 9:16 (blur: the whole picture on a blurred copy) and to Shorts' square.
  variant_blur: {
    draft: draft([track('main', 'main', [media('a', 'land', 0, 0, 3)])], { preset: '16:9', width: 1920, height: 1080 }),
    variant: planVariant({ width: 1920, height: 1080, fps: 30 }, 3, 'tiktok'),
  },
  // The Instagram feed's 4:5 from a 3:4 draft loses 6%: fill crops the middle.
  variant_fill: {
    draft: draft([track('main', 'main', [media('a', 'land', 0, 0, 3)])], { preset: '4:5', width: 1080, height: 1440 }),
    variant: { width: 1080, height: 1350, reframe: 'fill', maxDurationSec: null, videoBitrateKbps: null, fps: 30 },
  },
};

function diff(expected: string[], actual: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    if (expected[i] === actual[i]) continue;
    out.push(`line ${i + 1}:\n  - ${expected[i] ?? '(none)'}\n  + ${actual[i] ?? '(none)'}`);
  }
  return out.join('\n');
}

describe('compileExport goldens', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const { args } = compileExport(c.draft, sources, texts, c.preset ?? standard, '/out/export.mp4', c.variant ?? null);
      // One argument per line; the filter graph one chain per line so a diff points at the chain.
      const lines = args.flatMap((a, i) => (args[i - 1] === '-filter_complex' ? a.split(';').map((ch, j) => (j === 0 ? ch : `;${ch}`)) : [a]));
      const file = path.join(GOLDEN_DIR, `${name}.txt`);
      if (process.env.UPDATE_GOLDEN === '1') {
        fs.mkdirSync(GOLDEN_DIR, { recursive: true });
        fs.writeFileSync(file, `${lines.join('\n')}\n`);
      }
      if (!fs.existsSync(file)) throw new Error(`No golden file ${file}. Run UPDATE_GOLDEN=1 npx vitest run electron/render/compiler.test.ts and review it.`);
      const expected = fs.readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
      const d = diff(expected, lines);
      if (d) throw new Error(`${name}: compiled arguments differ from ${path.relative(process.cwd(), file)}\n${d}\n(if the change is intended: UPDATE_GOLDEN=1)`);
    });
  }
});

describe('compileExport semantics', () => {
  const compile = (d: VideoDraft, preset = standard) => compileExport(d, sources, texts, preset, '/out/x.mp4');
  const graphOf = (args: string[]) => args[args.indexOf('-filter_complex') + 1]!;

  it('lasts exactly the draft and always has one video and one audio stream', () => {
    const r = compile(draft([track('main', 'main', [media('a', 'silent', 0, 0, 3)])]));
    expect(r.durationSec).toBe(3);
    expect(r.args.slice(r.args.indexOf('-t', r.args.indexOf('-filter_complex')), -1)).toContain('3');
    expect(r.args.filter((a) => a === '-map')).toHaveLength(2);
    expect(graphOf(r.args)).toContain('anullsrc=r=48000:cl=stereo[');
  });

  it('uses a clip that covers the canvas as the frame: crop of the visible part, then scale, no overlay, no pad', () => {
    const g = graphOf(compile(draft([track('main', 'main', [media('a', 'land', 0, 0, 2)])])).args);
    expect(g).toContain('crop=608:1080:656:0,scale=1080:1920,setsar=1');
    expect(g).not.toMatch(/overlay|pad=|color=/);
  });

  it('skips hidden tracks and takes no sound from muted ones', () => {
    const hidden = compile(draft([track('main', 'main', [media('a', 'land', 0, 0, 2)], { hidden: true }), track('t', 'text', [text('t1', 'x', 0, 1)])]));
    expect(graphOf(hidden.args)).not.toContain('[0:v]crop');
    expect(hidden.args).not.toContain('/lib/media/la/land.mp4');
    const muted = compile(draft([track('main', 'main', [media('a', 'land', 0, 0, 2)], { muted: true })]));
    expect(graphOf(muted.args)).not.toContain(':a');
  });

  it('names the clip whose media is gone', () => {
    try {
      compile(draft([track('main', 'main', [media('a', 'land', 0, 0, 2), media('b', 'gone', 2, 0, 2)], { name: 'Main' })]));
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('not_found');
      expect((e as Error).message).toContain('clip 2 on the Main track');
    }
  });

  it('refuses an empty draft with what to do', () => {
    expect(() => compile(draft([track('main', 'main', [])]))).toThrow(/empty.*Add a clip/);
  });

  it('maps quality to CRF and scales to the preset size', () => {
    const r = compile(draft([track('main', 'main', [media('a', 'land', 0, 0, 2)])]), { height: 720, fps: 24, quality: 'high' });
    expect(r.args[r.args.indexOf('-crf') + 1]).toBe('18');
    // Fewer frames: dropped before they are scaled.
    expect(graphOf(r.args)).toContain('fps=24,scale=406:720,setsar=1');
    expect([r.width, r.height, r.fps]).toEqual([406, 720, 24]);
  });
});

describe('compileExport: each video’s matrix and range (model/video-colour.ts)', () => {
  const graphOf = (args: string[]) => args[args.indexOf('-filter_complex') + 1]!;
  const withColour = (colour: SourceFacts['colour']) => new Map([...sources, ['sd', videoFacts('/lib/media/sd/sd.mp4', 640, 480, colour ? { colour } : {})]]);
  const compileSd = (colour: SourceFacts['colour'], extra: Parameters<typeof media>[5] = {}) =>
    compileExport(draft([track('main', 'main', [media('a', 'sd', 0, 0, 2, extra), media('b', 'land', 2, 0, 2)])]), withColour(colour), texts, standard, '/out/x.mp4').args;

  it('a BT.601 video is brought to BT.709 first, before its look, key and crop; the file is tagged BT.709', () => {
    const args = compileSd({ matrix: 'bt601', fullRange: false }, { look: { adjust: { saturation: 0.5 }, lut: null }, chromaKey: { color: '#00ff00', similarity: 0.1, blend: 0 } });
    const chain = graphOf(args).split(';').find((c) => c.startsWith('[0:v]'))!;
    expect(chain).toMatch(/^\[0:v\]colorspace=ispace=bt470bg:space=bt709:[^,]*,scale=in_color_matrix=bt709:out_color_matrix=bt709,format=rgb24,/);
    expect(chain.indexOf('chromakey')).toBeGreaterThan(chain.indexOf('colorspace'));
    // The other (untagged HD) clip is not converted.
    expect(graphOf(args).split(';').find((c) => c.startsWith('[1:v]'))).not.toContain('colorspace');
    expect(args.join(' ')).toContain('-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv');
  });

  it('limited-range BT.709 (or no colour known) changes neither the graph nor the output options', () => {
    expect(compileSd({ matrix: 'bt709', fullRange: false })).toEqual(compileSd(undefined));
    expect(compileSd(undefined).join(' ')).not.toMatch(/colorspace|color_range/);
  });

  it('full-range video is brought to limited range', () => {
    expect(graphOf(compileSd({ matrix: 'bt709', fullRange: true }))).toContain('[0:v]scale=in_range=pc:out_range=tv,format=yuv420p,');
  });
});

describe('compileExport: images and their orientation', () => {
  // The beach-sunset fixture: stored 600x400 with EXIF orientation 6, so its facts say 400x600 (upright).
  const photo = (orientation: SourceFacts['orientation']): SourceFacts => ({
    path: '/lib/media/be/beach.jpg', kind: 'image', width: 400, height: 600, rotation: 0, orientation, durationSec: null, hasAudio: false, fps: null,
  });
  const compileWith = (f: SourceFacts, d: VideoDraft) => compileExport(d, new Map([['beach', f], ['land', sources.get('land')!]]), texts, standard, '/out/x.mp4').args;
  const onMain = draft([track('main', 'main', [media('a', 'beach', 0, 0, 2)])]);
  const graphOf = (args: string[]) => args[args.indexOf('-filter_complex') + 1]!;
  /** The input options given just before `-i file`. */
  const optionsOf = (args: string[], file: string) => {
    const i = args.indexOf(file);
    const previous = args.lastIndexOf('-i', i - 2);
    return args.slice(previous < 0 ? 1 : previous + 2, i - 1);
  };

  it('turns an image itself: ffmpeg is told not to (it would turn a JPEG by its EXIF, a PNG not)', () => {
    const args = compileWith(photo(6), draft([track('main', 'main', [media('v', 'land', 0, 0, 1), media('a', 'beach', 1, 0, 2)])]));
    expect(optionsOf(args, '/lib/media/be/beach.jpg')).toContain('-noautorotate');
    // A video's rotation (display matrix) is ffmpeg's to apply, as the browser does in the preview.
    expect(optionsOf(args, '/lib/media/la/land.mp4')).not.toContain('-noautorotate');
  });

  it('brings the stored pixels upright first, then crops the upright picture (the fixture that failed to export)', () => {
    expect(graphOf(compileWith(photo(6), onMain))).toContain('[0:v]transpose=clock,crop=338:600:31:0,scale=1080:1920,setsar=1');
  });

  it('one set of filters per EXIF orientation, mirrors included; none for 1', () => {
    const head = (o: SourceFacts['orientation']) => {
      const g = graphOf(compileWith({ ...photo(o), ...(o! >= 5 ? {} : { width: 600, height: 400 }) }, onMain));
      return /^\[0:v\](.*?),?crop=/.exec(g)?.[1] ?? '';
    };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((o) => head(o as SourceFacts['orientation']))).toEqual([
      '', 'hflip', 'hflip,vflip', 'vflip', 'transpose=cclock_flip', 'transpose=clock', 'transpose=clock_flip', 'transpose=cclock',
    ]);
  });

  it('an overlay photo is turned before it is cropped and placed', () => {
    const d = draft([track('main', 'main', [media('v', 'land', 0, 0, 2)]), track('over', 'overlay', [media('a', 'beach', 0, 0, 2, { transform: { ...media('x', 'x', 0, 0, 1).transform, reframe: 'fit', scale: 0.5 } })])]);
    const args = compileWith(photo(8), d);
    expect(optionsOf(args, '/lib/media/be/beach.jpg')).toContain('-noautorotate');
    expect(graphOf(args)).toMatch(/\[1:v\]transpose=cclock,(crop=[^,]*,)?scale=/);
  });
});

describe('compileExport with a render variant', () => {
  const graphOf = (args: string[]) => args[args.indexOf('-filter_complex') + 1]!;
  const outArg = (args: string[], flag: string) => {
    const at = args.lastIndexOf(flag);
    return at > args.indexOf('-filter_complex') ? args[at + 1] : undefined;
  };
  const vertical = draft([track('main', 'main', [media('a', 'land', 0, 0, 10)])]);

  it('takes size and fps from the plan, not the preset, and keeps the preset quality', () => {
    const plan: VariantPlan = { width: 540, height: 960, reframe: 'fill', maxDurationSec: null, videoBitrateKbps: null, fps: 24 };
    const r = compileExport(vertical, sources, texts, { height: 720, fps: 60, quality: 'high' }, '/out/x.mp4', plan);
    expect([r.width, r.height, r.fps, r.durationSec]).toEqual([540, 960, 24, 10]);
    expect(graphOf(r.args)).toMatch(/fps=24\[v\d+\];\[v\d+\]scale=540:960,setsar=1/);
    expect(outArg(r.args, '-crf')).toBe('18');
    expect(r.args).not.toContain('-maxrate');
  });

  it('stops at the duration cap and builds nothing past it', () => {
    const r = compileExport(vertical, sources, texts, standard, '/out/x.mp4', { width: 1080, height: 1920, reframe: 'fill', maxDurationSec: 4, videoBitrateKbps: null, fps: 30 });
    expect(r.durationSec).toBe(4);
    expect(outArg(r.args, '-t')).toBe('4');
    // The one main clip is read for 4 s only (input seeking), not its 10.
    expect(r.args.slice(0, r.args.indexOf('-i'))).toEqual(['-hide_banner', '-t', '4']);
  });

  it('caps the video bitrate with a one-second buffer', () => {
    const r = compileExport(vertical, sources, texts, standard, '/out/x.mp4', { width: 1080, height: 1920, reframe: 'fill', maxDurationSec: null, videoBitrateKbps: 2500, fps: 30 });
    expect([outArg(r.args, '-maxrate'), outArg(r.args, '-bufsize')]).toEqual(['2500k', '2500k']);
  });

  it('reframes the whole canvas: fill crops the middle, fit pads, blur keeps it all on a blurred copy', () => {
    const land = draft([track('main', 'main', [media('a', 'silent', 0, 0, 2)])], { preset: '16:9', width: 1280, height: 720 });
    const to = (reframe: VariantPlan['reframe']) => graphOf(compileExport(land, sources, texts, standard, '/o.mp4', { width: 720, height: 720, reframe, maxDurationSec: null, videoBitrateKbps: null, fps: 30 }).args);
    // 1280x720 → 720x720: the middle 720 columns (a crop only: no scaling needed), or the whole frame at 720x406.
    expect(to('fill')).toMatch(/\[v0\]crop=720:720:280:0,setsar=1\[v1\];anullsrc/);
    expect(to('fit')).toMatch(/\[v0\]scale=720:406,setsar=1,pad=720:720:0:157:color=0x000000\[v1\];anullsrc/);
    expect(to('blur')).toMatch(/\[v0\]split\[s1\]\[s2\];\[s1\]crop=720:720:280:0,setsar=1,gblur=sigma=15\[bd3\];\[s2\]scale=720:406,setsar=1\[fg4\];\[bd3\]\[fg4\]overlay=0:157\[v5\];anullsrc/);
  });
});

describe('compiler helpers', () => {
  it('num never uses exponents and drops float noise', () => {
    expect(num(0.1 + 0.2)).toBe('0.3');
    expect(num(1e-9)).toBe('0');
    expect(num(12)).toBe('12');
  });

  it('atempo steps stay within 0.5..2 and multiply to the speed', () => {
    expect(atempoChain(1)).toEqual([]);
    expect(atempoChain(4)).toEqual(['atempo=2', 'atempo=2']);
    expect(atempoChain(0.25)).toEqual(['atempo=0.5', 'atempo=0.5']);
    expect(atempoChain(3)).toEqual(['atempo=2', 'atempo=1.5']);
    expect(atempoChain(0.3)).toEqual(['atempo=0.5', 'atempo=0.6']);
  });

  it('outputSize keeps the aspect in even pixels', () => {
    expect(outputSize({ width: 1080, height: 1920 }, { height: 1080, fps: 'canvas', quality: 'standard' })).toEqual({ width: 608, height: 1080 });
    expect(outputSize({ width: 1080, height: 1080 }, { height: 'canvas', fps: 'canvas', quality: 'standard' })).toEqual({ width: 1080, height: 1080 });
  });

  it('visiblePart clips to the canvas and maps back to source pixels', () => {
    // 1920x1080 filled onto 1080x1920: dest 3414x1920 at x=-1167.
    expect(visiblePart({ x: -1167, y: 0, width: 3414, height: 1920 }, { x: 0, y: 0, width: 1920, height: 1080 }, { width: 1080, height: 1920 })).toEqual({
      src: { x: 656, y: 0, width: 608, height: 1080 },
      dst: { x: 0, y: 0, width: 1080, height: 1920 },
    });
    expect(visiblePart({ x: 2000, y: 0, width: 100, height: 100 }, { x: 0, y: 0, width: 10, height: 10 }, { width: 1080, height: 1920 })).toBeNull();
  });

  it('mainItems fills gaps, cuts overlaps without a transition and keeps overlaps with one', () => {
    const items = mainItems([media('b', 'x', 3, 0, 2), media('a', 'x', 0, 0, 4), media('c', 'x', 6, 0, 2, { transitionIn: { kind: 'fade', duration: 1 } })], 9);
    expect(items.map((i) => [i.clip?.id ?? 'gap', i.start, i.dur, i.transition?.dur ?? 0])).toEqual([
      ['a', 0, 3, 0],
      ['b', 3, 2, 0],
      ['gap', 5, 1, 0],
      ['c', 6, 2, 0],
      ['gap', 8, 1, 0],
    ]);
    const withFade = mainItems([media('a', 'x', 0, 0, 3), media('b', 'x', 2, 0, 3, { transitionIn: { kind: 'fade', duration: 1 } })], 5);
    expect(withFade.map((i) => [i.clip?.id, i.dur, i.transition?.dur ?? 0])).toEqual([['a', 3, 0], ['b', 3, 1]]);
  });

  it('ducking windows merge when close and ramp around each window', () => {
    expect(mergeWindows([[5, 6], [1, 2], [2.3, 3]], 0.5)).toEqual([[1, 3], [5, 6]]);
    expect(duckingExpression([[2, 4]], 0.3)).toBe('1-0.7*(clip((t-1.75)/0.25,0,1)*clip((4.25-t)/0.25,0,1))');
  });
});
