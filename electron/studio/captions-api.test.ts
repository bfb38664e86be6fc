import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VideoDraft } from '../model/draft';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

/** captions.import / captions.export through a real Studio on a temporary library. */
describe('captions API', () => {
  let t: TempStudio;
  beforeEach(async () => {
    t = await openTempStudio('pf-captions-');
  });
  afterEach(async () => {
    await t.close();
  });

  const write = (name: string, content: string | Uint8Array) => {
    const p = path.join(t.tmp, name);
    fs.writeFileSync(p, content);
    return p;
  };
  const video = async (name = 'Beach day') => t.studio.api['drafts.create']({ kind: 'video', name });
  const docOf = async (id: string) => (await t.studio.api['drafts.get']({ id })).doc as VideoDraft;

  it('imports a Windows-1252 SRT as a track (a new revision, undoable), and its SRT export imports back unchanged', async () => {
    const d = await video();
    // "Hyvää päivää" with ä as 0xe4: not UTF-8; CRLF line ends; cues out of order.
    const srt = Buffer.concat([Buffer.from('2\r\n00:00:04,000 --> 00:00:05,500\r\nToinen\r\n\r\n1\r\n00:00:01,000 --> 00:00:03,000\r\n<i>Hyv'), Buffer.from([0xe4, 0xe4]), Buffer.from(' p'), Buffer.from([0xe4, 0x69, 0x76, 0xe4, 0xe4]), Buffer.from('</i>\r\nrivi kaksi\r\n')]);
    const out = await t.studio.api['captions.import']({ draftId: d.id, baseRevision: d.revision, path: write('fi.srt', srt), language: 'fi' });
    expect(out).toMatchObject({ previousRevision: d.revision, trackId: 'captions-1', cueCount: 2, format: 'srt', encoding: 'windows-1252' });
    expect(out.revision).toBeGreaterThan(d.revision);
    expect(out.warnings.map((w) => w.message)).toEqual(['the captions were not in time order; they were put in order', expect.stringMatching(/^styling/)]);
    expect(t.events).toContainEqual({ name: 'drafts.changed', payload: { reason: 'saved', ids: [d.id] } });

    const doc = await docOf(d.id);
    expect(doc.captions).toEqual([{ id: 'captions-1', language: 'fi', name: 'Finnish', cues: [
      { id: 'cue-1', text: 'Hyvää päivää\nrivi kaksi', startSec: 1, endSec: 3 },
      { id: 'cue-2', text: 'Toinen', startSec: 4, endSec: 5.5 },
    ] }]);

    const srtOut = await t.studio.api['captions.export']({ draftId: d.id, trackId: 'captions-1', format: 'srt' });
    expect(srtOut).toEqual({ text: '1\n00:00:01,000 --> 00:00:03,000\nHyvää päivää\nrivi kaksi\n\n2\n00:00:04,000 --> 00:00:05,500\nToinen\n', fileName: 'Beach day.fi.srt', cueCount: 2, warnings: [] });
    const again = await t.studio.api['captions.import']({ draftId: d.id, path: write(srtOut.fileName, srtOut.text), language: 'fi', name: 'Round trip' });
    expect(again.warnings).toEqual([]);
    const both = (await docOf(d.id)).captions!;
    expect(both.map((c) => c.name)).toEqual(['Finnish', 'Round trip']);
    expect(both[1]!.cues).toEqual(both[0]!.cues);

    // Undo: the revision before the import comes back (as a new revision on top).
    await t.studio.api['drafts.restoreRevision']({ id: d.id, revision: out.previousRevision });
    expect((await docOf(d.id)).captions).toBeUndefined();
  });

  it('exports WebVTT with speakers and word times, and warns what SRT leaves out', async () => {
    const d = await video('Talk: part 1?');
    const doc = { ...d.doc as VideoDraft, captions: [{ id: 'en', language: 'en', name: 'English', cues: [
      { id: 'a', text: 'Hello world', startSec: 0.5, endSec: 2, speaker: 'Ann', words: [{ text: 'Hello', startSec: 0.5, endSec: 1 }, { text: 'world', startSec: 1.2, endSec: 2 }] },
    ] }] };
    await t.studio.api['drafts.save']({ id: d.id, baseRevision: d.revision, doc });
    const vtt = await t.studio.api['captions.export']({ draftId: d.id, trackId: 'en', format: 'vtt' });
    expect(vtt).toEqual({ text: 'WEBVTT\n\na\n00:00:00.500 --> 00:00:02.000\n<v Ann>Hello<00:00:01.000> <00:00:01.200>world\n', fileName: 'Talk part 1.en.vtt', cueCount: 1, warnings: [] });
    const srt = await t.studio.api['captions.export']({ draftId: d.id, trackId: 'en', format: 'srt' });
    expect(srt.warnings).toEqual([expect.stringMatching(/^SRT has no word timings/), expect.stringMatching(/^SRT has no speakers/)]);
    await expect(t.studio.api['captions.export']({ draftId: d.id, trackId: 'nope', format: 'srt' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a bad file whole, naming its lines, and saves nothing', async () => {
    const d = await video();
    const before = await t.studio.api['drafts.revisions']({ id: d.id });
    const bad = write('bad.srt', '1\n00:00:01,000 --> 00:00:02,000\nFine\n\nStray words\n\n3\n00:00:05,000 --> 00:00:04,000\nBackwards\n');
    await expect(t.studio.api['captions.import']({ draftId: d.id, baseRevision: d.revision, path: bad, language: 'en' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^This subtitle file could not be imported, so nothing was added: line 5: text outside any caption.*; line 8: this caption ends .* Fix those lines in a text editor and import it again\.$/),
    });
    expect(await t.studio.api['drafts.revisions']({ id: d.id })).toEqual(before);
    expect((await docOf(d.id)).captions).toBeUndefined();
  });

  it('takes an upload (and removes it), refuses image drafts, stale revisions and two sources', async () => {
    const d = await video();
    const uploads = t.studio.rooms.folder.uploadsDir;
    fs.writeFileSync(path.join(uploads, 'up-1'), 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Bo>Hi there\n');
    const out = await t.studio.api['captions.import']({ draftId: d.id, baseRevision: d.revision, upload: { id: 'up-1', name: 'Interview.vtt' }, language: 'und' });
    expect(out).toMatchObject({ format: 'vtt', encoding: 'utf-8', cueCount: 1 });
    expect(fs.existsSync(path.join(uploads, 'up-1'))).toBe(false);
    expect((await docOf(d.id)).captions).toEqual([{ id: 'captions-1', language: 'und', name: 'Interview', cues: [{ id: 'cue-1', text: 'Hi there', startSec: 1, endSec: 2, speaker: 'Bo' }] }]);

    const file = write('ok.srt', '1\n00:00:01,000 --> 00:00:02,000\nHi\n');
    await expect(t.studio.api['captions.import']({ draftId: d.id, baseRevision: d.revision, path: file, language: 'en' })).rejects.toMatchObject({ code: 'conflict' });
    const img = await t.studio.api['drafts.create']({ kind: 'image', name: 'Post' });
    await expect(t.studio.api['captions.import']({ draftId: img.id, path: file, language: 'en' })).rejects.toMatchObject({ code: 'invalid_input', message: '“Post” is an image post; captions go on video drafts.' });
    await expect(t.studio.api['captions.import']({ draftId: d.id, path: path.join(t.tmp, 'missing.srt'), language: 'en' })).rejects.toMatchObject({ code: 'not_found' });

    const route = (name: string, input: unknown) => t.studio.route(name, input, t.studio.ownerCaller());
    expect(await route('captions.import', { draftId: d.id, path: file, upload: { id: 'x', name: 'x.srt' } })).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Choose one subtitle file to import/) } });
    expect(await route('captions.import', { draftId: d.id, path: file, language: 'not a language' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/language tag/) } });
    // Through the router the language defaults to "und".
    expect(await route('captions.import', { draftId: d.id, path: file })).toMatchObject({ ok: true, value: { trackId: 'captions-2' } });
  });
});
