import { describe, expect, it } from 'vitest';
import { fakeFork, writeStderr } from './__tests__/fake-utility';
import { utilityProcessSpawner } from './text-worker-spawner';

function spawn() {
  const { fork, calls, child } = fakeFork();
  const handle = utilityProcessSpawner(fork)({ file: '/app/out/main/text-worker.js', execArgv: [] }, { FONTCONFIG_FILE: '/lib/cache/fonts.conf' });
  return { calls, child, handle };
}

const anchor = { width: 10, height: 5, centerX: 5, centerY: 2.5 };

describe('utilityProcessSpawner', () => {
  it('forks the worker entry with the fontconfig environment, stderr piped, and named', () => {
    const { calls } = spawn();
    expect(calls).toEqual([['/app/out/main/text-worker.js', [], { env: { FONTCONFIG_FILE: '/lib/cache/fonts.conf' }, execArgv: [], stdio: ['ignore', 'ignore', 'pipe'], serviceName: 'Postframe text renderer' }]]);
  });

  it('posts requests and hands replies back', () => {
    const { child, handle } = spawn();
    const replies: unknown[] = [];
    handle.onMessage((m) => replies.push(m));
    const req = { id: 1, req: { text: { text: 'Hej', style: {} as never, maxWidth: 1 }, canvas: { width: 1, height: 1 }, cacheDir: '/c', key: 'k', metrics: { ascent: 1, descent: 0 } } };
    handle.send(req);
    expect(child.sent).toEqual([req]);
    child.emit('message', { id: 1, ok: true, anchor });
    expect(replies).toEqual([{ id: 1, ok: true, anchor }]);
  });

  it('reports the end once, with the last line the worker wrote to stderr', async () => {
    const { child, handle } = spawn();
    const ends: string[] = [];
    handle.onExit((why) => ends.push(why));
    await writeStderr(child, 'starting\nsharp: cannot load libvips\n');
    child.emit('exit', 1);
    child.emit('error', 'FatalError', 'x.cc:1', '');
    expect(ends).toEqual(['sharp: cannot load libvips']);
    // After the end, sending fails at once (the rasteriser turns it into a clear error), and nothing is posted.
    expect(() => handle.send({ id: 2, req: {} as never })).toThrow(/ended/);
    expect(child.sent).toEqual([]);
  });

  it('says how it ended when stderr is silent: a fatal error, or the exit code', () => {
    const a = spawn();
    const whyA: string[] = [];
    a.handle.onExit((w) => whyA.push(w));
    a.child.emit('error', 'FatalError', 'renderer.cc:42', '');
    expect(whyA).toEqual(['FatalError at renderer.cc:42']);
    const b = spawn();
    const whyB: string[] = [];
    b.handle.onExit((w) => whyB.push(w));
    b.child.emit('exit', 9);
    expect(whyB).toEqual(['exit code 9']);
    b.handle.kill();
    expect(b.child.killed).toBe(1);
  });

  it('survives an error on the stderr pipe', () => {
    const { child } = spawn();
    expect(() => child.stderr.emit('error', new Error('EPIPE'))).not.toThrow();
  });
});
