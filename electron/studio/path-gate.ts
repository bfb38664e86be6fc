import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../model/errors';

/**
 * Which files and folders API calls may name by path (docs/security.md, "Paths in browser mode").
 * - `any`: the Electron app and the CLI, where the person at the machine picked the path (a file dialog, a
 *   command line).
 * - `confined`: browser mode. A signed-in page is a browser tab, maybe on another machine; it may name only
 *   paths inside the folders the person who started `postframe serve` allowed with `--allow-folder`. Files
 *   reach it as uploads instead.
 */
export type PathAccess = { kind: 'any' } | { kind: 'confined'; folders: readonly string[] };

export const ANY_PATH: PathAccess = { kind: 'any' };

export type PathPurpose = 'import' | 'library' | 'delivery';

const ALLOW_HINT = 'postframe serve --allow-folder FOLDER';

/** True when `p` is `root` or lies under it (both absolute and already resolved). */
export function isWithin(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * The path where `p` really is: `..` resolved and every symlink followed. A path that does not exist yet (a new
 * library or delivery folder) is its nearest existing ancestor's real path plus the rest, so a link anywhere
 * above it still counts.
 */
export async function realTarget(p: string): Promise<string> {
  const abs = path.resolve(p);
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    try {
      return path.join(await fs.realpath(at), ...rest.reverse());
    } catch (e) {
      const parent = path.dirname(at);
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || parent === at) throw e;
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

/** The engine's check of every path an API call names; see PathAccess. */
export class PathGate {
  private constructor(
    private readonly access: PathAccess,
    /** Real paths of the allowed folders (confined only). */
    private readonly roots: readonly string[],
    /** The library `serve` was started on: it may always be opened again. */
    private readonly servedLibrary: string | null,
  ) {}

  /** Resolves the allowed folders (each must exist and be a folder) and the served library's real path. */
  static async create(access: PathAccess, servedLibrary: string): Promise<PathGate> {
    if (access.kind === 'any') return new PathGate(access, [], null);
    const roots: string[] = [];
    for (const f of access.folders) {
      const real = await fs.realpath(f).catch(() => null);
      const st = real ? await fs.stat(real) : null;
      if (!real || !st?.isDirectory()) throw new AppError('invalid_input', `The allowed folder ${f} does not exist or is not a folder. Create it, or leave out --allow-folder ${f}.`);
      roots.push(real);
    }
    return new PathGate(access, roots, await realTarget(servedLibrary));
  }

  /** The allowed folders as given, or null when any path may be named. */
  get allowedFolders(): string[] | null {
    return this.access.kind === 'any' ? null : [...this.access.folders];
  }

  /**
   * The real path of `p` when this front door may use it for `purpose`; otherwise a `forbidden` error that
   * says how to allow it. A library may also be the one `serve` was started on.
   */
  async check(p: string, purpose: PathPurpose): Promise<string> {
    // Unconfined, the path goes on as given (the engine's own checks, e.g. "not a full path", still apply).
    if (this.access.kind === 'any') return p;
    if (!path.isAbsolute(p)) {
      const where = this.access.folders.length ? ` inside ${this.access.folders.join(', ')}` : '';
      throw new AppError('invalid_input', `“${p}” is not a full path. Type the whole path of a folder${where}, starting at the top.`);
    }
    let real: string;
    try {
      real = await realTarget(p);
    } catch {
      // Unreadable on the way there (permissions, a loop): it is not inside what we may touch.
      throw this.refusal(p, purpose);
    }
    if (this.roots.some((r) => isWithin(r, real))) return real;
    if (purpose === 'library' && real === this.servedLibrary) return real;
    throw this.refusal(p, purpose);
  }

  /** Whether check would accept `p` (to offer only what will be accepted). */
  async mayUse(p: string, purpose: PathPurpose): Promise<boolean> {
    return this.check(p, purpose).then(
      () => true,
      () => false,
    );
  }

  /** Like check, for a file found inside an allowed folder (a symlink there may point anywhere): null when refused. */
  async admits(p: string): Promise<string | null> {
    if (this.access.kind === 'any') return p;
    const real = await fs.realpath(p).catch(() => null);
    return real && this.roots.some((r) => isWithin(r, real)) ? real : null;
  }

  /** Why a file found while walking an allowed folder was left out. */
  static outsideReason(): string {
    return `This is a link to a file outside the folders Postframe may read from in browser mode. Upload the file itself, or allow its folder: ${ALLOW_HINT}.`;
  }

  private refusal(p: string, purpose: PathPurpose): AppError {
    const folders = this.access.kind === 'confined' ? this.access.folders : [];
    const allowed = folders.length ? `only inside ${folders.join(', ')}` : 'in no folder yet';
    const what = {
      import: `Postframe in the browser cannot read ${p}: it may read files ${allowed}. Drop or choose the files in the browser to upload them instead`,
      library: `Postframe in the browser cannot open or create a library at ${p}: it may use folders ${allowed}`,
      delivery: `Postframe in the browser cannot deliver to ${p}: it may write ${allowed}`,
    }[purpose];
    return new AppError('forbidden', `${what}. To allow a folder, whoever started Postframe restarts it with: ${ALLOW_HINT}.`);
  }
}
