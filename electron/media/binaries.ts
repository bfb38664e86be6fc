import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../model/errors';

export type Binaries = { ffmpeg: string; ffprobe: string };

export type ResolveOptions = {
  env?: NodeJS.ProcessEnv;
  /** Electron's process.resourcesPath in a packaged app; packaging puts ffmpeg under resources/ffmpeg/<platform>-<arch>/. */
  resourcesPath?: string;
  platform?: NodeJS.Platform;
  arch?: string;
};

export const exe = (name: string, platform: NodeJS.Platform) => (platform === 'win32' ? `${name}.exe` : name);

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function onPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, exe(name, platform));
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function resolveOne(name: 'ffmpeg' | 'ffprobe', o: Required<Omit<ResolveOptions, 'resourcesPath'>> & { resourcesPath?: string }): string {
  const envVar = name === 'ffmpeg' ? 'POSTFRAME_FFMPEG' : 'POSTFRAME_FFPROBE';
  const fromEnv = o.env[envVar];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new AppError('ffmpeg_missing', `${envVar} points to "${fromEnv}", which is not an executable file. Fix the path or unset ${envVar}.`);
  }
  if (o.resourcesPath) {
    const packaged = path.join(o.resourcesPath, 'ffmpeg', `${o.platform}-${o.arch}`, exe(name, o.platform));
    if (isExecutable(packaged)) return packaged;
  }
  const found = onPath(name, o.env, o.platform);
  if (found) return found;
  throw new AppError(
    'ffmpeg_missing',
    `${name} was not found. Install FFmpeg (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg) or set ${envVar} to the full path of ${name}.`,
  );
}

/** POSTFRAME_FFMPEG / POSTFRAME_FFPROBE, then the packaged resources, then PATH (DESIGN.md). */
export function resolveBinaries(options: ResolveOptions = {}): Binaries {
  const o = { env: options.env ?? process.env, platform: options.platform ?? process.platform, arch: options.arch ?? process.arch, resourcesPath: options.resourcesPath };
  return { ffmpeg: resolveOne('ffmpeg', o), ffprobe: resolveOne('ffprobe', o) };
}
