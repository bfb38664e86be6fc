import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageDraft, shapeLayer } from '../render/test-images';
import { type DeliveryWorld, approvedPost, openDeliveryWorld } from './__tests__/studio-fixture';
import { deliveryFor } from './delivery';
import { imagePlanFor } from './engine';
import { multipartPlan } from './webhook-connector';

/**
 * Image posts through the queue (issue 11 §6, Done-when 2), in a real Studio: a 5-page carousel, each page its
 * own colour, exported and written by the folder connector as five numbered files in page order with the caption.
 */

const COLOURS = ['#e01010', '#10b010', '#1010e0', '#e0e010', '#10e0e0'];
const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

let w: DeliveryWorld;
beforeEach(async () => {
  w = await openDeliveryWorld('pf-image-posts-');
});
afterEach(async () => w.close());

async function carouselDraft(pages: number): Promise<string> {
  const doc = imageDraft(
    COLOURS.slice(0, pages).map((color, i) => ({ background: { type: 'colour' as const, color }, layers: [shapeLayer(`s${i}`, 'ellipse', { x: 0.5, y: 0.5, w: 0.2, h: 0.2 }, { fill: '#ffffff' })] })),
    { name: 'Five tips', canvas: { preset: 'custom', width: 1600, height: 2000 } },
  );
  const rec = await w.studio.api['drafts.create']({ kind: 'image', name: 'Five tips' });
  await w.studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc });
  return rec.id;
}

describe('image posts in the queue', () => {
  it('delivers a 5-page carousel to the folder connector as five numbered files in page order, with the caption', async () => {
    const api = w.studio.api;
    const outbox = path.join(w.tmp, 'outbox');
    await api['connectors.set']({ actorId: 'owner', folder: { root: outbox } });
    const draftId = await carouselDraft(5);
    const post = await approvedPost({ ...w, draftId }, 'Five tips', ['instagram_feed']);
    await api['delivery.exportNow']({ id: post.id, actorId: 'owner' });
    await w.studio.rooms.delivery.whenIdle();
    const done = await api['posts.get']({ id: post.id });
    expect(done.state, JSON.stringify(await api['delivery.status']({ postId: post.id }))).toBe('exported');

    const channelDir = path.join(outbox, 'instagram_feed');
    const [folder] = fs.readdirSync(channelDir);
    const dir = path.join(channelDir, folder!);
    expect(fs.readdirSync(dir).sort()).toEqual(['01.jpg', '02.jpg', '03.jpg', '04.jpg', '05.jpg', 'caption.txt', 'cover.jpg', 'post.json']);
    expect(fs.readFileSync(path.join(dir, 'caption.txt'), 'utf8')).toMatch(/^Five tips caption/);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'post.json'), 'utf8')) as { files: { images: string[]; media: string } };
    expect(meta.files.images).toEqual(['01.jpg', '02.jpg', '03.jpg', '04.jpg', '05.jpg']);
    for (const [i, colour] of COLOURS.entries()) {
      const file = path.join(dir, `0${i + 1}.jpg`);
      const m = await sharp(file).metadata();
      // Instagram's feed takes at most 1440 px across: the 1600×2000 canvas is scaled to it, under its 8 MB.
      expect([m.format, m.width, m.height]).toEqual(['jpeg', 1440, 1800]);
      expect(fs.statSync(file).size).toBeLessThanOrEqual(8_000_000);
      const s = await sharp(file).extract({ left: 20, top: 20, width: 100, height: 100 }).stats();
      s.channels.slice(0, 3).forEach((c, ch) => expect(Math.abs(c.mean - hex(colour)[ch]!), `page ${i + 1}`).toBeLessThan(12));
    }
    // The cover is the first page.
    expect(fs.readFileSync(path.join(dir, 'cover.jpg')).equals(fs.readFileSync(path.join(dir, '01.jpg')))).toBe(true);
    // A channel's render is not a person's export: the history of image exports stays empty.
    expect(await api['images.exports']({ limit: 50 })).toEqual([]);
  }, 120_000);

  it('blocks a carousel over a channel’s image count before rendering, saying what to do', async () => {
    const api = w.studio.api;
    await api['connectors.set']({ actorId: 'owner', folder: { root: path.join(w.tmp, 'outbox') } });
    const draftId = await carouselDraft(5);
    const post = await approvedPost({ ...w, draftId }, 'Too many for X', ['x']);
    await expect(api['delivery.exportNow']({ id: post.id, actorId: 'owner' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/X takes up to 4 images a post; this carousel has 5 pages\. Remove 1 page, split it into two posts, or post it to TikTok, Instagram feed or LinkedIn \(as one PDF document\)\./),
    });
    // A channel that takes no images is refused the same way.
    const reel = await approvedPost({ ...w, draftId }, 'A reel', ['instagram_reel']);
    await expect(api['delivery.exportNow']({ id: reel.id, actorId: 'owner' })).rejects.toMatchObject({ message: expect.stringMatching(/does not take images/) });
  }, 60_000);
});

/** The JPEG of each page of a PDF written by render/pdf-pages.ts, in page order (its image XObjects). */
function pdfPageImages(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  const out: Buffer[] = [];
  for (const m of text.matchAll(/\/Subtype \/Image [^>]*\/Length (\d+) >>\nstream\n/g)) {
    const start = m.index + m[0].length;
    out.push(pdf.subarray(start, start + Number(m[1])));
  }
  return out;
}

describe('LinkedIn document posts', () => {
  it('delivers a LinkedIn carousel to the folder as one PDF document of the pages in order, with the cover and caption', async () => {
    const api = w.studio.api;
    const outbox = path.join(w.tmp, 'outbox');
    await api['connectors.set']({ actorId: 'owner', folder: { root: outbox } });
    const draftId = await carouselDraft(5);
    const post = await approvedPost({ ...w, draftId }, 'Five tips', ['linkedin']);
    await api['delivery.exportNow']({ id: post.id, actorId: 'owner' });
    await w.studio.rooms.delivery.whenIdle();
    expect((await api['posts.get']({ id: post.id })).state, JSON.stringify(await api['delivery.status']({ postId: post.id }))).toBe('exported');
    const channelDir = path.join(outbox, 'linkedin');
    const [folder] = fs.readdirSync(channelDir);
    const dir = path.join(channelDir, folder!);
    expect(fs.readdirSync(dir).sort()).toEqual(['caption.txt', 'cover.jpg', 'document.pdf', 'post.json']);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'post.json'), 'utf8')) as { files: unknown };
    expect(meta.files).toEqual({ media: 'document.pdf', cover: 'cover.jpg', document: { file: 'document.pdf', pages: 5 } });
    const pdf = fs.readFileSync(path.join(dir, 'document.pdf'));
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf.length).toBeLessThanOrEqual(100_000_000);
    expect(pdf.toString('latin1')).toMatch(/\/Type \/Pages \/Kids \[[^\]]+\] \/Count 5 >>/);
    const pages = pdfPageImages(pdf);
    expect(pages).toHaveLength(5);
    for (const [i, jpeg] of pages.entries()) {
      const m = await sharp(jpeg).metadata();
      expect([m.format, m.width, m.height]).toEqual(['jpeg', 1600, 2000]);
      const st = await sharp(jpeg).extract({ left: 20, top: 20, width: 100, height: 100 }).stats();
      st.channels.slice(0, 3).forEach((c, ch) => expect(Math.abs(c.mean - hex(COLOURS[i]!)[ch]!), `PDF page ${i + 1}`).toBeLessThan(12));
    }
    // The cover is the first page.
    const cover = await sharp(path.join(dir, 'cover.jpg')).extract({ left: 20, top: 20, width: 100, height: 100 }).stats();
    cover.channels.slice(0, 3).forEach((c, ch) => expect(Math.abs(c.mean - hex(COLOURS[0]!)[ch]!)).toBeLessThan(12));
    expect(fs.readFileSync(path.join(dir, 'caption.txt'), 'utf8')).toMatch(/^Five tips caption/);
  }, 120_000);

  it('sends a document post to a webhook as one `document` part (application/pdf), then the cover', async () => {
    const dir = fs.mkdtempSync(path.join(w.tmp, 'doc-'));
    const pdf = path.join(dir, 'Five tips.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    const cover = path.join(dir, '01.jpg');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ff0000' } }).jpeg().toFile(cover);
    const post = { id: 'p1', title: 'T', content: { caption: 'Hi', hashtags: [], mentions: [], firstComment: '', link: null }, targets: [{ channel: 'linkedin' as const, overrides: {} }], sponsored: false, scheduledAt: null, timeZone: 'UTC' };
    const plan = await multipartPlan(deliveryFor(post, 'linkedin', 1, { mediaPath: pdf, coverPath: cover, documentPages: 5 }), 'B');
    const heads = plan.parts.map((p) => p.head.toString());
    expect(heads.map((h) => /name="([^"]+)"(?:; filename="([^"]+)")?/.exec(h)!.slice(1).join(':'))).toEqual(['metadata:', 'document:document.pdf', 'cover:cover.jpg']);
    expect(heads[1]).toContain('Content-Type: application/pdf');
    const meta = JSON.parse((plan.parts[0]!.body as { data: Buffer }).data.toString()) as { files: unknown };
    expect(meta.files).toEqual({ media: 'document.pdf', cover: 'cover.jpg', document: { file: 'document.pdf', pages: 5 } });
  });
});

describe('imagePlanFor', () => {
  it('scales down only past the channel’s width and keeps its file-size limit', () => {
    expect(imagePlanFor(1080, 3, 'instagram_feed')).toEqual({ width: 1080, maxBytes: 8_000_000, document: false });
    expect(imagePlanFor(2000, 1, 'tiktok')).toEqual({ width: 1080, maxBytes: 20_000_000, document: false });
    // LinkedIn: one page is an image post; a carousel is one PDF document, each page its share of the 100 MB.
    expect(imagePlanFor(1200, 1, 'linkedin')).toEqual({ width: 1200, maxBytes: null, document: false });
    expect(imagePlanFor(1200, 20, 'linkedin')).toEqual({ width: 1200, maxBytes: 4_900_000, document: true });
    expect(imagePlanFor(1200, 300, 'linkedin')).toEqual({ width: 1200, maxBytes: 326_666, document: true });
    expect(imagePlanFor(1200, 301, 'linkedin')).toEqual({ problem: 'LinkedIn takes documents of up to 300 pages; this carousel has 301 pages. Remove 1 page, split it into two posts.' });
  });
});

describe('webhook parts of an image post', () => {
  it('sends one image part per page in page order, no media part, and lists them in the metadata', async () => {
    const dir = fs.mkdtempSync(path.join(w.tmp, 'pages-'));
    const pages = await Promise.all(
      COLOURS.slice(0, 3).map(async (c, i) => {
        const file = path.join(dir, `p-${i + 1}.jpg`);
        await sharp({ create: { width: 8, height: 8, channels: 3, background: c } }).jpeg().toFile(file);
        return file;
      }),
    );
    const post = { id: 'p1', title: 'T', content: { caption: 'Hi', hashtags: [], mentions: [], firstComment: '', link: null }, targets: [{ channel: 'x' as const, overrides: {} }], sponsored: false, scheduledAt: null, timeZone: 'UTC' };
    const d = deliveryFor(post, 'x', 1, { mediaPath: pages[0]!, coverPath: pages[0]!, images: pages });
    const plan = await multipartPlan(d, 'B');
    const heads = plan.parts.map((p) => p.head.toString());
    expect(heads.map((h) => /name="([^"]+)"(?:; filename="([^"]+)")?/.exec(h)!.slice(1).join(':'))).toEqual(['metadata:', 'image:01.jpg', 'image:02.jpg', 'image:03.jpg', 'cover:cover.jpg']);
    const meta = JSON.parse((plan.parts[0]!.body as { data: Buffer }).data.toString()) as { files: { images: string[] } };
    expect(meta.files.images).toEqual(['01.jpg', '02.jpg', '03.jpg']);
    expect(plan.length).toBe(plan.parts.reduce((n, p) => n + p.head.length + ('data' in p.body ? p.body.data.length : p.body.size) + 2, 0) + plan.tail.length);
  });
});
