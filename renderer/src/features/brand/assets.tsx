import { useEffect, useRef, useState } from 'react';
import { type Asset, type AssetKind, type AssetSummary, renditionExt } from '../../../../electron/model/asset';
import { type Job, importResultOf, isFinished } from '../../../../electron/model/job';
import { ApiError, call, errorText, onEvent } from '../../api/client';
import { importFiles } from '../../api/importFiles';
import { mediaUrl } from '../../api/media';
import { formatClock } from '../../i18n/format';
import { t } from '../../i18n';
import { Button, cx } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { SearchIcon } from '../../ui/icons';
import { TextInput } from '../../ui/TextInput';

/** The URL that shows an image asset as it is drawn in exports: SVG and HEIC through their rendition. */
export function imageUrl(a: Pick<AssetSummary, 'id' | 'ext'>): string {
  return mediaUrl(a.id, renditionExt(a.ext) ? 'rendition' : 'original');
}

/** An asset a kit refers to, looked up once per id (null while loading or when it is gone). */
export function useAsset(id: string | null): { asset: Asset | null; missing: boolean } {
  const [state, setState] = useState<{ id: string | null; asset: Asset | null; missing: boolean }>({ id: null, asset: null, missing: false });
  useEffect(() => {
    if (!id) return;
    let live = true;
    call('assets.get', { id }).then(
      (asset) => live && setState({ id, asset, missing: false }),
      () => live && setState({ id, asset: null, missing: true }),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return state.id === id && id ? state : { asset: null, missing: false };
}

/**
 * Imports one file into the library (an upload in browser mode, a path in the app, as Library imports do) and
 * resolves with its asset id once the import job is done; an identical file already there gives that asset.
 */
export async function importOne(file: File, kind: AssetKind): Promise<string> {
  const { jobId, uploadFailures } = await importFiles([{ file, relativePath: file.name }]);
  if (uploadFailures.length) throw new ApiError('invalid_input', uploadFailures[0]!.reason);
  const job = await new Promise<Job>((resolve, reject) => {
    let done = false;
    const finish = (j: Job) => {
      if (done || j.id !== jobId || !isFinished(j.status)) return;
      done = true;
      off();
      resolve(j);
    };
    const off = onEvent('job.updated', finish);
    // The job may have finished before the listener was on.
    call('jobs.list', {}).then(
      (jobs) => jobs.forEach(finish),
      (e: unknown) => {
        if (done) return;
        done = true;
        off();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
  const result = importResultOf(job);
  const id = result?.assetIds[0] ?? result?.duplicateIds[0];
  if (job.status !== 'done' || !id) throw new ApiError('invalid_input', result?.failed[0]?.reason ?? job.error ?? t('brand.importFailed', { name: file.name }));
  const asset = await call('assets.get', { id });
  if (asset.kind !== kind) throw new ApiError('invalid_input', t(kind === 'image' ? 'brand.notAnImage' : 'brand.notAVideo', { name: asset.name }));
  return id;
}

/** A button with a hidden file input: imports the chosen file and hands over its asset id. */
export function ImportButton({ kind, accept, label, onImported, testId }: { kind: AssetKind; accept: string; label: string; onImported: (id: string) => void; testId?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button size="sm" disabled={busy} onClick={() => input.current?.click()}>
        {busy ? t('brand.importing') : label}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setBusy(true);
          setError(null);
          importOne(file, kind).then(
            (id) => {
              setBusy(false);
              onImported(id);
            },
            (err: unknown) => {
              setBusy(false);
              setError(errorText(err));
            },
          );
        }}
      />
      {error && (
        <p className="field__error brand-wide" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** Pick an image or a video from the library: a searchable grid of thumbnails. */
export function AssetPicker({ open, kind, title, onClose, onPick }: { open: boolean; kind: AssetKind; title: string; onClose: () => void; onPick: (a: AssetSummary) => void }) {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<AssetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    call('assets.list', { query, kind, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 120 }).then(
      (r) => {
        if (!live) return;
        setItems(r.items);
        setError(null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [open, query, kind]);
  return (
    <Dialog open={open} title={title} onClose={onClose} wide testId="asset-picker" footer={<Button onClick={onClose}>{t('action.cancel')}</Button>}>
      <TextInput label={t('brand.pickerSearch')} hideLabel placeholder={t('brand.pickerSearch')} leading={<SearchIcon size={16} />} value={query} onChange={(e) => setQuery(e.target.value)} />
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p className="brand-empty">{query ? t('brand.pickerNoMatch') : kind === 'image' ? t('brand.pickerNoImages') : t('brand.pickerNoVideos')}</p>}
      <ul className="picker-grid" aria-label={title}>
        {items?.map((a) => (
          <li key={a.id}>
            <button type="button" className={cx('picker-item', kind === 'image' && 'picker-item--checker')} onClick={() => onPick(a)} data-testid="picker-item" data-name={a.name} title={a.name}>
              {a.hasThumbnail ? <img src={kind === 'image' ? imageUrl(a) : mediaUrl(a.id, 'thumb')} alt="" loading="lazy" draggable={false} /> : <span className="picker-item__none" />}
              <span className="picker-item__name">{a.name}</span>
              {a.durationSec !== null && <span className="picker-item__time mono">{formatClock(a.durationSec)}</span>}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
