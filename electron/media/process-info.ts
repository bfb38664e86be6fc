import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { ProcessFacts, ProcessIdentity } from '../model/processes';

/**
 * What the operating system says about a process, to tell whether a pid still names the process we think it
 * does before anything is killed. Linux is read from /proc (fully); macOS asks `ps`, Windows asks PowerShell
 * (best effort: a null answer means "cannot tell", and nothing is killed on "cannot tell").
 */

let bootId: string | null | undefined;
function readBootId(): string | null {
  if (bootId === undefined) {
    try {
      bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootId = null;
    }
  }
  return bootId;
}

/**
 * `/proc/<pid>/stat` → state and start time. The command name (field 2) may hold spaces and parentheses, so
 * the fields are counted from the last ')'. Pure, for tests.
 */
export function parseProcStat(text: string): { state: string; startTicks: string } | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const fields = text.slice(close + 1).trim().split(/\s+/);
  // fields[0] is field 3 (state); field 22 (starttime, clock ticks after boot) is fields[19].
  const state = fields[0];
  const startTicks = fields[19];
  return state && startTicks && /^\d+$/.test(startTicks) ? { state, startTicks } : null;
}

function linuxStat(pid: number): { state: string; start: string | null } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const s = parseProcStat(text);
  if (!s) return null;
  const boot = readBootId();
  return { state: s.state, start: boot ? `${boot}:${s.startTicks}` : null };
}

/** The start token of a process (see ProcessIdentity.start): Linux only, null elsewhere or when gone. */
export function processStartToken(pid: number, platform: NodeJS.Platform = process.platform): string | null {
  return platform === 'linux' ? (linuxStat(pid)?.start ?? null) : null;
}

let self: ProcessIdentity | null = null;
/** This process. */
export function currentProcess(): ProcessIdentity {
  self ??= { pid: process.pid, host: os.hostname(), start: processStartToken(process.pid) };
  return self;
}

/** Whether a pid names a running process (a zombie, dead but not yet reaped, is not running). */
export function isProcessAlive(pid: number, platform: NodeJS.Platform = process.platform): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (platform === 'linux') {
    const st = linuxStat(pid);
    return st !== null && st.state !== 'Z' && st.state !== 'X';
  }
  return true;
}

/** `/proc/<pid>/cmdline`: NUL-separated arguments. Pure, for tests. */
export function parseCmdline(raw: string): string[] | null {
  const parts = raw.split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts.length > 0 ? parts : null;
}

function run(bin: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(bin, args, { timeout: 5_000, windowsHide: true }, (err, stdout) => resolve(err ? null : stdout));
  });
}

/** The command line of a process, or null when it is gone or cannot be read. */
export async function processCommandLine(pid: number, platform: NodeJS.Platform = process.platform): Promise<string[] | null> {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (platform === 'linux') {
    try {
      return parseCmdline(await fs.promises.readFile(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      return null;
    }
  }
  if (platform === 'win32') {
    const out = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', `(Get-CimInstance Win32_Process -Filter "ProcessId=${pid}").CommandLine`]);
    const line = out?.trim();
    return line ? [line] : null;
  }
  // macOS and the other Unixes.
  const out = await run('ps', ['-p', String(pid), '-o', 'command=']);
  const line = out?.trim();
  return line ? [line] : null;
}

/** Everything the stale-process check needs about one pid. */
export async function processFacts(pid: number, platform: NodeJS.Platform = process.platform): Promise<ProcessFacts> {
  const alive = isProcessAlive(pid, platform);
  if (!alive) return { alive, start: null, command: null };
  return { alive, start: processStartToken(pid, platform), command: await processCommandLine(pid, platform) };
}
