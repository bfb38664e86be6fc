import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptionTrack } from '../model/caption-track';
import { parseSubtitles } from '../model/subtitle-parse';
import { type Receiver, multipartParts, startReceiver } from './__tests__/receiver';
import { type DeliveryWorld, approvedPost, openDeliveryWorld } from './__tests__/studio-fixture';
import { deliveryIdFor } from './delivery';

/**
 * Caption files beside delivered videos (docs/delivery.md "Caption files"), through the Studio's API on a real
 * library: a draft with an English and a Finnish caption track is rendered and delivered to the folder connector
 * and to a webhook on 127.0.0.1, and each SRT that arrives reads back (subtitle-parse) as the draft's cues.
 */
let w: DeliveryWorld;
let receiver: Receiver | null = null;
beforeEach(async () => {
  w = await openDeliveryWorld('pf-captions-');
});
afterEach(async () => {
  await w.close();
  await receiver?.close();
  receiver = null;
});

const api = () => w.studio.api;
const outbox = () => path.join(w.tmp, 'outbox');

const EN: CaptionTrack = {
  id: 'captions-1',
  language: 'en',
  name: 'English',
  cues: [
    { id: 'cue-1', text: 'Red is back.', startSec: 0, endSec: 0.45 },
    { id: 'cue-2', text: 'Two lines\nin one cue', startSec: 0.5, endSec: 0.95, speaker: 'Ann' },
  ],
};
const FI: CaptionTrack = { id: 'captions-2', language: 'fi', name: 'Finnish', cues: [{ id: 'cue-1', text: 'Punainen on täällä.', startSec: 0.1, endSec: 0.9 }] };

async function captionDraft(tracks: CaptionTrack[]): Promise<void> {
  const rec = await api()['drafts.get']({ id: w.draftId });
  if (rec.doc.kind !== 'video') throw new Error('a video draft was expected');
  await api()['drafts.save']({ id: w.draftId, baseRevision: rec.revision, doc: { ...rec.doc, captions: tracks } });
}

async function exportNow(id: string) {
  await api()['delivery.exportNow']({ id, actorId: 'owner' });
  await w.studio.rooms.delivery.whenIdle();
  return api()['posts.get']({ id });
}

/** Text and times of the cues an SRT holds (SRT carries no speakers or word timings). */
const cuesOf = (srt: Buffer | string) => parseSubtitles(srt, { format: 'srt' }).cues.map((c) => [c.text, c.startSec, c.endSec]);
const expected = (t: CaptionTrack) => t.cues.map((c) => [c.text, c.startSec, c.endSec]);

describe('caption files to the folder connector', () => {
  it('writes each channel’s SRT beside the video under its name, lists it in post.json, and none where the channel takes none', async () => {
    await captionDraft([EN, FI]);
    await api()['connectors.set']({ actorId: 'owner', folder: { root: outbox() } });
    const post = await approvedPost(w, 'Red captions', ['youtube_shorts', 'facebook_reel', 'linkedin', 'tiktok']);
    expect((await exportNow(post.id)).state).toBe('exported');

    const folderOf = (channel: string) => {
      const dir = path.join(outbox(), channel);
      return path.join(dir, fs.readdirSync(dir)[0]!);
    };
    const files = (channel: string) => fs.readdirSync(folderOf(channel)).sort();
    const meta = (channel: string) => JSON.parse(fs.readFileSync(path.join(folderOf(channel), 'post.json'), 'utf8')) as { files: { captions?: unknown } };

    // YouTube: one file per language, named by the video's base name.
    expect(files('youtube_shorts')).toEqual(['caption.txt', 'cover.jpg', 'media.en.srt', 'media.fi.srt', 'media.mp4', 'post.json']);
    expect(cuesOf(fs.readFileSync(path.join(folderOf('youtube_shorts'), 'media.en.srt')))).toEqual(expected(EN));
    expect(cuesOf(fs.readFileSync(path.join(folderOf('youtube_shorts'), 'media.fi.srt')))).toEqual(expected(FI));
    expect(meta('youtube_shorts').files.captions).toEqual([
      { file: 'media.en.srt', language: 'en', name: 'English', format: 'srt' },
      { file: 'media.fi.srt', language: 'fi', name: 'Finnish', format: 'srt' },
    ]);
    // Facebook: language and country in the name.
    expect(files('facebook_reel').filter((f) => f.endsWith('.srt'))).toEqual(['media.en_US.srt', 'media.fi_FI.srt']);
    expect(cuesOf(fs.readFileSync(path.join(folderOf('facebook_reel'), 'media.fi_FI.srt')))).toEqual(expected(FI));
    // LinkedIn: one caption file a video, the draft's first track.
    expect(files('linkedin').filter((f) => f.endsWith('.srt'))).toEqual(['media.srt']);
    expect(cuesOf(fs.readFileSync(path.join(folderOf('linkedin'), 'media.srt')))).toEqual(expected(EN));
    // TikTok takes no caption file.
    expect(files('tiktok')).toEqual(['caption.txt', 'cover.jpg', 'media.mp4', 'post.json']);
    expect(meta('tiktok').files.captions).toBeUndefined();
  }, 120_000);

  it('sends the captions the video was rendered with, even when the draft changes before the delivery', async () => {
    await captionDraft([EN]);
    await api()['connectors.set']({ actorId: 'owner', folder: { root: outbox() } });
    const post = await approvedPost(w, 'Red later', ['linkedin']);
    const engine = w.studio.rooms.delivery;
    await exportNow(post.id);
    await captionDraft([FI]);
    // The render folder's caption list is what any later send (a retry, a resend) reads.
    const files = await engine.filesFor(post, 'linkedin');
    expect(files.captions.map((c) => c.fileName)).toEqual(['media.srt']);
    expect(cuesOf(fs.readFileSync(files.captions[0]!.path))).toEqual(expected(EN));
  }, 120_000);
});

describe('caption files to a webhook', () => {
  it('sends each as a `captions` part (SRT, named as beside the video) and lists it in the metadata', async () => {
    await captionDraft([EN, FI]);
    receiver = await startReceiver((_r, res) => res.writeHead(201).end('{"ok":true}'));
    await api()['connectors.set']({ actorId: 'owner', webhook: { url: receiver.url, headerName: null, timeoutSec: 30 } });
    const post = await approvedPost(w, 'Red hook', ['facebook_reel', 'x']);
    expect((await exportNow(post.id)).state).toBe('exported');

    const reel = receiver.requests.find((r) => r.key === deliveryIdFor(post.id, 'facebook_reel', post.revision))!;
    const parts = multipartParts(reel.body, reel.contentType);
    expect(parts.map((p) => `${p.name}:${p.filename ?? ''}`)).toEqual(['metadata:', 'media:media.mp4', 'captions:media.en_US.srt', 'captions:media.fi_FI.srt', 'cover:cover.jpg']);
    const captions = parts.filter((p) => p.name === 'captions');
    for (const p of captions) expect(p.headers).toContain('Content-Type: application/x-subrip; charset=utf-8');
    expect(cuesOf(captions[0]!.data)).toEqual(expected(EN));
    expect(cuesOf(captions[1]!.data)).toEqual(expected(FI));
    const meta = JSON.parse(parts[0]!.data.toString()) as { files: { captions: { file: string; language: string }[] } };
    expect(meta.files.captions.map((c) => [c.file, c.language])).toEqual([
      ['media.en_US.srt', 'en'],
      ['media.fi_FI.srt', 'fi'],
    ]);
    // X takes no caption file: no such part.
    const x = receiver.requests.find((r) => r.key === deliveryIdFor(post.id, 'x', post.revision))!;
    expect(multipartParts(x.body, x.contentType).map((p) => p.name)).toEqual(['metadata', 'media', 'cover']);
  }, 120_000);
});
