import { z } from 'zod';

/**
 * Processes that work on a library (a Postframe process, the ffmpeg/ffprobe children it starts) and the rules
 * that decide, after a crash, which of them are left over. Pure: the facts come from the OS
 * (media/process-info.ts), the records from `<library>/run/` (media/child-registry.ts).
 */

/** Who a process is: the pid alone is not enough, since pids are reused and a library can be shared. */
export const ProcessIdentity = z.object({
  pid: z.number().int().positive(),
  host: z.string().max(255),
  /** A token that changes when a pid is reused (Linux: boot id and start time); null where unknown. */
  start: z.string().max(200).nullable(),
});
export type ProcessIdentity = z.infer<typeof ProcessIdentity>;

/** What the OS says about a pid now. `command`: every argument (Linux), or the whole line as one string. */
export type ProcessFacts = { alive: boolean; start: string | null; command: string[] | null };

/** `<library>/run/children/<pid>.json`: one ffmpeg or ffprobe a Postframe process started, while it runs. */
export const ChildRecord = z.object({
  pid: z.number().int().positive(),
  /** The executable as it was started (argv[0]). */
  binary: z.string().min(1).max(4096),
  /** The first arguments (enough to recognise it; a filter graph can be long). */
  args: z.array(z.string().max(4096)).max(64),
  /** The file it writes, when it writes one (its last argument): a part file it owns is not swept. */
  output: z.string().max(4096).nullable(),
  startedAt: z.string(),
  start: z.string().max(200).nullable(),
  parent: ProcessIdentity,
});
export type ChildRecord = z.infer<typeof ChildRecord>;

/** Arguments kept in a record: from the start, up to about 2 KB in all. */
export function argsHead(args: readonly string[], maxChars = 2048, maxArgs = 64): string[] {
  const out: string[] = [];
  let total = 0;
  for (const a of args) {
    if (out.length >= maxArgs || total + a.length > maxChars) break;
    out.push(a);
    total += a.length;
  }
  return out;
}

/**
 * Whether a command line is the one recorded. With every argument (Linux): argv[0] is the binary and the
 * recorded head follows it exactly. With one string (macOS `ps`, Windows): the binary and each recorded
 * argument appear in it, in order.
 */
export function commandMatches(command: readonly string[] | null, binary: string, head: readonly string[]): boolean {
  if (!command || command.length === 0) return false;
  if (command.length > 1 || command[0] === binary) {
    return command[0] === binary && head.every((a, i) => command[i + 1] === a);
  }
  const line = command[0]!;
  let at = line.indexOf(binary);
  if (at < 0) return false;
  at += binary.length;
  for (const a of head) {
    const i = line.indexOf(a, at);
    if (i < 0) return false;
    at = i + a.length;
  }
  return true;
}

export type OwnerState = 'alive' | 'dead' | 'unknown';

/**
 * Whether the process that owns something (a child, a staged file) is still running. Another machine's
 * process (a library on a shared drive) cannot be checked: 'unknown', and its things are left alone. A pid
 * that now names a process started at another time is a reused pid: the owner is dead.
 */
export function ownerState(owner: ProcessIdentity, me: ProcessIdentity, facts: Pick<ProcessFacts, 'alive' | 'start'>): OwnerState {
  if (owner.host !== me.host) return 'unknown';
  if (owner.pid === me.pid) return owner.start === null || me.start === null || owner.start === me.start ? 'alive' : 'dead';
  if (!facts.alive) return 'dead';
  if (owner.start !== null && facts.start !== null && owner.start !== facts.start) return 'dead';
  return 'alive';
}

export type StaleChildAction = 'keep' | 'forget' | 'kill';

/** Only ffmpeg and ffprobe are ever killed: a record names its binary, and a library can be written by anyone who shares it. */
export function isMediaBinary(binary: string): boolean {
  return /^ff(mpeg|probe)(\.exe)?$/i.test(binary.split(/[\\/]/).pop() ?? '');
}

/**
 * What to do with a recorded child when a library is opened: its owner runs (or cannot be checked) → keep
 * the record; the owner is dead and the pid still names that very ffmpeg → kill it; the owner is dead and
 * the pid is gone or names something else now (or the record names a program other than ffmpeg/ffprobe) →
 * forget the record, never touch that process.
 */
export function staleChildAction(record: ChildRecord, me: ProcessIdentity, owner: Pick<ProcessFacts, 'alive' | 'start'>, child: ProcessFacts): StaleChildAction {
  if (ownerState(record.parent, me, owner) !== 'dead') return 'keep';
  if (!child.alive || !isMediaBinary(record.binary)) return 'forget';
  if (record.start !== null && child.start !== null && record.start !== child.start) return 'forget';
  return commandMatches(child.command, record.binary, record.args) ? 'kill' : 'forget';
}
