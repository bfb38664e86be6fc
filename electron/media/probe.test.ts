import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOOD_DIR } from '../../scripts/fixtures';
import { resolveBinaries } from './binaries';
import { MediaTools } from './ffmpeg';
import { type ProbeData, type ProbeStream, normalizeRotation, parseFfprobeOutput, parseProbe, parseRate } from './probe';

const video = (o: Partial<ProbeStream> = {}): ProbeStream => ({
  codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30/1', r_frame_rate: '30/1', ...o,
});
const audio = (o: Partial<ProbeStream> = {}): ProbeStream => ({ codec_type: 'audio', codec_name: 'aac', ...o });
const probe = (streams: ProbeStream[], format: ProbeData['format'] = { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: 10 }): ProbeData => ({ streams, format });

describe('parseFfprobeOutput', () => {
  it('reads streams and format blocks: numbers, tags, dispositions, and side data keys of the stream', () => {
    const text = [
      '[STREAM]', 'index=0', 'codec_name=h264', 'codec_type=video', 'width=320', 'height=180', 'r_frame_rate=25/1', 'duration=1.000000',
      'max_bit_rate=N/A', 'DISPOSITION:attached_pic=0', 'TAG:creation_time=2024-06-01T10:20:30.000000Z', 'TAG:vendor_id=[0][0][0][0]',
      '[SIDE_DATA]', 'side_data_type=Display Matrix', 'displaymatrix=', '00000000:            0      -65536           0', 'rotation=-90', '[/SIDE_DATA]',
      '[/STREAM]',
      '[STREAM]\r', 'index=1\r', 'codec_type=audio\r', 'sample_rate=48000\r', '[/STREAM]\r',
      '[FORMAT]', 'filename=/My Clips/a=b.mp4', 'format_name=mov,mp4,m4a,3gp,3g2,mj2', 'duration=1.023000', 'TAG:major_brand=isom', '[/FORMAT]',
    ].join('\n');
    const d = parseFfprobeOutput(text);
    expect(d.streams).toHaveLength(2);
    expect(d.streams[0]).toMatchObject({ index: 0, codec_name: 'h264', width: 320, r_frame_rate: '25/1', duration: 1, max_bit_rate: 'N/A', rotation: '-90' });
    expect(d.streams[0]!.disposition).toEqual({ attached_pic: 0 });
    expect(d.streams[0]!.tags).toEqual({ creation_time: '2024-06-01T10:20:30.000000Z', vendor_id: '[0][0][0][0]' });
    expect(d.streams[1]).toEqual({ index: 1, codec_type: 'audio', sample_rate: 48000 });
    expect(d.format).toMatchObject({ filename: '/My Clips/a=b.mp4', format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: 1.023, tags: { major_brand: 'isom' } });
    expect(parseProbe(d).facts).toMatchObject({ durationSec: 1.023, width: 180, height: 320, rotation: 90 });
    expect(parseFfprobeOutput('')).toEqual({ streams: [], format: {} });
  });
});

describe('parseRate', () => {
  it.each([
    ['30000/1001', 29.97],
    ['25/1', 25],
    ['24', 24],
    ['0/0', null],
    ['30/0', null],
    ['90000/1', null], // a time base, not a frame rate
    ['abc', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (rate, fps) => expect(parseRate(rate)).toBe(fps));
});

describe('normalizeRotation', () => {
  it.each<[Partial<ProbeStream>, number]>([
    [{}, 0],
    [{ rotation: -90 }, 90], // display matrix: counter-clockwise
    [{ rotation: '90' }, 270],
    [{ rotation: 180 }, 180],
    [{ rotation: -180 }, 180],
    [{ rotation: -270 }, 270],
    [{ rotation: -89.99 }, 90],
    [{ tags: { rotate: '90' } }, 90], // legacy tag: clockwise
    [{ tags: { rotate: 270 } }, 270],
    [{ 'TAG:rotate': '180' }, 180],
    [{ tags: { rotate: '-90' } }, 270],
    [{ rotation: -90, tags: { rotate: '270' } }, 90], // the display matrix wins
    [{ rotation: 'N/A', tags: { rotate: '90' } }, 90],
  ])('%j → %i', (s, cw) => expect(normalizeRotation(video(s))).toBe(cw));
});

describe('parseProbe', () => {
  it('reads a landscape video with audio', () => {
    const r = parseProbe(probe([video({ avg_frame_rate: '30000/1001' }), audio()]));
    expect(r).toEqual({
      kind: 'video',
      facts: {
        durationSec: 10, width: 1920, height: 1080, rotation: 0, fps: 29.97, videoCodec: 'h264', audioCodec: 'aac', hasAudio: true,
        createdAt: null, format: 'mov,mp4,m4a,3gp,3g2,mj2', dynamicRange: 'sdr',
      },
      // Untagged 1080 lines: BT.709, as Chromium decodes it.
      colour: { matrix: 'bt709', fullRange: false },
    });
  });

  it('reads an HDR phone clip’s colour: HLG in BT.2020, and no dynamic range for sound alone', () => {
    const iphone = video({ codec_name: 'hevc', color_space: 'bt2020nc', color_transfer: 'arib-std-b67', color_primaries: 'bt2020', color_range: 'tv' });
    const r = parseProbe(probe([iphone, audio()]));
    expect(r.facts.dynamicRange).toBe('hlg');
    expect(r.colour).toEqual({ matrix: 'bt2020', fullRange: false, dynamicRange: 'hlg' });
    expect(parseProbe(probe([video({ color_transfer: 'smpte2084', color_space: 'unknown' })])).facts.dynamicRange).toBe('pq');
    const sound = parseProbe(probe([audio()]));
    expect(sound.colour).toBeNull();
    expect(sound.facts.dynamicRange).toBeUndefined();
  });

  it('swaps width and height for a quarter turn, from side data or the legacy tag', () => {
    for (const s of [{ rotation: -90 }, { rotation: '90' }, { tags: { rotate: '90' } }, { tags: { rotate: '270' } }]) {
      const { facts } = parseProbe(probe([video(s)]));
      expect([facts.width, facts.height]).toEqual([1080, 1920]);
      expect(facts.rotation % 180).toBe(90);
    }
    const upsideDown = parseProbe(probe([video({ rotation: 180 })])).facts;
    expect([upsideDown.width, upsideDown.height, upsideDown.rotation]).toEqual([1920, 1080, 180]);
  });

  it('treats an attached cover picture as artwork, not video', () => {
    const cover = video({ codec_name: 'mjpeg', width: 600, height: 600, avg_frame_rate: '0/0', r_frame_rate: '90000/1', disposition: { attached_pic: 1 } });
    const r = parseProbe(probe([audio({ codec_name: 'mp3', duration: '181.2' }), cover], { format_name: 'mp3', duration: 'N/A' }));
    expect(r.kind).toBe('audio');
    expect(r.facts).toMatchObject({ width: null, height: null, fps: null, videoCodec: null, audioCodec: 'mp3', hasAudio: true, durationSec: 181.2, rotation: 0 });
  });

  it('ignores video streams without a size', () => {
    expect(parseProbe(probe([video({ width: 0, height: 0 }), audio()])).kind).toBe('audio');
  });

  it('is audio-only for a plain audio file and null for nothing usable', () => {
    const a = parseProbe(probe([audio({ codec_name: 'pcm_s16le' })], { format_name: 'wav', duration: '1.5' }));
    expect(a).toEqual({
      kind: 'audio',
      facts: { durationSec: 1.5, width: null, height: null, rotation: 0, fps: null, videoCodec: null, audioCodec: 'pcm_s16le', hasAudio: true, createdAt: null, format: 'wav' },
      colour: null,
    });
    const none = parseProbe(probe([{ codec_type: 'data' }], { format_name: 'mpegts' }));
    expect(none.kind).toBeNull();
    expect(none.facts.hasAudio).toBe(false);
  });

  it('falls back from a missing (N/A) container duration to the stream duration, else null', () => {
    expect(parseProbe(probe([video({ duration: '12.5' })], { duration: 'N/A' })).facts.durationSec).toBe(12.5);
    expect(parseProbe(probe([video({ duration: 'N/A' })], { duration: 'N/A' })).facts.durationSec).toBeNull();
    expect(parseProbe(probe([video()], {})).facts.durationSec).toBeNull();
    expect(parseProbe(probe([video()], { duration: '' })).facts.durationSec).toBeNull();
    expect(parseProbe(probe([video()], { duration: -1 })).facts.durationSec).toBeNull();
    expect(parseProbe(probe([video()], { duration: 0 })).facts.durationSec).toBe(0);
  });

  it('uses avg_frame_rate, then r_frame_rate', () => {
    expect(parseProbe(probe([video({ avg_frame_rate: '0/0', r_frame_rate: '25/1' })])).facts.fps).toBe(25);
    expect(parseProbe(probe([video({ avg_frame_rate: '0/0', r_frame_rate: '0/0' })])).facts.fps).toBeNull();
  });

  it('reads the capture time from the container, then the video stream, ignoring clock-less epochs', () => {
    const at = (formatTags: Record<string, string> | undefined, streamTags?: Record<string, string>) =>
      parseProbe(probe([video({ tags: streamTags })], { duration: 1, tags: formatTags })).facts.createdAt;
    expect(at({ creation_time: '2024-06-01T10:20:30.000000Z' })).toBe('2024-06-01T10:20:30.000Z');
    expect(at({ CREATION_TIME: '2019-03-04T05:06:07Z' })).toBe('2019-03-04T05:06:07.000Z');
    expect(at(undefined, { creation_time: '2021-12-31T23:59:59.000000Z' })).toBe('2021-12-31T23:59:59.000Z');
    expect(at({ creation_time: '1904-01-01T00:00:00.000000Z' })).toBeNull();
    expect(at({ creation_time: '1970-01-01T00:00:00.000000Z' })).toBeNull();
    expect(at({ creation_time: '1904-01-01T00:00:00.000000Z' }, { creation_time: '2020-02-02T02:02:02Z' })).toBe('2020-02-02T02:02:02.000Z');
    expect(at({ creation_time: 'not a date' })).toBeNull();
    expect(at({ creation_time: '' })).toBeNull();
    expect(parseProbe(probe([video({ 'TAG:creation_time': '2022-05-05T05:05:05Z' })])).facts.createdAt).toBe('2022-05-05T05:05:05.000Z');
  });
});

describe('parseProbe on real ffprobe output', () => {
  const tools = new MediaTools(resolveBinaries());

  it('reads the rotated phone clip as portrait with its capture time', async () => {
    const r = parseProbe(await tools.probe(path.join(GOOD_DIR, 'nested', 'phone-portrait.mp4')));
    expect(r.kind).toBe('video');
    // Stored 320x180 with a quarter-turn display matrix: shown 180x320.
    expect([r.facts.width, r.facts.height]).toEqual([180, 320]);
    expect(r.facts.rotation % 180).toBe(90);
    expect(r.facts).toMatchObject({ fps: 25, videoCodec: 'h264', hasAudio: false, audioCodec: null, createdAt: '2024-06-01T10:20:30.000Z' });
    expect(r.facts.durationSec).toBeCloseTo(1, 1);
  });

  it('reads a clip with audio, an mp3 and a wav', async () => {
    const red = parseProbe(await tools.probe(path.join(GOOD_DIR, 'red-clip.mp4')));
    expect(red.kind).toBe('video');
    expect(red.facts).toMatchObject({ width: 320, height: 240, rotation: 0, fps: 30, videoCodec: 'h264', audioCodec: 'aac', hasAudio: true, createdAt: null });
    expect(red.facts.durationSec).toBeCloseTo(2, 1);

    const mp3 = parseProbe(await tools.probe(path.join(GOOD_DIR, 'music-loop.mp3')));
    expect(mp3.kind).toBe('audio');
    expect(mp3.facts).toMatchObject({ audioCodec: 'mp3', width: null, fps: null, format: 'mp3' });
    expect(mp3.facts.durationSec).toBeCloseTo(2, 0);

    const wav = parseProbe(await tools.probe(path.join(GOOD_DIR, 'nested', 'deeper', 'voice-note.wav')));
    expect(wav.kind).toBe('audio');
    expect(wav.facts.durationSec).toBeCloseTo(1.5, 2);
  });
});
