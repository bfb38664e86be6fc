import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../api/contract';
import type { ImageDraft, VideoDraft } from '../model/draft';
import { fillTemplate, placeholdersOf } from '../model/template-fill';
import { templateViolations } from '../model/template-guard';
import type { Studio } from '../studio';
import { importFixtures } from './__tests__/kit-fixtures';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';
import { bundledTemplatesDir, readStarters } from './starter-templates';

const dir = bundledTemplatesDir()!;

describe('starter templates (resources/templates)', () => {
  it('are the four the issue names, each a valid draft with locked brand elements and placeholders of every kind it needs', () => {
    const starters = readStarters(dir);
    expect(starters.map((s) => [s.key, s.doc.kind, s.doc.canvas.preset, s.doc.kind === 'image' ? s.doc.pages.length : 0])).toEqual([
      ['announcement', 'image', '1:1', 1],
      ['carousel-tips', 'image', '4:5', 5],
      ['quote-card', 'image', '4:5', 1],
      ['vertical-title-lower-third', 'video', '9:16', 0],
    ]);
    for (const s of starters) {
      expect(placeholdersOf(s.doc).length, s.key).toBeGreaterThan(0);
      expect(JSON.stringify(s.doc), s.key).toContain('"template":"locked"');
      // Nothing in a starter is a change to itself (and a template's own document is no violation).
      expect(templateViolations(s.doc, s.doc)).toEqual([]);
    }
    expect(placeholdersOf(starters.find((s) => s.key === 'quote-card')!.doc).map((p) => p.kind)).toEqual(['photo', 'text', 'text']);
    expect(placeholdersOf(starters.find((s) => s.key === 'vertical-title-lower-third')!.doc).map((p) => [p.id, p.kind])).toEqual([
      ['vid-clip', 'clip'], ['vid-title-text', 'text'], ['vid-lower-text', 'text'],
    ]);
  });

  it('each instantiates with every placeholder filled, keeping its locks where they were', () => {
    for (const s of readStarters(dir)) {
      const fills = Object.fromEntries(placeholdersOf(s.doc).map((p) => [p.id, p.kind === 'text' ? { text: `Filled ${p.id}` } : { assetId: 'mine' }]));
      const filled = fillTemplate(s.doc, fills, () => ({ kind: 'image', durationSec: null, name: 'mine.jpg' }));
      expect(placeholdersOf(filled).map((p) => p.current), s.key).toEqual(placeholdersOf(s.doc).map((p) => (p.kind === 'text' ? `Filled ${p.id}` : 'mine')));
      expect(templateViolations(s.doc, filled), s.key).toEqual([]);
    }
  });
});

describe('templates through the Studio', () => {
  let temp: TempStudio;
  let studio: Studio;
  let ids: Record<string, string>;
  let creatorId: string;
  const api = () => studio.api;
  const templateEvents = () => temp.events.filter((e) => e.name === 'templates.changed').map((e) => e.payload as EventPayload<'templates.changed'>);
  const starterId = async (key: string) => (await api()['templates.list']({})).find((t) => t.starter === key)!.id;

  beforeEach(async () => {
    temp = await openTempStudio('pf-templates-', { resourcesPath: path.dirname(dir) });
    studio = temp.studio;
    ids = await importFixtures(studio, ['beach-sunset.jpg', 'red-clip.mp4', 'music-loop.mp3']);
    creatorId = (await api()['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' })).id;
  });
  afterEach(() => temp.close());

  it('imports the starters on first use, once, and a deleted starter stays deleted', async () => {
    const assetsBefore = (await api()['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 1000 })).total;
    const first = await api()['templates.list']({});
    expect(first.map((t) => [t.name, t.author, t.starter])).toEqual([
      ['Announcement', null, 'announcement'],
      ['Carousel of tips', null, 'carousel-tips'],
      ['Quote card', null, 'quote-card'],
      ['Vertical video with title and lower third', null, 'vertical-title-lower-third'],
    ]);
    expect(templateEvents()).toHaveLength(1);
    expect([...templateEvents()[0]!.ids].sort()).toEqual(first.map((t) => t.id).sort());
    // The three starter pictures, once each, whatever the number of templates using them.
    const assetsAfter = (await api()['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 1000 })).total;
    expect(assetsAfter - assetsBefore).toBe(3);
    expect((await Promise.all([api()['templates.list']({}), api()['templates.list']({})])).map((l) => l.length)).toEqual([4, 4]);
    // Templates are not drafts in the Drafts view, and cannot be trashed as drafts.
    expect(await api()['drafts.list']({ trashed: false })).toEqual([]);
    expect(await api()['drafts.trash']({ ids: [first[0]!.id] })).toEqual({ count: 0 });

    await expect(api()['templates.delete']({ id: first[0]!.id, actorId: creatorId })).rejects.toThrow(/“Announcement” is a starter template: only an admin can change or delete it/);
    expect(await api()['templates.delete']({ id: first[0]!.id, actorId: 'owner' })).toEqual({ count: 1 });
    await temp.restart();
    studio = temp.studio;
    expect((await api()['templates.list']({})).map((t) => t.starter)).toEqual(['carousel-tips', 'quote-card', 'vertical-title-lower-third']);
  });

  it('makes a quote card from the starter with the photo and texts replaced; the locks stay, a creator cannot move them', async () => {
    const tid = await starterId('quote-card');
    const d = await api()['templates.instantiate']({ templateId: tid, name: 'Monday quote', fills: { 'quote-photo': { assetId: ids['beach-sunset.jpg']! }, 'quote-text': { text: 'Ship small, ship often.' }, 'quote-author': { text: '— Ada' } } });
    expect(d.doc.name).toBe('Monday quote');
    const layers = (d.doc as ImageDraft).pages[0]!.layers;
    expect(layers.map((l) => [l.id, l.template, l.type === 'text' ? l.text : l.type === 'media' ? l.assetId === ids['beach-sunset.jpg'] : l.shape])).toEqual([
      ['quote-photo', 'placeholder', true],
      ['quote-accent', 'locked', 'rect'],
      ['quote-text', 'placeholder', 'Ship small, ship often.'],
      ['quote-author', 'placeholder', '— Ada'],
      ['quote-logo', 'locked', false],
    ]);
    expect((await api()['drafts.list']({ trashed: false })).map((s) => s.id)).toEqual([d.id]);
    expect(temp.events).toContainEqual({ name: 'drafts.changed', payload: { reason: 'created', ids: [d.id] } });
    const moved = { ...d.doc, pages: [{ ...(d.doc as ImageDraft).pages[0]!, layers: layers.filter((l) => l.id !== 'quote-logo') }] } as ImageDraft;
    await expect(api()['drafts.save']({ id: d.id, baseRevision: d.revision, doc: moved, actorId: creatorId })).rejects.toThrow(/The layer “Logo” on page 1 is locked by the template and was deleted/);
  });

  it('checks fills by type and names what is wrong', async () => {
    const tid = await starterId('quote-card');
    const make = (fills: Record<string, { assetId: string } | { text: string }>) => api()['templates.instantiate']({ templateId: tid, fills });
    await expect(make({ 'quote-photo': { text: 'hi' } })).rejects.toThrow('The placeholder “quote-photo” on page 1 takes a photo or logo, not text. Choose an asset for it.');
    await expect(make({ 'quote-text': { assetId: ids['beach-sunset.jpg']! } })).rejects.toThrow(/takes text, not an asset/);
    await expect(make({ 'quote-photo': { assetId: ids['music-loop.mp3']! } })).rejects.toThrow('“music-loop.mp3” is an audio file; the placeholder “quote-photo” on page 1 takes a photo or logo.');
    await expect(make({ 'quote-logo': { assetId: ids['beach-sunset.jpg']! } })).rejects.toThrow(/“quote-logo” is not a placeholder of this template\. Its placeholders are “quote-photo”, “quote-text”, “quote-author”/);
    await expect(make({ 'quote-photo': { assetId: 'no-such-asset' } })).rejects.toMatchObject({ code: 'not_found' });
    await api()['assets.trash']({ ids: [ids['beach-sunset.jpg']!] });
    await expect(make({ 'quote-photo': { assetId: ids['beach-sunset.jpg']! } })).rejects.toThrow(/not in this library \(or is in the Trash\)/);
    await expect(api()['templates.instantiate']({ templateId: 'not-a-template', fills: {} })).rejects.toMatchObject({ code: 'not_found' });
    expect(await api()['drafts.list']({ trashed: false })).toEqual([]);
  });

  it('fills the vertical video: the clip takes the video, the main track stays packed and the logo stays locked', async () => {
    const tid = await starterId('vertical-title-lower-third');
    const d = await api()['templates.instantiate']({ templateId: tid, fills: { 'vid-clip': { assetId: ids['red-clip.mp4']! }, 'vid-title-text': { text: 'Behind the scenes' } } });
    const doc = d.doc as VideoDraft;
    const clip = doc.tracks[0]!.clips[0]!;
    const video = (await api()['assets.get']({ id: ids['red-clip.mp4']! }));
    expect(clip).toMatchObject({ assetId: ids['red-clip.mp4'], in: 0, start: 0, template: 'placeholder' });
    expect(clip.type === 'media' && clip.out).toBeLessThanOrEqual(Math.min(6, video.durationSec!));
    expect(doc.tracks[1]!.clips[0]).toMatchObject({ id: 'vid-logo', template: 'locked', brand: 'logo' });
    await expect(api()['templates.instantiate']({ templateId: tid, fills: { 'vid-clip': { assetId: ids['music-loop.mp3']! } } })).rejects.toThrow(/takes a video or photo/);
  });

  it("saves a draft as a template: its author or an admin may change and delete it, others may only use it", async () => {
    const other = (await api()['users.create']({ actorId: 'owner', name: 'Omar', role: 'creator' })).id;
    const draft = await api()['drafts.create']({ kind: 'image', name: 'Team post' });
    const t = await api()['templates.create']({ draftId: draft.id, actorId: creatorId, name: 'Team template' });
    expect(t).toMatchObject({ name: 'Team template', author: creatorId, starter: null, placeholders: [] });
    expect(templateEvents().at(-1)).toEqual({ reason: 'created', ids: [t.id] });
    const rec = await api()['drafts.get']({ id: t.id });
    await expect(api()['drafts.save']({ id: t.id, baseRevision: rec.revision, doc: { ...rec.doc, name: 'Mine now' }, actorId: other })).rejects.toThrow(/Only the template's author or an admin can change or delete the template “Team template”/);
    await expect(api()['drafts.rename']({ id: t.id, name: 'Nope' })).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await api()['drafts.save']({ id: t.id, baseRevision: rec.revision, doc: { ...rec.doc, name: 'Team template v2' }, actorId: creatorId })).revision).toBe(rec.revision + 1);
    expect((await api()['templates.instantiate']({ templateId: t.id, fills: {} })).doc.name).toBe('Team template v2');
    await expect(api()['templates.delete']({ id: t.id, actorId: other })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await api()['templates.delete']({ id: t.id, actorId: creatorId })).toEqual({ count: 1 });
    await expect(api()['templates.delete']({ id: t.id, actorId: 'owner' })).rejects.toMatchObject({ code: 'not_found' });
    // The draft it came from is untouched.
    expect((await api()['drafts.get']({ id: draft.id })).doc.name).toBe('Team post');
  });
});
