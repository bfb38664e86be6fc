import { describe, expect, it } from 'vitest';
import { fakeFork, writeStderr } from './__tests__/fake-utility';
import { utilityRecognizerSpawner } from './recognizer-spawner';

function spawn() {
  const { fork, calls, child } = fakeFork();
  const handle = utilityRecognizerSpawner(fork)({ file: '/app/out/main/whisper-worker.js', execArgv: [] });
  return { calls, child, handle };
}

describe('utilityRecognizerSpawner (packaged Electron: the RunAsNode fuse is off, so no child_process.fork)', () => {
  it('forks the whisper worker as a named utility process with the app’s environment and stderr piped', () => {
    const { calls } = spawn();
    expect(calls).toEqual([['/app/out/main/whisper-worker.js', [], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe'], serviceName: 'Postframe speech recogniser' }]]);
  });

  it('posts the run request and hands progress and the tokens back', () => {
    const { child, handle } = spawn();
    const replies: unknown[] = [];
    handle.onMessage((m) => replies.push(m));
    const run = { type: 'run' as const, model: '/data/models/ggml-base.bin', audio: '/lib/cache/pf-asr-1/audio.f32', language: 'fi', threads: 1 };
    handle.send(run);
    expect(child.sent).toEqual([run]);
    const done = { type: 'done', tokens: [{ text: ' Hei', startSec: 0.2, endSec: 0.5 }], language: 'fi' };
    child.emit('message', { type: 'progress', fraction: 0.5 });
    child.emit('message', done);
    expect(replies).toEqual([{ type: 'progress', fraction: 0.5 }, done]);
  });

  it('a whisper.cpp abort ends it once, with the assertion line rather than the last log line', async () => {
    const { child, handle } = spawn();
    const ends: string[] = [];
    handle.onExit((why) => ends.push(why));
    await writeStderr(child, 'whisper_init_from_file: loading model\n/src/ggml.c:1234: GGML_ASSERT(ctx->mem_buffer != NULL) failed\nwhisper_model_load: done\n');
    child.emit('exit', 134);
    child.emit('error', 'FatalError', 'ggml.c:1234', '');
    expect(ends).toEqual(['GGML_ASSERT(ctx->mem_buffer != NULL) failed']);
    expect(() => handle.send({ type: 'run', model: 'm', audio: 'a', language: 'en', threads: 1 })).toThrow(/speech recogniser process has ended/);
    expect(child.sent).toEqual([]);
    handle.kill();
    expect(child.killed).toBe(1);
  });
});
