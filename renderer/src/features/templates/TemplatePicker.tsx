import { useEffect, useMemo, useState } from 'react';
import type { AssetSummary } from '../../../../electron/model/asset';
import type { Draft } from '../../../../electron/model/draft';
import type { User } from '../../../../electron/model/post';
import { fillTemplate, type Placeholder, type TemplateSummary } from '../../../../electron/model/template-fill';
import { call, errorText, onEvent } from '../../api/client';
import { mediaUrl } from '../../api/media';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { Button, IconButton } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { BackIcon, ImageIcon, SearchIcon, TrashIcon } from '../../ui/icons';
import { useMeStore } from '../../store/meStore';
import { canDeleteTemplate, fillsToSend, groupTemplates, type FillEntry } from './templateList';
import { TemplateThumb } from './TemplateThumb';
import { useTemplatePicker } from './templatePickerStore';
import './templates.css';

type Loaded = { list: TemplateSummary[]; docs: Record<string, Draft>; actor: User | null };

/**
 * "New from template": every template with its picture, grouped (starters, ours) and searchable; choosing one
 * asks for its placeholders (a photo from the library, the words) with a live preview, then makes the draft
 * (`templates.instantiate`) and opens it in its editor.
 */
export function TemplatePicker() {
  const open = useTemplatePicker((s) => s.open);
  const hide = useTemplatePicker((s) => s.hide);
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<TemplateSummary | null>(null);
  const [epoch, setEpoch] = useState(0);

  useEffect(() => onEvent('templates.changed', () => setEpoch((n) => n + 1)), []);
  useEffect(() => {
    if (!open) return;
    let live = true;
    (async () => {
      const [list] = await Promise.all([call('templates.list', {}), useMeStore.getState().refresh()]);
      const records = await Promise.all(list.map((x) => call('drafts.get', { id: x.id }).catch(() => null)));
      const docs: Record<string, Draft> = {};
      for (const r of records) if (r) docs[r.id] = r.doc;
      return { list, docs, actor: useMeStore.getState().me };
    })().then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [open, epoch]);

  const close = () => {
    setChosen(null);
    setQuery('');
    hide();
  };
  const groups = useMemo(() => groupTemplates(data?.list ?? [], query), [data, query]);

  return (
    <Dialog open={open} title={chosen ? t('templates.fillTitle', { name: chosen.name }) : t('templates.pickTitle')} onClose={close} testId="template-picker" wide>
      {chosen && data?.docs[chosen.id] ? (
        <FillStep tpl={chosen} doc={data.docs[chosen.id]!} onBack={() => setChosen(null)} onDone={close} />
      ) : error ? (
        <div className="banner banner--error banner--inline" role="alert">
          {t('templates.loadFailed', { reason: error })}
          <Button
            size="sm"
            onClick={() => {
              setError(null);
              setEpoch((n) => n + 1);
            }}
          >
            {t('drafts.retry')}
          </Button>
        </div>
      ) : !data ? (
        <p className="tpl-loading" role="status">
          {t('templates.loading')}
        </p>
      ) : data.list.length === 0 ? (
        <div className="empty" data-testid="templates-empty">
          <ImageIcon size={40} className="empty__icon" />
          <h2 className="empty__title">{t('templates.emptyTitle')}</h2>
          <p className="empty__body">{t('templates.emptyBody')}</p>
        </div>
      ) : (
        <div className="tpl-pick">
          <div className="search">
            <SearchIcon size={16} className="search__icon" />
            <input type="search" className="search__input" placeholder={t('templates.search')} aria-label={t('templates.search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="template-search" />
          </div>
          {groups.starters.length + groups.ours.length === 0 ? (
            <p className="tpl-nomatch" data-testid="templates-nomatch">
              {t('templates.noMatch', { query })}
            </p>
          ) : (
            <>
              <Group title={t('templates.starters')} items={groups.starters} data={data} onPick={setChosen} onDeleted={() => setEpoch((n) => n + 1)} />
              <Group title={t('templates.ours')} items={groups.ours} data={data} onPick={setChosen} onDeleted={() => setEpoch((n) => n + 1)} emptyHint={query ? null : t('templates.oursEmpty')} />
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}

function Group({ title, items, data, onPick, onDeleted, emptyHint = null }: { title: string; items: TemplateSummary[]; data: Loaded; onPick: (x: TemplateSummary) => void; onDeleted: () => void; emptyHint?: string | null }) {
  if (items.length === 0 && !emptyHint) return null;
  return (
    <section className="tpl-group" aria-label={title}>
      <h3 className="tpl-group__title">{title}</h3>
      {items.length === 0 ? (
        <p className="tpl-group__empty">{emptyHint}</p>
      ) : (
        <ul className="tpl-grid">
          {items.map((x) => (
            <TemplateCard key={x.id} tpl={x} doc={data.docs[x.id] ?? null} actor={data.actor} onPick={() => onPick(x)} onDeleted={onDeleted} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TemplateCard({ tpl, doc, actor, onPick, onDeleted }: { tpl: TemplateSummary; doc: Draft | null; actor: User | null; onPick: () => void; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const showToast = useStore((s) => s.showToast);
  const pages = doc?.kind === 'image' ? doc.pages.length : 0;
  const remove = async () => {
    try {
      await call('templates.delete', { id: tpl.id });
      showToast({ message: t('templates.deleted', { name: tpl.name }), tone: 'info' });
      onDeleted();
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    }
    setConfirming(false);
  };
  return (
    <li className="tpl-card" data-testid="template-card" data-name={tpl.name} data-template-id={tpl.id}>
      <button type="button" className="tpl-card__pick" onClick={onPick} disabled={!doc} data-testid="template-pick">
        <TemplateThumb id={tpl.id} doc={doc} width={220} testId="template-thumb" />
        <span className="tpl-card__name">{tpl.name}</span>
        <span className="tpl-card__meta">
          {doc ? t('imageEditor.canvasSize', { size: `${doc.canvas.width} × ${doc.canvas.height}` }) : ''}
          {pages > 1 ? ` · ${t('templates.pages', { count: pages })}` : ''}
        </span>
      </button>
      {canDeleteTemplate(tpl, actor) &&
        (confirming ? (
          <div className="tpl-card__confirm" role="alertdialog" aria-label={t('templates.deleteConfirm', { name: tpl.name })}>
            <span>{t('templates.deleteConfirm', { name: tpl.name })}</span>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
              {t('action.cancel')}
            </Button>
            <Button size="sm" variant="danger" onClick={() => void remove()} data-testid="template-delete-confirm">
              {t('templates.delete')}
            </Button>
          </div>
        ) : (
          <IconButton size="sm" className="tpl-card__delete" label={t('templates.deleteLabel', { name: tpl.name })} icon={<TrashIcon size={16} />} onClick={() => setConfirming(true)} data-testid="template-delete" />
        ))}
    </li>
  );
}

/** Step two: each placeholder with what it takes, and the page as it will be, drawn by the compositor. */
function FillStep({ tpl, doc, onBack, onDone }: { tpl: TemplateSummary; doc: Draft; onBack: () => void; onDone: () => void }) {
  const openDraft = useStore((s) => s.openDraft);
  const loadDrafts = useStore((s) => s.loadDrafts);
  const [entries, setEntries] = useState<Record<string, FillEntry>>({});
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<Record<string, AssetSummary>>({});
  const [focus, setFocus] = useState<Placeholder | null>(tpl.placeholders[0] ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Draft>(doc);
  const current = useMemo(() => Object.fromEntries(tpl.placeholders.map((p) => [p.id, p.current])), [tpl]);

  // The preview follows the typing a moment later, so each key press does not ask the compositor for a page.
  useEffect(() => {
    const timer = setTimeout(() => {
      try {
        const facts = (id: string) => {
          const a = picked[id];
          return a ? { kind: a.kind, durationSec: a.durationSec, name: a.name } : null;
        };
        setPreview(fillTemplate(doc, fillsToSend(entries, current), facts));
        setError(null);
      } catch (e) {
        setError(errorText(e));
      }
    }, 250);
    return () => clearTimeout(timer);
  }, [entries, picked, doc, current]);

  const create = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const record = await call('templates.instantiate', { templateId: tpl.id, name: name.trim() || undefined, fills: fillsToSend(entries, current) });
      void loadDrafts();
      onDone();
      openDraft(record.id, record.doc.kind);
    } catch (e) {
      setError(errorText(e));
    }
    setBusy(false);
  };

  const page = focus?.where.startsWith('page ') ? Number(focus.where.slice(5)) - 1 : 0;
  return (
    <div className="tpl-fill" data-testid="template-fill">
      <div className="tpl-fill__preview">
        <TemplateThumb id={tpl.id} doc={preview} page={page} width={420} testId="template-preview" />
        {doc.kind === 'image' && doc.pages.length > 1 && <p className="field__hint">{t('templates.previewPage', { page: page + 1, count: doc.pages.length })}</p>}
      </div>
      <div className="tpl-fill__form">
        <label className="field">
          <span className="field__label">{t('newDraft.name')}</span>
          <input className="input" value={name} placeholder={tpl.name} maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="template-draft-name" />
        </label>
        {tpl.placeholders.length === 0 && <p className="field__hint">{t('templates.noPlaceholders')}</p>}
        {tpl.placeholders.map((p) => (
          <fieldset key={p.id} className="tpl-slot" data-testid="template-slot" data-kind={p.kind} data-placeholder={p.id} onFocus={() => setFocus(p)}>
            <legend className="field__label">{t(p.kind === 'text' ? 'templates.slotText' : p.kind === 'photo' ? 'templates.slotPhoto' : 'templates.slotClip', { where: p.where })}</legend>
            {p.kind === 'text' ? (
              <textarea
                className="input tpl-slot__text"
                rows={2}
                maxLength={2000}
                value={(entries[p.id] as { text: string } | undefined)?.text ?? p.current}
                onChange={(e) => setEntries((s) => ({ ...s, [p.id]: { text: e.target.value } }))}
                data-testid="template-slot-text"
              />
            ) : (
              <AssetChoice kind={p.kind === 'photo' ? 'image' : p.kind === 'audio' ? 'audio' : 'video'} value={(entries[p.id] as { assetId: string } | undefined)?.assetId ?? null} onChoose={(a) => {
                setFocus(p);
                setPicked((s) => ({ ...s, [a.id]: a }));
                setEntries((s) => ({ ...s, [p.id]: { assetId: a.id } }));
              }} />
            )}
          </fieldset>
        ))}
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <div className="tpl-fill__actions">
          <Button variant="ghost" icon={<BackIcon size={16} />} onClick={onBack} data-testid="template-back">
            {t('templates.back')}
          </Button>
          <Button variant="primary" disabled={busy} onClick={() => void create()} data-testid="template-create">
            {t('templates.create')}
          </Button>
        </div>
      </div>
    </div>
  );
}

/** Library pictures (or clips) to fill a placeholder with; the empty state sends the creator to import. */
function AssetChoice({ kind, value, onChoose }: { kind: 'image' | 'video' | 'audio'; value: string | null; onChoose: (a: AssetSummary) => void }) {
  const [items, setItems] = useState<AssetSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    call('assets.list', { kind, limit: 60 }).then(
      (r) => live && setItems(r.items),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [kind]);
  if (items && items.length === 0) return <p className="field__hint">{t('templates.noPhotos')}</p>;
  return (
    <ul className="tpl-slot__photos">
      {(items ?? []).map((a) => (
        <li key={a.id}>
          <button type="button" className="tpl-photo" aria-pressed={value === a.id} onClick={() => onChoose(a)} title={a.name} data-testid="template-slot-photo" data-name={a.name}>
            {a.hasThumbnail ? <img src={mediaUrl(a.id, 'thumb')} alt={a.name} loading="lazy" draggable={false} /> : <ImageIcon size={20} />}
          </button>
        </li>
      ))}
    </ul>
  );
}
