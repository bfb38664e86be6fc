import { describe, expect, it } from 'vitest';
import { Draft, DRAFT_SCHEMA_VERSION, type ImageDraft, type VideoDraft } from './draft';
import { emptyKitContent } from './brand-kit';
import { applyKit } from './kit-apply';
import { templateRefusalMessage, templateViolations } from './template-guard';

const logo = (id: string) => ({ id, type: 'media', assetId: 'logo', brand: 'logo', template: 'locked', box: { x: 0.85, y: 0.1, w: 0.2, h: 0.08, rotation: 0 } });
const tip = (id: string, text: string) => ({ id, type: 'text', text, template: 'placeholder', style: { font: 'DejaVu Sans', size: 60, color: '#ffffff', bold: true, italic: false, align: 'center', stroke: null, box: null }, x: 0.5, y: 0.5, maxWidth: 0.8 });
const carousel = (pages: number): ImageDraft =>
  Draft.parse({
    schemaVersion: DRAFT_SCHEMA_VERSION, kind: 'image', name: 'Tips', canvas: { preset: '4:5', width: 1080, height: 1350 },
    pages: Array.from({ length: pages }, (_, i) => ({ id: `p${i}`, background: { type: 'colour', color: '#101010' }, layers: [tip(`t${i}`, `Tip ${i}`), logo(`logo${i}`)] })),
  }) as ImageDraft;

describe('templateViolations', () => {
  it('lets a carousel lose pages while another page keeps the same locked logo, but not delete it from a page that stays', () => {
    const d = carousel(3);
    expect(templateViolations(d, { ...d, pages: d.pages.slice(0, 2) })).toEqual([]);
    const refused = templateViolations(d, { ...d, pages: [{ ...d.pages[0]!, layers: [d.pages[0]!.layers[0]!] }, ...d.pages.slice(1)] });
    expect(refused.map((v) => [v.elementId, v.changes])).toEqual([['logo0', ['deleted']]]);
    expect(refused[0]!.message).toBe('The logo on page 1 is locked by the template and was deleted.');
  });

  it('takes a duplicated page (a copy of the locked logo under a new id) as no new mark', () => {
    const d = carousel(1);
    const copy = { ...d.pages[0]!, id: 'p-copy', layers: d.pages[0]!.layers.map((l) => ({ ...l, id: `${l.id}-copy` })) };
    expect(templateViolations(d, { ...d, pages: [...d.pages, copy] })).toEqual([]);
    const moved = { ...copy, layers: copy.layers.map((l) => (l.type === 'media' ? { ...l, box: { ...l.box, x: 0.1 } } : l)) };
    expect(templateViolations(d, { ...d, pages: [...d.pages, moved] }).map((v) => [v.elementId, v.changes])).toEqual([['logo0-copy', ['marked']]]);
  });

  it('keeps a placeholder marked until it is filled', () => {
    const d = carousel(1);
    const unmark = (text: string) => ({ ...d, pages: [{ ...d.pages[0]!, layers: d.pages[0]!.layers.map((l) => (l.type === 'text' ? { ...l, text, template: null } : l)) }] });
    expect(templateViolations(d, unmark('Tip 0')).map((v) => v.changes)).toEqual([['placeholderUnmarked']]);
    expect(templateViolations(d, unmark('My own tip'))).toEqual([]);
  });

  it('lets the main track repack and the watermark respan around a filled placeholder clip, but not a trim of a locked clip', () => {
    const clip = (id: string, start: number, out: number, extra: object) => ({
      id, type: 'media', assetId: id, start, in: 0, out, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transitionIn: null,
      transform: { reframe: 'fill', x: 0.5, y: 0.5, scale: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, padColor: '#000000', opacity: 1 }, ...extra,
    });
    const track = (id: string, kind: string, clips: unknown[]) => ({ id, kind, name: '', muted: false, hidden: false, role: null, ducking: null, clips });
    const doc = (fillLen: number, outroOut = 2) =>
      Draft.parse({
        schemaVersion: DRAFT_SCHEMA_VERSION, kind: 'video', name: 'V', canvas: { preset: '9:16', width: 1080, height: 1920, fps: 30, background: '#000000' },
        tracks: [
          track('main', 'main', [clip('fill', 0, fillLen, { template: 'placeholder' }), clip('outro', fillLen, outroOut, { template: 'locked', brand: 'outro' })]),
          track('wm', 'overlay', [clip('wm', 0, fillLen + outroOut, { template: 'locked', brand: 'watermark' })]),
        ],
      }) as VideoDraft;
    expect(templateViolations(doc(3), doc(7))).toEqual([]);
    const trimmed = templateViolations(doc(3), doc(3, 1));
    expect(trimmed.map((v) => [v.elementId, v.changes, v.where])).toEqual([['outro', ['retimed'], 'the main track']]);
    expect(trimmed[0]!.message).toBe('The outro clip on the main track is locked by the template and was moved or trimmed in time.');
  });

  it('reports a hidden track and a moved track as changes to its locked clips', () => {
    const d = Draft.parse({
      schemaVersion: DRAFT_SCHEMA_VERSION, kind: 'video', name: 'V', canvas: { preset: '9:16', width: 1080, height: 1920, fps: 30, background: '#000000' },
      tracks: [
        { id: 'a', kind: 'overlay', name: 'Logo', muted: false, hidden: false, role: null, ducking: null, clips: [{ ...tip('x', 'Brand'), type: 'text', template: 'locked', start: 0, duration: 2, fadeIn: 0, fadeOut: 0 }] },
        { id: 'b', kind: 'overlay', name: 'Photos', muted: false, hidden: false, role: null, ducking: null, clips: [] },
      ],
    }) as VideoDraft;
    const hidden = { ...d, tracks: d.tracks.map((t) => (t.id === 'a' ? { ...t, hidden: true } : t)) };
    expect(templateViolations(d, hidden)[0]).toMatchObject({ elementId: 'x', changes: ['hidden'], where: 'the “Logo” track' });
    expect(templateViolations(d, { ...d, tracks: [...d.tracks].reverse() })[0]!.changes).toEqual(['reordered']);
  });

  it('says who may make the change and that nothing was saved', () => {
    const d = carousel(1);
    const v = templateViolations(d, { ...d, pages: [{ ...d.pages[0]!, layers: [] }] });
    expect(templateRefusalMessage(v, 'an admin')).toBe(
      "The logo on page 1 is locked by the template and was deleted. Only an admin can change a template's locked elements: undo these changes, or ask an admin to make them. Nothing was saved.",
    );
  });

  it("leaves locked brand elements out of a creator's kit change, and reports them when an admin's includes them", () => {
    const d = carousel(2);
    const kit = { ...emptyKitContent('Other brand'), id: 'k2', logos: { light: 'logo-2', dark: null } };
    const sizeOf = () => ({ width: 400, height: 200 });
    const kept = applyKit(d, kit, sizeOf);
    expect([kept.repointed, kept.keptLocked]).toEqual([0, 2]);
    expect(templateViolations(d, kept.draft)).toEqual([]);
    const admins = applyKit(d, kit, sizeOf, { locked: true });
    expect(admins.repointed).toBe(2);
    expect(templateViolations(d, admins.draft).map((v) => [v.elementId, v.changes])).toEqual([['logo0', expect.arrayContaining(['repointed'])], ['logo1', expect.arrayContaining(['repointed'])]]);
  });
});
