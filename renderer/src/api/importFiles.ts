import { HOST_KEY_HEADER, HOST_PATHS, type UploadResponse } from '../../../electron/api/transport';
import type { ImportFailure } from '../../../electron/model/job';
import { t } from '../i18n';
import { ApiError, call, checkSession, connectionStatus, getBridge, hostKeys, signedOut } from './client';
import { splitByUploadLimit } from './uploadLimit';

export type UploadProgress = { loadedBytes: number; totalBytes: number; fileIndex: number; fileCount: number };

export type ImportStart = {
  jobId: string;
  /** Files that never reached the engine (upload refused or interrupted), to merge into the job's report. */
  uploadFailures: ImportFailure[];
};

/**
 * What a drop or a picker produced. In Electron we keep the real File objects (the preload turns them into
 * paths, folders included); in the browser, folders are expanded to files with their relative paths.
 */
export type DroppedItem = { file: File; relativePath: string };

/** Starts one import job for the whole selection. Browser mode uploads first and reports byte progress. */
export async function importFiles(
  items: DroppedItem[],
  onUploadProgress?: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<ImportStart> {
  const bridge = getBridge();
  if (bridge) {
    const paths = items.map((i) => bridge.pathForFile(i.file)).filter((p) => p.length > 0);
    if (paths.length === 0) throw new ApiError('invalid_input', t('import.noPaths'));
    const { jobId } = await call('imports.start', { paths });
    return { jobId, uploadFailures: [] };
  }

  // A tab the host no longer knows sends nothing: every byte would be refused.
  if (connectionStatus() === 'signed-out') throw new ApiError('unauthorized', signedOut());
  // Files over the host's per-file limit are refused here, before any byte of them is sent.
  const { fit, refused } = splitByUploadLimit(items, await maxUploadBytes());
  items = fit;
  const totalBytes = items.reduce((sum, i) => sum + i.file.size, 0);
  let doneBytes = 0;
  const uploads: { id: string; name: string }[] = [];
  const uploadFailures: ImportFailure[] = [...refused];
  for (const [index, item] of items.entries()) {
    if (signal?.aborted) throw new ApiError('cancelled', t('import.cancelled'));
    try {
      const res = await uploadOne(item.file, signal, (loaded) =>
        onUploadProgress?.({ loadedBytes: doneBytes + loaded, totalBytes, fileIndex: index, fileCount: items.length }),
      );
      uploads.push({ id: res.id, name: res.name || item.file.name });
    } catch (e) {
      // Cancelled, or no longer signed in: the files after this one would meet the same answer.
      if (e instanceof ApiError && (e.code === 'cancelled' || e.code === 'unauthorized')) throw e;
      uploadFailures.push({ path: item.relativePath, reason: e instanceof Error ? e.message : String(e) });
    }
    doneBytes += item.file.size;
    onUploadProgress?.({ loadedBytes: doneBytes, totalBytes, fileIndex: index, fileCount: items.length });
  }
  if (uploads.length === 0) {
    throw new ApiError('invalid_input', uploadFailures[0]?.reason ?? t('import.nothingToImport'));
  }
  const { jobId } = await call('imports.start', { uploads });
  return { jobId, uploadFailures };
}

let uploadLimit: Promise<number> | null = null;
/** The host's per-file upload limit, asked once per page; if asking fails, the host's own 413 still says no. */
function maxUploadBytes(): Promise<number> {
  uploadLimit ??= call('app.info', {}).then(
    (info) => info.maxUploadBytes,
    () => {
      uploadLimit = null;
      return Number.POSITIVE_INFINITY;
    },
  );
  return uploadLimit;
}

/** Streams one file to the host (raw body) with progress. XHR, because fetch has no upload progress. */
function uploadOne(file: File, signal: AbortSignal | undefined, onProgress: (loaded: number) => void): Promise<UploadResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${HOST_PATHS.upload}?name=${encodeURIComponent(file.name)}`);
    xhr.responseType = 'json';
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader(HOST_KEY_HEADER, hostKeys().page);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      const body = xhr.response as (UploadResponse & { error?: { message?: string }; message?: string }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body.id === 'string') {
        resolve(body);
      } else {
        // 401/403: the host does not know this page's cookie or key (restarted, or signed in elsewhere).
        if (xhr.status === 401 || xhr.status === 403) return reject(new ApiError('unauthorized', signedOut()));
        reject(new ApiError('internal', body?.error?.message ?? body?.message ?? t('import.uploadFailed', { status: xhr.status })));
      }
    };
    // The connection broke (the server stopped mid-upload): if it is back and no longer knows this page, say so.
    xhr.onerror = () =>
      void checkSession().then((answer) =>
        reject(answer === 'signed-out' ? new ApiError('unauthorized', signedOut()) : new ApiError('library_unavailable', t('import.uploadNetwork'))),
      );
    xhr.onabort = () => reject(new ApiError('cancelled', t('import.cancelled')));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/**
 * One file as the engine takes it in a call (fonts.add): its path in the app, or an upload in browser mode (sent
 * to the host first, refused here when it is over the host's per-file limit).
 */
export async function stageFile(file: File, signal?: AbortSignal): Promise<{ path: string } | { upload: { id: string; name: string } }> {
  const bridge = getBridge();
  if (bridge) {
    const path = bridge.pathForFile(file);
    if (!path) throw new ApiError('invalid_input', t('import.noPaths'));
    return { path };
  }
  if (connectionStatus() === 'signed-out') throw new ApiError('unauthorized', signedOut());
  const { refused } = splitByUploadLimit([{ file, relativePath: file.name }], await maxUploadBytes());
  if (refused.length) throw new ApiError('too_large', refused[0]!.reason);
  const res = await uploadOne(file, signal, () => undefined);
  return { upload: { id: res.id, name: res.name || file.name } };
}

/** Native picker in Electron (paths straight to the engine); null when cancelled. */
export async function pickAndImportNative(): Promise<ImportStart | null> {
  const bridge = getBridge();
  if (!bridge) return null;
  const paths = await bridge.pickPaths({ directory: false, multiple: true });
  if (!paths || paths.length === 0) return null;
  const { jobId } = await call('imports.start', { paths });
  return { jobId, uploadFailures: [] };
}

/**
 * Reads a drop. Must be called synchronously inside the `drop` handler: DataTransfer items are only valid
 * during the event, so entries are captured first and walked afterwards.
 */
export function readDrop(dt: DataTransfer): Promise<DroppedItem[]> {
  if (getBridge()) {
    // Electron: the preload resolves folders to paths and the engine walks them.
    return Promise.resolve(Array.from(dt.files, (file) => ({ file, relativePath: file.name })));
  }
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) loose.push(f);
    }
  }
  return (async () => {
    const out: DroppedItem[] = loose.map((file) => ({ file, relativePath: file.name }));
    for (const entry of entries) await walkEntry(entry, out);
    return out;
  })();
}

async function walkEntry(entry: FileSystemEntry, out: DroppedItem[]): Promise<void> {
  if (entry.name.startsWith('.')) return; // .DS_Store, ._AppleDouble and friends are never media
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, relativePath: entry.fullPath.replace(/^\//, '') });
    return;
  }
  if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns at most ~100 entries per call: keep reading until it returns none.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walkEntry(child, out);
    }
  }
}

/** Files chosen with an `<input type=file>`. */
export function fromFileList(list: FileList): DroppedItem[] {
  return Array.from(list, (file) => ({ file, relativePath: file.webkitRelativePath || file.name }));
}
