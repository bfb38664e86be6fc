import fs from 'node:fs';
import path from 'node:path';

/**
 * The ffmpeg and ffprobe processes working on a library, read from /proc (Linux): those whose command line
 * names a file inside the library folder. A zombie (dead, waiting to be reaped) is not running.
 */
export function mediaProcessesOf(libraryPath: string): { pid: number; ppid: number; args: string[] }[] {
  const out: { pid: number; ppid: number; args: string[] }[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let args: string[];
    let stat: string;
    try {
      args = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // After the command name (in parentheses, which may hold spaces): state, then the parent's pid.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 1).trim().split(' ');
    if (state === 'Z' || !args[0] || !/^ff(mpeg|probe)$/.test(path.basename(args[0]))) continue;
    if (args.some((a) => a.includes(libraryPath))) out.push({ pid: Number(name), ppid: Number(ppid), args });
  }
  return out;
}

/** Kills (by pid) what a failed test left running on its library, before its folder is removed. */
export function killMediaProcessesOf(libraryPath: string): void {
  for (const p of mediaProcessesOf(libraryPath)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
