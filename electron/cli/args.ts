/** A small argv parser: positionals, `--flag`, `--key value` and `--key=value`. Pure, so it is tested. */
export type ParsedArgs = { positionals: string[]; flags: Map<string, string | true> };

export function parseArgs(argv: readonly string[], valueFlags: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) flags.set(key, a.slice(eq + 1));
      else if (valueFlags.includes(key)) {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`--${key} needs a value.`);
        flags.set(key, v);
        i++;
      } else flags.set(key, true);
    } else if (a === '-h') flags.set('help', true);
    else positionals.push(a);
  }
  return { positionals, flags };
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
