import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMedia, type MediaResolver } from './media-response';
import { resolveRendererTarget } from './trust';

const target = resolveRendererTarget({ isPackaged: true, devServerUrl: undefined, indexHtmlPath: '/app/out/renderer/index.html' });
let dir = '';
let file = '';
const bytes = Buffer.from('0123456789abcdefghij');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-media-'));
  file = path.join(dir, 'clip.mp4');
  fs.writeFileSync(file, bytes);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const resolver: MediaResolver = async (id, variant) => (id === 'a1' && variant === 'original' ? { path: file, mime: 'video/mp4' } : null);
const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => serveMedia(new Request(url, { headers, method }), resolver, target);

describe('serveMedia', () => {
  it('serves the whole file with Accept-Ranges', async () => {
    const res = await get('media://asset/a1/original');
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-length')).toBe('20');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers a Range request with 206 and Content-Range', async () => {
    const res = await get('media://asset/a1/original', { Range: 'bytes=5-9' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 5-9/20');
    expect(res.headers.get('content-length')).toBe('5');
    expect(await res.text()).toBe('56789');
  });

  it('serves open-ended and suffix ranges', async () => {
    expect(await (await get('media://asset/a1/original', { Range: 'bytes=15-' })).text()).toBe('fghij');
    expect(await (await get('media://asset/a1/original', { Range: 'bytes=-3' })).text()).toBe('hij');
  });

  it('answers 416 for a range outside the file', async () => {
    const res = await get('media://asset/a1/original', { Range: 'bytes=50-60' });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */20');
  });

  it('answers HEAD without a body', async () => {
    const res = await get('media://asset/a1/original', {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('20');
    expect(res.body).toBeNull();
  });

  it('answers 404 for unknown assets, variants and malformed URLs', async () => {
    for (const url of ['media://asset/zz/original', 'media://asset/a1/thumb', 'media://asset/a1/nope', 'media://asset/..%2F..%2Fetc%2Fpasswd/original', 'media://other/a1/original']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('refuses other methods', async () => {
    expect((await get('media://asset/a1/original', {}, 'POST')).status).toBe(405);
  });

  describe('text layers and exports', () => {
    const key = 'ab'.repeat(32);
    const more = {
      text: async (k: string) => (k === key ? { path: file, mime: 'image/png' } : null),
      exports: async (id: string, output: number) => (id === 'job-1' && output <= 1 ? { path: file, mime: 'video/mp4', fileName: output ? 'tiktok.mp4' : 'Summer ä.mp4' } : null),
      fonts: async (id: string) => (id === key ? { path: file, mime: 'font/ttf' } : null),
    };
    const fetch = (url: string, headers: Record<string, string> = {}) => serveMedia(new Request(url, { headers }), resolver, target, more);

    it('serves media://text/<key>.png as an immutable PNG, by range too', async () => {
      const res = await fetch(`media://text/${key}.png`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('cache-control')).toContain('immutable');
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
      const part = await fetch(`media://text/${key}.png`, { Range: 'bytes=0-3' });
      expect(part.status).toBe(206);
      expect(await part.text()).toBe('0123');
    });

    it('serves media://font/<sha256> as an immutable font; 404s anything that is not a font id', async () => {
      const res = await fetch(`media://font/${key}`);
      expect([res.status, res.headers.get('content-type'), res.headers.get('cache-control')]).toEqual([200, 'font/ttf', 'max-age=31536000, immutable']);
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
      for (const url of [`media://font/${'cd'.repeat(32)}`, `media://font/${key.toUpperCase()}`, `media://font/${key}.ttf`, 'media://font/..%2F..%2Flibrary.sqlite', `media://font/${key}/x`]) {
        expect((await fetch(url)).status, url).toBe(404);
      }
      expect((await get(`media://font/${key}`)).status, 'no font resolver given').toBe(404);
    });

    it('serves media://export/<jobId> as an attachment under its file name', async () => {
      const res = await fetch('media://export/job-1');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Summer _.mp4"; filename*=UTF-8''Summer%20%C3%A4.mp4`);
      expect(await res.text()).toBe(bytes.toString());
      // One file of a one-pass export of several variants, by its index among the job's outputs.
      expect((await fetch('media://export/job-1/1')).headers.get('content-disposition')).toContain('filename="tiktok.mp4"');
      expect((await fetch('media://export/job-1/2')).status).toBe(404);
    });

    it('404s bad keys, unknown jobs, traversal, and text/export URLs when no resolver is given', async () => {
      for (const url of [
        `media://text/${'cd'.repeat(32)}.png`,
        `media://text/${key.toUpperCase()}.png`,
        `media://text/${key}`,
        'media://text/..%2F..%2Flibrary.sqlite.png',
        `media://text/${key}.png/x`,
        'media://export/job-2',
        'media://export/..%2Flibrary.sqlite',
        'media://export/job-1/x',
        'media://export/job-1/-1',
        'media://export/job-1/1/2',
      ]) {
        expect((await fetch(url)).status, url).toBe(404);
      }
      expect((await get(`media://text/${key}.png`)).status).toBe(404);
      expect((await get('media://export/job-1')).status).toBe(404);
    });
  });

  it('allows CORS reads only for the app page', async () => {
    expect((await get('media://asset/a1/original', { Origin: 'null' })).headers.get('access-control-allow-origin')).toBe('null');
    expect((await get('media://asset/a1/original', { Origin: 'https://evil.example' })).headers.get('access-control-allow-origin')).toBeNull();
  });
});
