import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { uploadPath } from '../import/importer';
import type { JobContext } from '../jobs/runner';
import { AppError } from '../model/errors';
import type { BackupResult, RestoreResult } from '../model/job';
import { backupFileName, backupLibrary, restoreLibrary } from './backup';
import type { ApiPart, Rooms, StudioContext } from './context';
import { postServiceOf } from './delivery';

type BackupCalls = 'library.backup' | 'library.restore';

/** What a backup or restore job keeps as its input (persisted with the job): paths already checked by the gate. */
const BackupJobInput = z.object({ actorId: z.string(), dest: z.string() });
const RestoreJobInput = z.object({ actorId: z.string(), file: z.string(), folder: z.string(), upload: z.boolean() });

/** Registers the 'backup' and 'restore' jobs of a library's runner. */
export function registerBackupJobs(ctx: StudioContext, rooms: Rooms): void {
  rooms.runner.register('backup', (job, input) => backupJob(ctx, rooms, job, BackupJobInput.parse(input)));
  rooms.runner.register('restore', (job, input) => restoreJob(ctx, rooms, job, RestoreJobInput.parse(input)));
}

async function backupJob(ctx: StudioContext, rooms: Rooms, job: JobContext, input: z.infer<typeof BackupJobInput>): Promise<BackupResult> {
  const out = await backupLibrary(rooms, input.dest, { signal: job.signal, progress: (f, d) => job.progress(f, d), now: ctx.clock });
  // Audited in the library that was backed up, once the file exists; a refused or failed backup leaves no entry.
  try {
    postServiceOf(rooms, ctx.clock).withPermission(input.actorId, 'library.backup', () => ({
      result: null,
      audit: { action: 'library_backup', detail: { path: out.path, sizeBytes: out.sizeBytes, files: out.files, assets: out.assets } },
    }));
  } catch (e) {
    // The permission changed while it ran (or the library closed): the file is not left behind unaudited.
    await fs.rm(out.path, { force: true });
    throw e;
  }
  return { kind: 'backup', path: out.path, fileName: path.basename(out.path), sizeBytes: out.sizeBytes, files: out.files, assets: out.assets, fonts: out.fonts };
}

async function restoreJob(ctx: StudioContext, rooms: Rooms, job: JobContext, input: z.infer<typeof RestoreJobInput>): Promise<RestoreResult> {
  try {
    const out = await restoreLibrary(input.file, input.folder, { signal: job.signal, progress: (f, d) => job.progress(f, d) });
    postServiceOf(rooms, ctx.clock).withPermission(input.actorId, 'library.backup', () => ({
      result: null,
      audit: { action: 'library_restore', detail: { from: input.upload ? null : input.file, folder: out.path, assets: out.assets, backupCreatedAt: out.createdAt } },
    }));
    return { kind: 'restore', path: out.path, files: out.files, assets: out.assets, backupSchemaVersion: out.backupSchemaVersion, schemaVersion: out.schemaVersion, createdAt: out.createdAt };
  } finally {
    // An upload is ours to remove, restored or not (as imports do).
    if (input.upload) await fs.rm(input.file, { force: true });
  }
}

/** Settings → Library: back up and restore (docs/backup.md). Both need 'library.backup', checked before a job exists. */
export function backupApi(ctx: StudioContext): ApiPart<BackupCalls> {
  return {
    async 'library.backup'(input) {
      ctx.postService.permitted(input.actorId, 'library.backup');
      const { folder, runner } = ctx.rooms;
      const name = backupFileName(path.basename(folder.root), ctx.clock());
      let dest: string;
      if (input.path !== undefined) {
        const checked = await ctx.paths.check(input.path, 'delivery');
        if (!path.isAbsolute(checked)) throw new AppError('invalid_input', `“${input.path}” is not a full path. Give the whole path of the backup file or its folder.`);
        // A folder means "in there, under a dated name".
        const st = await fs.stat(checked).catch(() => null);
        dest = st?.isDirectory() ? path.join(checked, name) : checked;
      } else {
        const dir = path.join(folder.exportsDir, 'backups');
        await fs.mkdir(dir, { recursive: true });
        dest = path.join(dir, name);
      }
      if (await fs.stat(dest).catch(() => null)) throw new AppError('conflict', `There is already a file at ${dest}. Choose another name; backups never overwrite a file.`);
      const job = runner.start('backup', `Backing up ${path.basename(folder.root)}`, { actorId: input.actorId, dest } satisfies z.infer<typeof BackupJobInput>);
      return { jobId: job.id };
    },
    async 'library.restore'(input) {
      ctx.postService.permitted(input.actorId, 'library.backup');
      const file = input.upload ? uploadPath(ctx.rooms.folder, input.upload.id) : await ctx.paths.check(input.path!, 'import');
      const folder = await ctx.paths.check(input.folder, 'library');
      if (!path.isAbsolute(folder)) throw new AppError('invalid_input', `“${input.folder}” is not a full path. Give the whole path of a new folder for the restored library.`);
      const entries = await fs.readdir(folder).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : ['?']));
      if (entries.length > 0) throw new AppError('conflict', `${folder} already exists and is not empty. A backup is restored into a new folder, never over a library: choose a new folder name.`);
      const job = ctx.rooms.runner.start('restore', `Restoring a backup into ${path.basename(folder)}`, { actorId: input.actorId, file, folder, upload: input.upload !== undefined } satisfies z.infer<typeof RestoreJobInput>);
      return { jobId: job.id };
    },
  };
}
