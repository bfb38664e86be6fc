/**
 * A small argv parser: positionals, `--flag`, `--key value` and `--key=value`. Pure, so it is tested. `flags`
 * holds the last value of each flag; `lists` every value, for flags that may be repeated (`--allow-folder`).
 */
export type ParsedArgs = { positionals: string[]; flags: Map<string, string | true>; lists: Map<string, (string | true)[]> };

export function parseArgs(argv: readonly string[], valueFlags: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, (string | true)[]>();
  const set = (key: string, v: string | true) => {
    flags.set(key, v);
    lists.set(key, [...(lists.get(key) ?? []), v]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) set(key, a.slice(eq + 1));
      else if (valueFlags.includes(key)) {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`--${key} needs a value.`);
        set(key, v);
        i++;
      } else set(key, true);
    } else if (a === '-h') set('help', true);
    else positionals.push(a);
  }
  return { positionals, flags, lists };
}

export class UsageError extends Error {}

export function stringFlag(args: ParsedArgs, key: string): string | undefined {
  const v = args.flags.get(key);
  if (v === true) throw new UsageError(`--${key} needs a value.`);
  return v;
}

export function portFlag(args: ParsedArgs): number | undefined {
  const v = stringFlag(args, 'port');
  if (v === undefined) return undefined;
  const n = v.trim() === '' ? NaN : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${v}".`);
  return n;
}

/** Every value of a flag that may be repeated (`--allow-folder A --allow-folder B`). */
export function listFlag(args: ParsedArgs, key: string): string[] {
  return (args.lists.get(key) ?? []).map((v) => {
    if (v === true) throw new UsageError(`--${key} needs a value.`);
    return v;
  });
}

/** A whole-number flag within [min, max]; undefined when absent. */
export function intFlag(args: ParsedArgs, key: string, range: { min: number; max: number }): number | undefined {
  const v = stringFlag(args, key);
  if (v === undefined) return undefined;
  const n = /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < range.min || n > range.max) throw new UsageError(`--${key} must be a whole number from ${range.min} to ${range.max}, not "${v}".`);
  return n;
}
