import type { Caller } from '../api/contract';
import type { AccountUser } from '../studio/accounts-service';
import { AppError } from '../model/errors';
import { type ChannelId, ChannelId as ChannelIdSchema, LOCAL_OWNER_ID, Role } from '../model/post';
import type { Studio } from '../studio';
import { type ParsedArgs, UsageError, stringFlag } from './args';

/** How the CLI reads a password: typed twice without echo at a terminal, or piped (`--password-stdin`). */
export type CliInput = {
  isTTY: boolean;
  /** Everything on standard input (the piped password). */
  readAll(): Promise<string>;
  /** One line typed at the terminal without echo. */
  askHidden(prompt: string): Promise<string>;
};

export type UsersIo = { out: (s: string) => void; err: (s: string) => void; input: CliInput };

export const USERS_USAGE = 'Use: postframe users list | add --name N --login L (--role creator|approver|admin | --admin) [--channels tiktok,x] [--password-stdin] | disable LOGIN | enable LOGIN | set-role LOGIN ROLE [--channels tiktok,x] | reset LOGIN [--public-url URL]';

/**
 * Who the CLI acts as: the library's owner when they are an enabled admin, else the first enabled admin. Whoever runs
 * the CLI can open the library file anyway; acting as an admin keeps every change audited under a real account.
 */
function cliCaller(studio: Studio): Caller {
  const users = studio.accounts.users();
  const admin = [users.find((u) => u.id === LOCAL_OWNER_ID), ...users].find((u) => u?.role === 'admin' && !u.disabled);
  if (!admin) throw new AppError('unauthorized', 'This library has no enabled admin for the command line to act as.');
  return { user: admin, sessionId: null };
}

function byLogin(studio: Studio, login: string | undefined): AccountUser {
  if (!login) throw new UsageError(USERS_USAGE);
  const u = studio.accounts.users().find((x) => x.login !== null && x.login.toLowerCase() === login.trim().toLowerCase());
  if (!u) throw new AppError('not_found', `Nobody signs in as "${login}" in this library. See them with: postframe users list`);
  return u;
}

function roleArg(v: string | undefined): Role {
  const r = Role.safeParse(v);
  if (!r.success) throw new UsageError(`A role is creator, approver or admin, not "${v ?? ''}".`);
  return r.data;
}

function channelsArg(args: ParsedArgs): ChannelId[] | null {
  const v = stringFlag(args, 'channels');
  if (v === undefined) return null;
  return v.split(',').map((c) => {
    const r = ChannelIdSchema.safeParse(c.trim());
    if (!r.success) throw new UsageError(`"${c}" is not a channel. Channels: ${ChannelIdSchema.options.join(', ')}.`);
    return r.data;
  });
}

async function readPassword(args: ParsedArgs, input: CliInput): Promise<string> {
  if (args.flags.has('password-stdin')) {
    // The first line: `echo "$PW" | postframe users add ...` ends it with a newline.
    const first = (await input.readAll()).split(/\r?\n/)[0] ?? '';
    if (first === '') throw new UsageError('--password-stdin read no password: pipe it in, e.g. printf %s "$PW" | postframe users add ...');
    return first;
  }
  if (!input.isTTY) throw new UsageError('Type the password at a terminal, or pipe it in with --password-stdin.');
  const one = await input.askHidden('Password: ');
  const two = await input.askHidden('Same password again: ');
  if (one !== two) throw new AppError('invalid_input', 'The two passwords differ. Run the command again.');
  return one;
}

const row = (u: AccountUser) => {
  const channels = u.role === 'approver' ? (u.approverChannels ? u.approverChannels.join(',') : 'all channels') : '';
  return [u.login ?? '(no login)', u.name, u.role, channels, u.disabled ? 'disabled' : ''].join('\t').replace(/\t+$/, '');
};

/** `postframe users …`: the team's accounts from the command line, acting as an admin and audited as one. */
export async function usersCommand(args: ParsedArgs, rest: string[], studio: Studio, io: UsersIo): Promise<number> {
  const [sub, ...more] = rest;
  const accounts = studio.accounts;
  switch (sub) {
    case 'list': {
      const users = accounts.users();
      if (args.flags.has('json')) io.out(`${JSON.stringify(users)}\n`);
      else io.out(`${['LOGIN\tNAME\tROLE\tCHANNELS\tSTATE', ...users.map(row)].join('\n')}\n`);
      return 0;
    }
    case 'add': {
      const name = stringFlag(args, 'name');
      const login = stringFlag(args, 'login');
      if (!name || !login || more.length > 0) throw new UsageError(USERS_USAGE);
      const role = args.flags.has('admin') ? 'admin' : roleArg(stringFlag(args, 'role'));
      const caller = cliCaller(studio);
      const password = await readPassword(args, io.input);
      const u = await accounts.addUser(caller, { name, login, password, role, approverChannels: channelsArg(args) });
      io.out(`Added ${u.login} (${u.name}, ${u.role}). They can sign in now.\n`);
      return 0;
    }
    case 'disable':
    case 'enable': {
      if (more.length !== 1) throw new UsageError(USERS_USAGE);
      const u = accounts.setDisabled(cliCaller(studio), { id: byLogin(studio, more[0]).id, disabled: sub === 'disable' });
      io.out(sub === 'disable' ? `Disabled ${u.login}: their sessions have ended.\n` : `Enabled ${u.login}: they can sign in again.\n`);
      return 0;
    }
    case 'set-role': {
      if (more.length !== 2) throw new UsageError(USERS_USAGE);
      const role = roleArg(more[1]);
      const u = accounts.setRole(cliCaller(studio), { id: byLogin(studio, more[0]).id, role, approverChannels: channelsArg(args) });
      io.out(`${u.login} is now ${row(u).split('\t').slice(2).join(' ').trim()}.\n`);
      return 0;
    }
    case 'reset': {
      if (more.length !== 1) throw new UsageError(USERS_USAGE);
      const u = byLogin(studio, more[0]);
      const link = accounts.resetLink(cliCaller(studio), u.id);
      const base = stringFlag(args, 'public-url');
      const until = `works once, until ${link.expiresAt}`;
      if (base) io.out(`Reset link for ${u.login} (${until}):\n${base.replace(/\/+$/, '')}/#reset=${link.token}\n`);
      else io.out(`Reset link for ${u.login} (${until}): open the Postframe address followed by\n/#reset=${link.token}\n`);
      return 0;
    }
    default:
      throw new UsageError(USERS_USAGE);
  }
}

/** The real terminal: piped standard input, or a prompt that does not echo what is typed. */
export const processInput: CliInput = {
  get isTTY() {
    return process.stdin.isTTY === true;
  },
  readAll: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  },
  askHidden: (prompt) =>
    new Promise((resolve, reject) => {
      const stdin = process.stdin;
      process.stderr.write(prompt);
      stdin.setRawMode(true);
      stdin.resume();
      stdin.setEncoding('utf8');
      let typed = '';
      const done = (fn: () => void) => {
        stdin.setRawMode(false);
        stdin.pause();
        stdin.off('data', onData);
        process.stderr.write('\n');
        fn();
      };
      const onData = (s: string) => {
        for (const ch of s) {
          if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
          if (ch === '\u0003') return done(() => reject(new AppError('cancelled', 'Cancelled.')));
          if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
          else typed += ch;
        }
      };
      stdin.on('data', onData);
    }),
};
