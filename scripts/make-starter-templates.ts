/**
 * Writes the starter templates (resources/templates; docs/templates.md): four draft documents and the small SVG
 * pictures they use (a logo and placeholder pictures), all generated here so nothing binary is committed.
 * Text is styled with the built-in role styles (what a draft looks like with no kit: kit-apply.ts roleStyle) and
 * keeps its role, so "New from template" restyles it with the library's default kit.
 *
 *   npx tsx scripts/make-starter-templates.ts
 *
 * Asset references are written as "asset:<file>" and resolved when a library imports the starter
 * (studio/starter-templates.ts). Times are whole frames, so the editor's grid never moves a locked clip.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Draft, DRAFT_SCHEMA_VERSION, type ImageLayer, type TextRole } from '../electron/model/draft';
import { roleStyle } from '../electron/model/kit-apply';
import { logoBox, logoTransform } from '../electron/model/kit-place';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'templates');
const NAVY = '#14213d';
const ACCENT = '#fca311';
const LIGHT = '#f5f5f5';
const LOGO = { width: 512, height: 512 };

// ── pictures ────────────────────────────────────────────────────────────────
const svg = (w: number, h: number, body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${body}</svg>\n`;
const assets: Record<string, string> = {
  // A mark, not a wordmark: text in an SVG would depend on the fonts of the machine that draws it.
  'starter-logo.svg': svg(512, 512, `<rect width="512" height="512" rx="96" fill="${ACCENT}"/><path d="M160 400V112h120a88 88 0 0 1 0 176h-56v112z" fill="${NAVY}"/><circle cx="280" cy="200" r="36" fill="${ACCENT}"/>`),
  'placeholder-portrait.svg': svg(900, 1200, `<rect width="900" height="1200" fill="#d8e2dc"/><circle cx="450" cy="470" r="170" fill="#9d8189"/><path d="M150 1200c0-240 130-400 300-400s300 160 300 400z" fill="#9d8189"/>`),
  'placeholder-clip.svg': svg(1080, 1920, `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#274690"/><stop offset="1" stop-color="${NAVY}"/></linearGradient></defs><rect width="1080" height="1920" fill="url(#g)"/><circle cx="540" cy="960" r="150" fill="none" stroke="${LIGHT}" stroke-width="16" opacity="0.6"/><path d="M500 880v160l130-80z" fill="${LIGHT}" opacity="0.6"/>`),
};

// ── layers ──────────────────────────────────────────────────────────────────
const base = { name: '', hidden: false, locked: false, groupId: null, opacity: 1 };
/**
 * A text layer in a role's style, without the role's outline and backing box: those keep video captions legible
 * over moving pictures, but on a designed page of flat brand colours they read as clutter (a grey slab behind a
 * tip, a white box over an orange button).
 */
const text = (id: string, role: TextRole, t: string, x: number, y: number, maxWidth: number, width: number, over: { color?: string; size?: number; bold?: boolean } = {}, template: 'placeholder' | 'locked' | null = 'placeholder'): ImageLayer => {
  const style = roleStyle(null, role, width).style;
  const look = { ...style, stroke: null, box: null, ...(over.color ? { color: over.color } : {}), ...(over.size ? { size: over.size } : {}), ...(over.bold !== undefined ? { bold: over.bold } : {}) };
  return { ...base, id, type: 'text', template, text: t, style: look, styleRole: role, x, y, maxWidth, rotation: 0 };
};
const logoLayer = (id: string, canvas: { width: number; height: number }, x: number, y: number): ImageLayer => ({
  ...base, id, name: 'Logo', type: 'media', template: 'locked', assetId: 'asset:starter-logo.svg', brand: 'logo', box: logoBox(LOGO, canvas, 0.12, x, y),
  edit: { crop: { left: 0, top: 0, right: 0, bottom: 0 }, straighten: 0, flipH: false, flipV: false, adjust: { exposure: 0, contrast: 0, saturation: 0, temperature: 0, vibrance: 0, sharpen: 0, vignette: 0 }, filter: { name: 'none', strength: 1 } },
});
const photo = (id: string, asset: string, box: { x: number; y: number; w: number; h: number }): ImageLayer => ({
  ...base, id, name: 'Photo', type: 'media', template: 'placeholder', assetId: `asset:${asset}`, brand: null, box: { ...box, rotation: 0 },
  edit: { crop: { left: 0, top: 0, right: 0, bottom: 0 }, straighten: 0, flipH: false, flipV: false, adjust: { exposure: 0, contrast: 0, saturation: 0, temperature: 0, vibrance: 0, sharpen: 0, vignette: 0 }, filter: { name: 'none', strength: 1 } },
});
const bar = (id: string, x: number, y: number, w: number, h: number): ImageLayer => ({ ...base, id, name: 'Accent', type: 'shape', template: 'locked', shape: 'rect', box: { x, y, w, h, rotation: 0 }, fill: ACCENT, stroke: null, radius: 0 });

const P45 = { preset: '4:5' as const, width: 1080, height: 1350 };
const P11 = { preset: '1:1' as const, width: 1080, height: 1080 };
const image = (name: string, canvas: typeof P45 | typeof P11, pages: { id: string; background: unknown; layers: ImageLayer[] }[]) => ({ schemaVersion: DRAFT_SCHEMA_VERSION, kind: 'image', name, kitId: null, canvas, pages, spread: null });

const quoteCard = image('Quote card', P45, [{
  id: 'quote-page', background: { type: 'colour', color: NAVY },
  layers: [
    photo('quote-photo', 'placeholder-portrait.svg', { x: 0.5, y: 0.29, w: 0.5, h: 0.4 }),
    bar('quote-accent', 0.5, 0.54, 0.12, 0.006),
    text('quote-text', 'title', '“Design is how it works, not only how it looks.”', 0.5, 0.67, 0.84, 1080, { color: LIGHT, size: 64, bold: true }),
    text('quote-author', 'subtitle', '— Name Surname', 0.5, 0.82, 0.7, 1080, { color: ACCENT, size: 44, bold: false }),
    logoLayer('quote-logo', P45, 0.9, 0.06),
  ],
}]);

const announcement = image('Announcement', P11, [{
  id: 'news-page', background: { type: 'gradient', from: NAVY, to: '#274690', angle: 135 },
  layers: [
    { ...base, id: 'news-circle', name: 'Circle', type: 'shape', template: 'locked', shape: 'ellipse', box: { x: 0.9, y: 0.95, w: 0.36, h: 0.36, rotation: 0 }, fill: ACCENT, stroke: null, radius: 0 },
    text('news-kicker', 'caption', 'ANNOUNCEMENT', 0.5, 0.25, 0.8, 1080, { color: ACCENT, size: 40, bold: true }, null),
    text('news-headline', 'title', 'Something big is coming', 0.5, 0.41, 0.84, 1080, { color: LIGHT, size: 100, bold: true }),
    text('news-body', 'subtitle', 'Tell people what, when and where in one line.', 0.5, 0.59, 0.72, 1080, { color: LIGHT, size: 44, bold: false }),
    { ...base, id: 'news-button', name: 'Button', type: 'shape', template: null, shape: 'roundRect', box: { x: 0.5, y: 0.75, w: 0.42, h: 0.09, rotation: 0 }, fill: ACCENT, stroke: null, radius: 48 },
    text('news-cta', 'caption', 'Learn more', 0.5, 0.75, 0.4, 1080, { color: NAVY, size: 44, bold: true }, 'placeholder'),
    logoLayer('news-logo', P11, 0.1, 0.9),
  ],
}]);

const tips = ['Start with the one thing people should remember.', 'Show it, then say it: one picture per idea.', 'Keep each slide to a dozen words.', 'End with what to do next.'];
const carousel = image('Carousel of tips', P45, [
  {
    id: 'tips-cover', background: { type: 'colour', color: NAVY },
    layers: [
      bar('tips-cover-accent', 0.5, 0.36, 0.12, 0.006),
      text('tips-title', 'title', '4 tips for better posts', 0.5, 0.5, 0.84, 1080, { color: LIGHT, size: 110, bold: true }),
      text('tips-swipe', 'subtitle', 'Swipe →', 0.5, 0.67, 0.6, 1080, { color: ACCENT, size: 48, bold: true }, null),
      logoLayer('tips-logo-0', P45, 0.9, 0.06),
    ],
  },
  ...tips.map((tip, i) => ({
    id: `tips-page-${i + 1}`, background: { type: 'colour', color: LIGHT },
    layers: [
      bar(`tips-accent-${i + 1}`, 0.5, 0.12, 1, 0.012),
      text(`tips-number-${i + 1}`, 'title', String(i + 1).padStart(2, '0'), 0.5, 0.32, 0.4, 1080, { color: ACCENT, size: 180, bold: true }, null),
      text(`tips-tip-${i + 1}`, 'subtitle', tip, 0.5, 0.55, 0.8, 1080, { color: NAVY, size: 68, bold: true }),
      text(`tips-more-${i + 1}`, 'caption', i + 1 < tips.length ? 'Swipe →' : 'Save this post', 0.5, 0.8, 0.6, 1080, { color: NAVY, size: 36, bold: false }, null),
      logoLayer(`tips-logo-${i + 1}`, P45, 0.9, 0.94),
    ],
  })),
]);

const V916 = { preset: '9:16' as const, width: 1080, height: 1920, fps: 30 as const, background: '#000000' };
const track = (id: string, kind: string, name: string, clips: unknown[], role: 'music' | 'voiceover' | null = null) => ({ id, kind, name, muted: false, hidden: false, role, ducking: role === 'music' ? { enabled: true, level: 0.3 } : null, clips });
const mediaClip = (id: string, asset: string, start: number, seconds: number, transform: unknown, extra: object) => ({
  id, type: 'media', assetId: `asset:${asset}`, start, in: 0, out: seconds, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform, transitionIn: null, ...extra,
});
const fill = { reframe: 'fill', x: 0.5, y: 0.5, scale: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, padColor: '#000000', opacity: 1 };
const textClip = (id: string, role: TextRole, t: string, start: number, duration: number, y: number) => {
  const { style, placement } = roleStyle(null, role, 1080);
  return { id, type: 'text', start, duration, text: t, style, ...placement, y, fadeIn: 0, fadeOut: 0, styleRole: role, template: 'placeholder' };
};
const video = {
  schemaVersion: DRAFT_SCHEMA_VERSION, kind: 'video', name: 'Vertical video with title and lower third', kitId: null, canvas: V916,
  tracks: [
    track('vid-main', 'main', 'Main', [mediaClip('vid-clip', 'placeholder-clip.svg', 0, 6, fill, { template: 'placeholder' })]),
    track('vid-overlay', 'overlay', 'Logo', [mediaClip('vid-logo', 'starter-logo.svg', 0, 6, logoTransform(LOGO, V916, 0.16, 0.86, 0.07), { brand: 'logo', template: 'locked' })]),
    track('vid-title', 'text', 'Title', [textClip('vid-title-text', 'title', 'Your title here', 0, 3, 0.2)]),
    track('vid-lower', 'text', 'Lower third', [textClip('vid-lower-text', 'lowerThird', 'Name · Role', 1, 5, 0.8)]),
    track('vid-music', 'audio', 'Music', [], 'music'),
    track('vid-voice', 'audio', 'Voiceover', [], 'voiceover'),
  ],
};

const starters = [
  { key: 'quote-card', version: 1, doc: quoteCard },
  { key: 'announcement', version: 1, doc: announcement },
  { key: 'carousel-tips', version: 1, doc: carousel },
  { key: 'vertical-title-lower-third', version: 1, doc: video },
];

fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
for (const [name, body] of Object.entries(assets)) fs.writeFileSync(path.join(root, 'assets', name), body);
for (const s of starters) {
  Draft.parse(s.doc); // refuse to write a document the app would refuse to read
  fs.writeFileSync(path.join(root, `${s.key}.json`), `${JSON.stringify(s, null, 2)}\n`);
}
console.log(`Wrote ${starters.length} starter templates and ${Object.keys(assets).length} pictures to ${path.relative(process.cwd(), root)}`);
