import { useEffect, useRef, useState } from 'react';
import type { BrandKitContent } from '../../../../electron/model/brand-kit';
import type { FontRecord } from '../../../../electron/model/font';
import { kitsUsingFont } from '../../../../electron/model/font-use';
import { call, errorText, onEvent } from '../../api/client';
import { stageFile } from '../../api/importFiles';
import { fontUrl } from '../../api/media';
import { formatBytes } from '../../i18n/format';
import { type MessageKey, t } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { PlusIcon } from '../../ui/icons';
import { useBrand } from './brandStore';
import { Section } from './controls';
import { fontRemovalBlock } from './kitFonts';

/** The library's fonts, kept current by `fonts.changed`. */
export function useLibraryFonts(): FontRecord[] {
  const [fonts, setFonts] = useState<FontRecord[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      call('fonts.list', {}).then(
        (f) => live && setFonts(f),
        () => undefined, // the connection banner says why; the next event loads again
      );
    void load();
    const off = onEvent('fonts.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, []);
  return fonts;
}

/**
 * A font's own bytes as a FontFace (fetched from the library, the same file the export draws with), under a
 * name of its own so it never collides with an installed font of the same family. One load per font per page.
 */
const faces = new Map<string, Promise<string>>();
function loadFace(id: string): Promise<string> {
  let p = faces.get(id);
  if (!p) {
    p = (async () => {
      const res = await fetch(fontUrl(id));
      if (!res.ok) throw new Error(t('brand.fontNotLoaded'));
      const face = new FontFace(`pf-font-${id.slice(0, 16)}`, await res.arrayBuffer());
      await face.load();
      document.fonts.add(face);
      return face.family;
    })();
    // A failed load may work later (the connection was down): do not keep the failure.
    p.catch(() => faces.delete(id));
    faces.set(id, p);
  }
  return p;
}

function useFontFace(id: string): { family: string | null; error: boolean } {
  const [state, setState] = useState<{ id: string; family: string | null; error: boolean }>({ id, family: null, error: false });
  useEffect(() => {
    let live = true;
    loadFace(id).then(
      (family) => live && setState({ id, family, error: false }),
      () => live && setState({ id, family: null, error: true }),
    );
    return () => {
      live = false;
    };
  }, [id]);
  return state.id === id ? state : { family: null, error: false };
}

/**
 * The kit's fonts: add a TTF, OTF or WOFF2 file (validated and stored by the engine, fonts.add), or one the library
 * already has; each shows its family, style, embedding permission and licence note, and a sample line drawn
 * in the font itself.
 */
export function FontsSection({ content, fonts }: { content: BrandKitContent; fonts: readonly FontRecord[] }) {
  const edit = useBrand((s) => s.edit);
  const canEdit = useBrand((s) => s.canEdit);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const byId = new Map(fonts.map((f) => [f.id, f]));
  const others = fonts.filter((f) => !content.fontIds.includes(f.id));
  const addToKit = (id: string) => edit((c) => (c.fontIds.includes(id) ? c : { ...c, fontIds: [...c.fontIds, id] }));

  const addFile = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const staged = await stageFile(file);
      const { font, duplicate } = await call('fonts.add', { ...staged, licenceNote: '' });
      addToKit(font.id);
      useStore.getState().showToast({ message: t(duplicate ? 'brand.fontWasThere' : 'brand.fontAdded', { family: font.family, style: font.subfamily }), tone: 'success' });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section
      title={t('brand.fonts')}
      hint={t('brand.fontsHint')}
      testId="brand-fonts"
      actions={
        canEdit && (
          <>
            <Button size="sm" icon={<PlusIcon size={16} />} disabled={busy || content.fontIds.length >= 16} onClick={() => input.current?.click()} data-testid="font-add">
              {busy ? t('brand.fontAdding') : t('brand.addFont')}
            </Button>
            <input
              ref={input}
              type="file"
              hidden
              accept=".ttf,.otf,.woff2,font/ttf,font/otf,font/woff2"
              data-testid="font-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void addFile(file);
              }}
            />
          </>
        )
      }
    >
      {error && (
        <p className="field__error" role="alert" data-testid="font-error">
          {error}
        </p>
      )}
      {content.fontIds.length === 0 && <p className="brand-empty">{t('brand.fontsEmpty')}</p>}
      <ul className="font-list">
        {content.fontIds.map((id) => {
          const f = byId.get(id);
          return f ? <FontCard key={id} font={f} content={content} library={fonts} /> : <li key={id} className="font-card font-card--missing">{t('brand.fontMissing')}</li>;
        })}
      </ul>
      {canEdit && others.length > 0 && (
        <label className="brand-row">
          <span className="brand-row__label">{t('brand.fontFromLibrary')}</span>
          <select
            className="select select--sm"
            value=""
            onChange={(e) => {
              if (e.target.value) addToKit(e.target.value);
            }}
            data-testid="font-from-library"
          >
            <option value="">{t('brand.fontPick')}</option>
            {others.map((f) => (
              <option key={f.id} value={f.id}>
                {`${f.family} ${f.subfamily}`.trim()}
              </option>
            ))}
          </select>
        </label>
      )}
    </Section>
  );
}

const embeddingKey: Record<FontRecord['embedding'], MessageKey> = {
  installable: 'brand.embed.installable',
  editable: 'brand.embed.editable',
  'preview-print': 'brand.embed.previewPrint',
  restricted: 'brand.embed.restricted',
};

function FontCard({ font, content, library }: { font: FontRecord; content: BrandKitContent; library: readonly FontRecord[] }) {
  const edit = useBrand((s) => s.edit);
  const canEdit = useBrand((s) => s.canEdit);
  const kits = useBrand((s) => s.kits);
  const openId = useBrand((s) => s.selectedId);
  // The open kit as it is being edited (the list holds its last saved version).
  const usedBy = kitsUsingFont(
    kits.map((k) => (k.id === openId ? { ...k, ...content } : k)),
    font,
  );
  const { family, error } = useFontFace(font.id);
  const [note, setNote] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const saveNote = () => {
    if (note === null || note === font.licenceNote) return setNote(null);
    call('fonts.update', { id: font.id, licenceNote: note }).then(
      () => {
        setNote(null);
        setNoteError(null);
      },
      (e: unknown) => setNoteError(errorText(e)),
    );
  };
  const okToEmbed = font.embedding === 'installable' || font.embedding === 'editable';
  return (
    <li className="font-card" data-testid="font-card" data-family={font.family}>
      <p
        className="font-card__sample"
        style={{ fontFamily: family ? `"${family}"` : undefined, fontWeight: font.weight, fontStyle: font.italic ? 'italic' : 'normal', visibility: family || error ? 'visible' : 'hidden' }}
        data-testid="font-sample"
        data-loaded={family ? 'true' : 'false'}
      >
        {error ? t('brand.fontNotLoaded') : t('brand.fontSample')}
      </p>
      <div className="font-card__facts">
        <span className="font-card__name">
          {font.family} <span className="font-card__style">{font.subfamily}</span>
        </span>
        <span className="font-card__meta">
          {font.sourceFormat.toUpperCase()} · {formatBytes(font.sizeBytes)} · {font.fileName}
        </span>
        <span className={okToEmbed ? 'font-embed font-embed--ok' : 'font-embed font-embed--warn'} title={t(`${embeddingKey[font.embedding]}Hint` as MessageKey)} data-testid="font-embedding">
          {t(embeddingKey[font.embedding])}
        </span>
        {usedBy.length > 0 && (
          <span className="font-card__meta" title={t('brand.fontUsedByHint')} data-testid="font-kits">
            {t('brand.fontUsedBy', { kits: usedBy.map((k) => k.name).join(', ') })}
          </span>
        )}
      </div>
      <label className="brand-field font-card__note">
        <span className="field__label">{t('brand.licenceNote')}</span>
        <textarea
          className="textarea"
          rows={2}
          maxLength={2000}
          value={note ?? font.licenceNote}
          placeholder={t('brand.licencePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
          onBlur={saveNote}
          data-testid="font-licence"
        />
        {noteError && (
          <span className="field__error" role="alert">
            {noteError}
          </span>
        )}
      </label>
      {canEdit && (
        <div className="font-card__actions">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              const why = fontRemovalBlock(content, font, library, (role) => t(`brand.style.${role}` as MessageKey));
              if (why) setBlocked(t('brand.fontInUse', { family: font.family, styles: why }));
              else edit((c) => ({ ...c, fontIds: c.fontIds.filter((x) => x !== font.id) }));
            }}
            data-testid="font-remove"
          >
            {t('brand.fontRemove')}
          </Button>
          {blocked && (
            <span className="field__error" role="alert" data-testid="font-remove-blocked">
              {blocked}
            </span>
          )}
        </div>
      )}
    </li>
  );
}
