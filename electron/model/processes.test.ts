import { describe, expect, it } from 'vitest';
import { type ChildRecord, argsHead, commandMatches, isMediaBinary, ownerState, staleChildAction } from './processes';

const me = { pid: 100, host: 'studio-mac', start: 'boot:5000' };
const deadOwner = { pid: 200, host: 'studio-mac', start: 'boot:4000' };
const record: ChildRecord = {
  pid: 300,
  binary: '/usr/bin/ffmpeg',
  args: ['-nostdin', '-y', '-i', '/Lib/media/ab/abc.mp4'],
  output: '/Lib/exports/.Clip.part.mp4',
  startedAt: '2026-06-01T06:00:00.000Z',
  start: 'boot:4100',
  parent: deadOwner,
};
const ffmpegNow = { alive: true, start: 'boot:4100', command: ['/usr/bin/ffmpeg', '-nostdin', '-y', '-i', '/Lib/media/ab/abc.mp4', '-c:v', 'libx264', '/Lib/exports/.Clip.part.mp4'] };
const gone = { alive: false, start: null, command: null };

describe('argsHead', () => {
  it('keeps arguments from the start up to the size limit, never a cut argument', () => {
    expect(argsHead(['-i', 'a.mp4', 'x'.repeat(50), 'bb'], 58)).toEqual(['-i', 'a.mp4', 'x'.repeat(50)]);
    expect(argsHead(['-i', 'a.mp4', 'x'.repeat(5000)])).toEqual(['-i', 'a.mp4']);
    expect(argsHead(Array.from({ length: 100 }, () => 'a'), 2048, 64)).toHaveLength(64);
  });
});

describe('commandMatches', () => {
  it('with every argument (Linux): argv[0] is the binary and the recorded head follows exactly', () => {
    expect(commandMatches(ffmpegNow.command, record.binary, record.args)).toBe(true);
    expect(commandMatches(['/usr/bin/ffmpeg', '-nostdin', '-y', '-i', '/Other/clip.mp4'], record.binary, record.args)).toBe(false);
    expect(commandMatches(['/usr/bin/vim', '-nostdin', '-y', '-i', '/Lib/media/ab/abc.mp4'], record.binary, record.args)).toBe(false);
    expect(commandMatches(['/usr/bin/ffmpeg'], record.binary, record.args)).toBe(false);
    expect(commandMatches(null, record.binary, record.args)).toBe(false);
    expect(commandMatches([], record.binary, record.args)).toBe(false);
  });

  it('with one line (macOS ps, Windows): the binary and the head appear in order', () => {
    expect(commandMatches(['/usr/bin/ffmpeg -nostdin -y -i /Lib/media/ab/abc.mp4 -c:v libx264 out.mp4'], record.binary, record.args)).toBe(true);
    expect(commandMatches(['"C:\\ffmpeg\\ffmpeg.exe" -nostdin -y -i C:\\Lib\\a.mp4'], 'C:\\ffmpeg\\ffmpeg.exe', ['-nostdin', '-y', '-i', 'C:\\Lib\\a.mp4'])).toBe(true);
    expect(commandMatches(['/usr/bin/python3 -m http.server'], record.binary, record.args)).toBe(false);
    expect(commandMatches(['/usr/bin/ffmpeg -i /Lib/media/ab/abc.mp4 -nostdin -y'], record.binary, record.args)).toBe(false);
  });
});

describe('ownerState', () => {
  it('another machine cannot be checked; this process is alive; a dead or reused pid is dead', () => {
    expect(ownerState({ ...deadOwner, host: 'laptop' }, me, gone)).toBe('unknown');
    expect(ownerState(me, me, gone)).toBe('alive');
    expect(ownerState({ ...me, start: 'boot:1' }, me, gone)).toBe('dead');
    expect(ownerState(deadOwner, me, gone)).toBe('dead');
    expect(ownerState(deadOwner, me, { alive: true, start: 'boot:4000' })).toBe('alive');
    expect(ownerState(deadOwner, me, { alive: true, start: 'boot:9999' })).toBe('dead');
    // Where start times are unknown (macOS, Windows) a running pid counts as alive: nothing is touched.
    expect(ownerState({ ...deadOwner, start: null }, { ...me, start: null }, { alive: true, start: null })).toBe('alive');
  });
});

describe('staleChildAction', () => {
  it('kills only the very ffmpeg a dead owner left, and keeps everything a live owner runs', () => {
    expect(staleChildAction(record, me, gone, ffmpegNow)).toBe('kill');
    expect(staleChildAction(record, me, { alive: true, start: 'boot:4000' }, ffmpegNow)).toBe('keep');
    expect(staleChildAction({ ...record, parent: me }, me, gone, ffmpegNow)).toBe('keep');
    expect(staleChildAction({ ...record, parent: { ...deadOwner, host: 'laptop' } }, me, gone, ffmpegNow)).toBe('keep');
  });

  it('kills nothing but ffmpeg and ffprobe, whatever a record in a shared library claims', () => {
    const editor = { alive: true, start: 'boot:4100', command: ['/usr/bin/vim', 'notes.txt'] };
    expect(staleChildAction({ ...record, binary: '/usr/bin/vim', args: ['notes.txt'] }, me, gone, editor)).toBe('forget');
    expect(['/usr/bin/ffmpeg', '/opt/x/ffprobe', 'C:\\ffmpeg\\bin\\ffmpeg.exe', 'ffprobe.EXE'].every(isMediaBinary)).toBe(true);
    expect(['/usr/bin/node', '/usr/bin/ffmpeg-wrapper', '/tmp/ffmpeg/sh', ''].some(isMediaBinary)).toBe(false);
  });

  it('forgets records of children that are gone or whose pid now names another process', () => {
    expect(staleChildAction(record, me, gone, gone)).toBe('forget');
    expect(staleChildAction(record, me, gone, { ...ffmpegNow, start: 'boot:7777' })).toBe('forget');
    expect(staleChildAction(record, me, gone, { alive: true, start: 'boot:4100', command: ['/usr/bin/bash'] })).toBe('forget');
    expect(staleChildAction(record, me, gone, { alive: true, start: null, command: null })).toBe('forget');
    expect(staleChildAction({ ...record, start: null }, me, gone, { ...ffmpegNow, start: null })).toBe('kill');
  });
});
