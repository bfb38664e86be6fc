import { type ExecFileSyncOptions, execFileSync, spawnSync } from 'node:child_process';
import { type Work, waitStep } from './limits';

/**
 * Synchronous children (ffmpeg, ffprobe, the `postframe` CLI) as named steps. A synchronous child blocks the
 * worker, so no test limit can stop it: it gets the step's limit (derived from its work) as its own `timeout`, is
 * killed when that runs out, and the failure names the step (docs/architecture.md "How e2e tests wait").
 */
export function execStep(name: string, work: Work, file: string, args: readonly string[], options: ExecFileSyncOptions = {}): Promise<Buffer> {
  return waitStep(name, work, async (timeout) => execFileSync(file, args, { maxBuffer: 1 << 28, ...options, timeout, encoding: 'buffer' }));
}

/** What a child printed on stderr, whatever its exit (ffmpeg's filter summaries); a child that runs out of time fails the step. */
export function stderrStep(name: string, work: Work, file: string, args: readonly string[]): Promise<string> {
  return waitStep(name, work, async (timeout) => {
    const r = spawnSync(file, args, { encoding: 'utf8', timeout, maxBuffer: 1 << 26 });
    if (r.error) throw r.error; // ETIMEDOUT when it ran out of time, ENOENT when it is not installed
    return r.stderr;
  });
}

/** `postframe <args>` (the compiled CLI) for a library's POSTFRAME_HOME; resolves with what it printed. */
export async function postframe(name: string, work: Work, home: string, args: readonly string[]): Promise<string> {
  const out = await execStep(name, work, process.execPath, ['bin/postframe.mjs', ...args], { env: { ...process.env, POSTFRAME_HOME: home } });
  return out.toString();
}

/** ffprobe's streams and format of a file: reading its header is the work, whatever the file's length. */
export async function ffprobe(file: string): Promise<{ format: { duration: string }; streams: { codec_type: string; codec_name: string; width?: number; height?: number }[] }> {
  const out = await execStep(`ffprobe ${file.split('/').pop()}`, {}, 'ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]);
  return JSON.parse(out.toString()) as Awaited<ReturnType<typeof ffprobe>>;
}
