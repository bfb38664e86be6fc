import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN_DIR, GOOD_DIR } from '../../scripts/fixtures';
import { SNIFF_BYTES, type Sniffed, sniff, storedExtension } from './sniff';

const b = (...parts: (string | number[])[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));
const pad = (n: number) => new Array<number>(n).fill(0);

describe('sniff', () => {
  it.each<[string, Uint8Array, Sniffed]>([
    ['jpeg', b([0xff, 0xd8, 0xff, 0xe0], pad(10)), { kind: 'image', format: 'jpeg' }],
    ['png', b('\x89PNG\r\n\x1a\n', pad(8)), { kind: 'image', format: 'png' }],
    ['gif87a', b('GIF87a', pad(6)), { kind: 'image', format: 'gif' }],
    ['gif89a', b('GIF89a', pad(6)), { kind: 'image', format: 'gif' }],
    ['webp', b('RIFF', [1, 2, 0, 0], 'WEBPVP8 '), { kind: 'image', format: 'webp' }],
    ['tiff LE', b('II*\0', [8, 0, 0, 0]), { kind: 'image', format: 'tiff' }],
    ['tiff BE', b('MM\0*', [0, 0, 0, 8]), { kind: 'image', format: 'tiff' }],
    ['bmp', b('BM', [0x46, 0, 0, 0], [0, 0, 0, 0], [0x36, 0, 0, 0], [0x28, 0, 0, 0]), { kind: 'image', format: 'bmp' }],
    ['avif', b([0, 0, 0, 0x1c], 'ftypavif', pad(4)), { kind: 'image', format: 'avif' }],
    ['avif sequence', b([0, 0, 0, 0x1c], 'ftypavis', pad(4)), { kind: 'image', format: 'avif' }],
    ['heic', b([0, 0, 0, 0x18], 'ftypheic', pad(4)), { kind: 'image', format: 'heif' }],
    ['heif mif1', b([0, 0, 0, 0x18], 'ftypmif1', pad(4)), { kind: 'image', format: 'heif' }],
    ['avif behind mif1', b([0, 0, 0, 0x20], 'ftypmif1', pad(4), 'mif1avifmiaf'), { kind: 'image', format: 'avif' }],
    ['mp4', b([0, 0, 0, 0x20], 'ftypisom', pad(4)), { kind: 'av', format: 'isobmff' }],
    ['mov', b([0, 0, 0, 0x14], 'ftypqt  ', pad(4)), { kind: 'av', format: 'isobmff' }],
    ['wav', b('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), { kind: 'av', format: 'riff' }],
    ['avi', b('RIFF', [0x24, 0, 0, 0], 'AVI LIST'), { kind: 'av', format: 'riff' }],
    ['matroska/webm', b([0x1a, 0x45, 0xdf, 0xa3], pad(8)), { kind: 'av', format: 'matroska' }],
    ['mp3 with ID3', b('ID3', [4, 0, 0]), { kind: 'av', format: 'mpeg-audio' }],
    ['mp3 frame sync', b([0xff, 0xfb, 0x90, 0x64]), { kind: 'av', format: 'mpeg-audio' }],
    ['aac adts', b([0xff, 0xf1, 0x50, 0x80]), { kind: 'av', format: 'mpeg-audio' }],
    ['flac', b('fLaC', pad(4)), { kind: 'av', format: 'flac' }],
    ['ogg', b('OggS', pad(4)), { kind: 'av', format: 'ogg' }],
    ['aiff', b('FORM', [0, 0, 0, 0x2e], 'AIFF'), { kind: 'av', format: 'aiff' }],
    ['aifc', b('FORM', [0, 0, 0, 0x2e], 'AIFC'), { kind: 'av', format: 'aiff' }],
    ['mpeg-ts', b([0x47, 0x40, 0x00, 0x10, 0x00]), { kind: 'av', format: 'mpegts' }],
    ['mpeg-ps', b([0, 0, 1, 0xba], pad(4)), { kind: 'av', format: 'mpeg-ps' }],
    ['old quicktime', b([0, 0, 0, 8], 'wide', [0, 0, 0, 0]), { kind: 'av', format: 'quicktime' }],
    ['quicktime moov first', b([0, 0, 0, 0x6c], 'moov', pad(4)), { kind: 'av', format: 'quicktime' }],
  ])('%s', (_name, bytes, expected) => expect(sniff(bytes)).toEqual(expected));

  it('tells text from binary', () => {
    expect(sniff(b('This is a text file pretending to be a JPEG.\n'))).toEqual({ kind: 'text' });
    expect(sniff(b('col1\tcol2\r\n\x1b[0m'))).toEqual({ kind: 'text' });
    expect(sniff(new Uint8Array(Buffer.from('Grüße, café ☕\n', 'utf8')))).toEqual({ kind: 'text' });
    expect(sniff(b('{"json": true}'))).toEqual({ kind: 'text' });
    // A NUL or a control character makes it binary.
    expect(sniff(b('text', [0], 'more'))).toEqual({ kind: 'unknown' });
    expect(sniff(b('text', [0x02], 'more'))).toEqual({ kind: 'unknown' });
    expect(sniff(new Uint8Array(0))).toEqual({ kind: 'unknown' });
  });

  it('does not take text that starts like a signature for media', () => {
    // "G" is also the MPEG-TS sync byte.
    expect(sniff(b('Grocery list: milk, eggs\n'))).toEqual({ kind: 'text' });
    // "BM" is also the BMP magic.
    expect(sniff(b('BMX tricks to learn this summer\n'))).toEqual({ kind: 'text' });
  });

  it('needs enough bytes for a signature', () => {
    expect(sniff(b([0xff, 0xd8]))).not.toMatchObject({ kind: 'image' });
    expect(sniff(b('RIFF', [0, 0, 0, 0], 'WEB'))).not.toMatchObject({ kind: 'image' });
    expect(sniff(b('BM'))).toEqual({ kind: 'text' });
  });

  it('recognises the generated fixtures from their first bytes', () => {
    const head = (file: string) => {
      const fd = fs.openSync(file, 'r');
      try {
        const buf = Buffer.alloc(SNIFF_BYTES);
        const n = fs.readSync(fd, buf, 0, SNIFF_BYTES, 0);
        return sniff(new Uint8Array(buf.buffer, buf.byteOffset, n));
      } finally {
        fs.closeSync(fd);
      }
    };
    expect(head(path.join(GOOD_DIR, 'beach-sunset.jpg'))).toEqual({ kind: 'image', format: 'jpeg' });
    expect(head(path.join(GOOD_DIR, 'logo.png'))).toEqual({ kind: 'image', format: 'png' });
    expect(head(path.join(GOOD_DIR, 'red-clip.mp4'))).toEqual({ kind: 'av', format: 'isobmff' });
    expect(head(path.join(GOOD_DIR, 'nested', 'deeper', 'voice-note.wav'))).toEqual({ kind: 'av', format: 'riff' });
    expect(head(path.join(GOOD_DIR, 'music-loop.mp3'))).toEqual({ kind: 'av', format: 'mpeg-audio' });
    expect(head(path.join(BROKEN_DIR, 'notes-not-a-photo.jpg'))).toEqual({ kind: 'text' });
    expect(head(path.join(BROKEN_DIR, 'empty.mp4'))).toEqual({ kind: 'unknown' });
    expect(head(path.join(BROKEN_DIR, 'random-bytes.mov')).kind).toBe('unknown');
  });
});

describe('storedExtension', () => {
  it("uses the real image format, not the name's extension", () => {
    expect(storedExtension(sniff(b('\x89PNG\r\n\x1a\n', pad(8))), 'jpg')).toBe('png');
    expect(storedExtension({ kind: 'image', format: 'jpeg' }, 'JPEG')).toBe('jpg');
    expect(storedExtension({ kind: 'image', format: 'heif' }, 'heif')).toBe('heic');
    expect(storedExtension({ kind: 'image', format: 'webp' }, '')).toBe('webp');
  });

  it('keeps a cleaned, lower-case name extension for audio and video', () => {
    expect(storedExtension({ kind: 'av', format: 'isobmff' }, 'MOV')).toBe('mov');
    expect(storedExtension({ kind: 'av', format: 'isobmff' }, '.m4a')).toBe('m4a');
    expect(storedExtension({ kind: 'av', format: 'matroska' }, 'mk/../v')).toBe('mkv');
    expect(storedExtension({ kind: 'av', format: 'riff' }, 'averyverylongext')).toBe('averyver');
    expect(storedExtension({ kind: 'av', format: 'riff' }, '')).toBe('');
  });
});

describe('SVG by content', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('recognises SVG after a BOM, an XML declaration, comments or a DOCTYPE, and nothing else', () => {
    expect(sniff(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ kind: 'image', format: 'svg' });
    expect(sniff(bytes('\uFEFF<?xml version="1.0"?>\n<!-- Generator: Adobe Illustrator -->\n<svg width="1">'))).toEqual({ kind: 'image', format: 'svg' });
    expect(sniff(bytes('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" ""><svg/>'))).toEqual({ kind: 'image', format: 'svg' });
    expect(sniff(bytes('<?xml version="1.0"?><html><svg/></html>'))).toEqual({ kind: 'text' });
    expect(sniff(bytes('svg files are nice'))).toEqual({ kind: 'text' });
    expect(sniff(bytes('<svgfoo/>'))).toEqual({ kind: 'text' });
  });
});
