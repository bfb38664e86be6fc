import { useEffect, useMemo, useState } from 'react';
import type { AssetLicence } from '../../../../electron/model/asset';
import { channelLimits, defaultChannels } from '../../../../electron/model/channels';
import type { Draft } from '../../../../electron/model/draft';
import type { DraftSummary } from '../../../../electron/model/draft-record';
import { channelIds, contentFor, type Campaign, type ChannelId, type PostContent, type User } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { checkPolicy, licenceState, type Policy, type Violation } from '../../../../electron/model/policy';
import { validatePost, type Issue, type MediaFacts } from '../../../../electron/model/post-validate';
import { zonedToUtc } from '../../../../electron/model/schedule';
import { call, errorText } from '../../api/client';
import { getLocale, t, type MessageKey } from '../../i18n';
import { formatDate } from '../../i18n/format';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextInput } from '../../ui/TextInput';
import { watermarkCoverage } from '../../../../electron/model/kit-apply';
import { kitById, useKitList } from '../editor/kitStore';
import { CarouselPreview } from './CarouselPreview';
import { CoverPicker } from './CoverPicker';
import { CaptionFileCheck } from './CaptionFileCheck';
import { TranscriptTool } from './TranscriptTool';
import { appendTag, hashtagRoom, kitTagChips, withDisclaimer } from './kitOffer';
import { highlight, localWhen, parseTags } from './queueLogic';
import { buildTargets, overrideFields, overridesToDraft, type OverrideDraft, type OverrideField } from './teamLogic';

/** Media checks need facts about the draft; without them only the text checks run (unknown facts are not guessed). */
const MEDIA_FIELDS = new Set<Issue['field']>(['duration', 'aspect', 'size', 'fps', 'resolution', 'media']);

const FIELD_LABEL: Record<OverrideField, MessageKey> = {
  caption: 'queue.composer.caption',
  hashtags: 'queue.composer.hashtags',
  mentions: 'queue.composer.mentions',
  firstComment: 'queue.composer.firstComment',
};

type Props = {
  post: PostRecordShape | null;
  actor: User;
  drafts: DraftSummary[];
  campaigns: Campaign[];
  zone: string;
  onClose: () => void;
  onSaved: (post: PostRecordShape) => void;
};

/**
 * New post from a draft, or an edit of one: shared content and per-channel overrides (a tab per channel),
 * channels, cover frame, time and campaign. Each channel is checked live on the content it will actually get,
 * against its limits and the compliance policy, including the licences of the draft's assets.
 */
export function Composer({ post, drafts, campaigns, zone, onClose, onSaved }: Props) {
  const showToast = useStore((s) => s.showToast);
  const when = localWhen(post?.scheduledAt ?? null, zone);
  const [draftId, setDraftId] = useState(post?.draftId ?? drafts[0]?.id ?? '');
  const [title, setTitle] = useState(post?.title ?? '');
  const [caption, setCaption] = useState(post?.content.caption ?? '');
  const [hashtags, setHashtags] = useState(post?.content.hashtags.map((h) => `#${h}`).join(' ') ?? '');
  const [mentions, setMentions] = useState(post?.content.mentions.map((m) => `@${m}`).join(' ') ?? '');
  const [firstComment, setFirstComment] = useState(post?.content.firstComment ?? '');
  const [link, setLink] = useState(post?.content.link ?? '');
  const [sponsored, setSponsored] = useState(post?.sponsored ?? false);
  const kindOf = (id: string) => drafts.find((d) => d.id === id)?.kind ?? 'video';
  const [channels, setChannels] = useState<ChannelId[]>(post?.targets.map((tg) => tg.channel) ?? defaultChannels(kindOf(draftId)));
  // A new post follows its draft's kind (image → Instagram feed, video → TikTok) until the person picks channels.
  const [channelsPicked, setChannelsPicked] = useState(post != null);
  const [overrides, setOverrides] = useState<Partial<Record<ChannelId, OverrideDraft>>>(() => Object.fromEntries((post?.targets ?? []).map((tg) => [tg.channel, overridesToDraft(tg.overrides)])));
  const [tab, setTab] = useState<'all' | ChannelId>('all');
  const [coverTime, setCoverTime] = useState<number | null>(post?.coverTime ?? null);
  const [date, setDate] = useState(when?.date ?? '');
  const [time, setTime] = useState(when?.time ?? '');
  const [campaignId, setCampaignId] = useState(post?.campaignId ?? '');
  const [loaded, setLoaded] = useState<{ draftId: string; doc: Draft; facts: MediaFacts } | null>(null);
  const current = loaded && loaded.draftId === draftId ? loaded : null;
  const facts = current?.facts ?? null;
  const [licences, setLicences] = useState<{ draftId: string; list: AssetLicence[] } | null>(null);
  const assetLicences = useMemo(() => (licences && licences.draftId === draftId ? licences.list : []), [licences, draftId]);
  const [policy, setPolicy] = useState<Policy | null>(null);
  const { kits } = useKitList();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    call('policy.get', {})
      .then((r) => live && setPolicy(r.policy))
      .catch((e: unknown) => showToast({ message: errorText(e), tone: 'error' }));
    return () => {
      live = false;
    };
  }, [showToast]);

  // The draft's canvas and length are what the render will carry; the file size is unknown until it is rendered.
  // Its assets' licence dates feed the policy's expired-licence rule, as the engine checks at submit.
  useEffect(() => {
    let live = true;
    if (!draftId) return;
    const summary = drafts.find((d) => d.id === draftId);
    call('drafts.get', { id: draftId })
      .then((rec) => {
        if (!live) return;
        const c = rec.doc.canvas;
        setLoaded({ draftId, doc: rec.doc, facts: { kind: rec.doc.kind, durationSec: summary?.durationSec ?? 0, width: c.width, height: c.height, fps: 'fps' in c ? c.fps : 0, sizeBytes: null, pages: rec.doc.kind === 'image' ? rec.doc.pages.length : undefined } }); // an image has no frame rate; fps is read only for video
      })
      .catch(() => live && setLoaded(null));
    call('drafts.licences', { id: draftId })
      .then((list) => live && setLicences({ draftId, list }))
      .catch(() => live && setLicences(null));
    return () => {
      live = false;
    };
  }, [draftId, drafts]);

  const content: PostContent = useMemo(
    () => ({ caption, hashtags: parseTags(hashtags, '#'), mentions: parseTags(mentions, '@'), firstComment, link: link.trim() || null }),
    [caption, hashtags, mentions, firstComment, link],
  );
  const targets = useMemo(() => buildTargets(channels, overrides, post?.targets ?? []), [channels, overrides, post]);
  const probe = useMemo(() => ({ content, targets, title: title || 'untitled' }), [content, targets, title]);
  const issues = useMemo(() => {
    const f: MediaFacts = facts ?? { kind: 'video', durationSec: 0, width: 0, height: 0, fps: 0, sizeBytes: null };
    return channels.map((ch) => ({ channel: ch, issues: validatePost(probe, f, ch).filter((i) => facts !== null || !MEDIA_FIELDS.has(i.field)) }));
  }, [probe, channels, facts]);
  // The policy per channel, on the content that channel gets (overrides applied), as the engine runs it.
  const violationsBy = useMemo(() => {
    const ctx = { sponsored, assetLicences, now: new Date(), watermark: current ? watermarkCoverage(current.doc) : undefined };
    const shared = policy ? checkPolicy(policy, content, ctx) : [];
    return { shared, byChannel: new Map(channels.map((ch) => [ch, policy ? checkPolicy(policy, contentFor(probe, ch), { ...ctx, channel: ch }) : []])) };
  }, [policy, content, probe, channels, sponsored, assetLicences, current]);
  const kit = kitById(kits, current?.doc.kitId);
  const room = hashtagRoom(channels, policy, content);
  const kitChips = kit ? kitTagChips(kit.hashtags, content, room) : [];
  const textViolations = distinctViolations(channels, violationsBy.byChannel, (v) => v.rule !== 'expiredLicence');
  const shownContent = tab === 'all' ? content : contentFor(probe, tab);
  const shownViolations = tab === 'all' ? violationsBy.shared : violationsBy.byChannel.get(tab) ?? [];
  const captionSpans = shownViolations.flatMap((v) => v.spans.filter((s) => s.field === 'caption'));
  const captionTracks = current?.doc.kind === 'video' ? (current.doc.captions ?? []) : [];

  let scheduledAt: string | null = null;
  let timeError: string | null = null;
  if (date && time) {
    try {
      scheduledAt = zonedToUtc(date, time, zone).utc;
    } catch (e) {
      timeError = errorText(e);
    }
  } else if (date || time) timeError = t('queue.composer.timeBoth');

  const toggle = (ch: ChannelId) => {
    setChannelsPicked(true);
    setChannels((cs) => (cs.includes(ch) ? cs.filter((c) => c !== ch) : [...cs, ch]));
    if (tab === ch) setTab('all');
  };
  const pickDraft = (id: string) => {
    setDraftId(id);
    if (channelsPicked) return;
    setChannels(defaultChannels(kindOf(id)));
    setTab('all');
  };
  const sharedText: Record<OverrideField, string> = { caption, hashtags, mentions, firstComment };
  const setOverride = (ch: ChannelId, field: OverrideField, value: string | undefined) =>
    setOverrides((o) => {
      const rest = Object.fromEntries(Object.entries(o[ch] ?? {}).filter(([k]) => k !== field)) as OverrideDraft;
      return { ...o, [ch]: value === undefined ? rest : { ...rest, [field]: value } };
    });

  const save = async () => {
    setBusy(true);
    try {
      const base = post ?? (await call('posts.create', { draftId, title: title.trim() || undefined, targets, timeZone: zone, campaignId: campaignId || null }));
      const saved = await call('posts.update', {
        id: base.id,
        ...(post && draftId !== post.draftId ? { draftId: draftId || null } : {}),
        ...(title.trim() ? { title: title.trim() } : {}),
        content,
        targets,
        sponsored,
        coverTime,
        campaignId: campaignId || null,
        scheduledAt,
        // A post keeps the zone it was planned in; a new one takes the zone of whoever writes it.
        timeZone: post?.timeZone ?? zone,
      });
      onSaved(saved);
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const canSave = !busy && channels.length > 0 && (post !== null || draftId !== '') && timeError === null;
  const overridden = (ch: ChannelId) => Object.keys(overrides[ch] ?? {}).length > 0;

  return (
    <Dialog
      open
      wide
      title={post ? t('queue.composer.editTitle') : t('queue.composer.newTitle')}
      onClose={onClose}
      testId="composer"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button variant="primary" disabled={!canSave} onClick={() => void save()} data-testid="composer-save">
            {t('queue.composer.save')}
          </Button>
        </>
      }
    >
      <div className="composer">
        <div className="composer__form">
          {post && (post.state === 'approved' || post.state === 'scheduled') && (
            <p className="banner banner--inline" role="note" data-testid="composer-approved-note">
              {t('queue.composer.approvedNote')}
            </p>
          )}
          <label className="field">
            <span className="field__label">{t('queue.composer.draft')}</span>
            <select className="select" value={draftId} onChange={(e) => pickDraft(e.target.value)} data-testid="composer-draft">
              {post?.draftId === null && <option value="">{t('queue.composer.noDraft')}</option>}
              {drafts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <TextInput label={t('queue.composer.title')} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="composer-title" />
          <fieldset className="composer__channels">
            <legend className="field__label">{t('queue.composer.channels')}</legend>
            {channelIds.map((ch) => (
              <label key={ch} className="composer__check">
                <input type="checkbox" checked={channels.includes(ch)} onChange={() => toggle(ch)} data-testid={`composer-channel-${ch}`} />
                {channelLimits[ch].label}
              </label>
            ))}
          </fieldset>
          <div className="composer__tabs" role="tablist" aria-label={t('queue.composer.contentFor')}>
            <button type="button" role="tab" aria-selected={tab === 'all'} className="composer__tab" onClick={() => setTab('all')} data-testid="composer-tab-all">
              {t('queue.composer.allChannels')}
            </button>
            {channels.map((ch) => (
              <button key={ch} type="button" role="tab" aria-selected={tab === ch} className="composer__tab" onClick={() => setTab(ch)} data-testid={`composer-tab-${ch}`} data-overridden={overridden(ch)}>
                {channelLimits[ch].label}
                {overridden(ch) && <span className="composer__tab-dot" aria-label={t('queue.composer.hasOverrides')} />}
              </button>
            ))}
          </div>
          {tab === 'all' ? (
            <div className="composer__panel" role="tabpanel">
              <label className="field">
                <span className="field__label">{t('queue.composer.caption')}</span>
                <textarea className="textarea" value={caption} onChange={(e) => setCaption(e.target.value)} data-testid="composer-caption" />
              </label>
              <TranscriptTool tracks={captionTracks} content={content} channels={channels} onFill={setCaption} />
              <div className="composer__grid">
                <TextInput label={t('queue.composer.hashtags')} value={hashtags} onChange={(e) => setHashtags(e.target.value)} placeholder="#launch #spring" data-testid="composer-hashtags" />
                <TextInput label={t('queue.composer.mentions')} value={mentions} onChange={(e) => setMentions(e.target.value)} placeholder="@handle" data-testid="composer-mentions" />
              </div>
              {kit && (kitChips.length > 0 || kit.disclaimer.trim() !== '') && (
                <div className="composer__kit" role="group" aria-label={t('queue.composer.kit', { name: kit.name })} data-testid="composer-kit">
                  <span className="field__label">{t('queue.composer.kit', { name: kit.name })}</span>
                  <div className="composer__kit-chips">
                    {kitChips.map((c) => (
                      <button
                        key={c.tag}
                        type="button"
                        className="chip chip--toggle"
                        disabled={!c.canAdd}
                        title={c.canAdd ? t('queue.composer.kitTagAdd', { tag: c.tag }) : t('queue.composer.kitTagFull')}
                        onClick={() => setHashtags((h) => appendTag(h, c.tag))}
                        data-testid="composer-kit-tag"
                      >
                        + #{c.tag}
                      </button>
                    ))}
                    {kit.disclaimer.trim() !== '' && (
                      <Button size="sm" variant="ghost" disabled={caption.includes(kit.disclaimer.trim())} title={kit.disclaimer} onClick={() => setCaption((c) => withDisclaimer(c, kit.disclaimer))} data-testid="composer-kit-disclaimer">
                        {t('queue.composer.kitDisclaimer')}
                      </Button>
                    )}
                  </div>
                  {room === 0 && kitChips.length > 0 && <p className="field__hint">{t('queue.composer.kitTagFull')}</p>}
                </div>
              )}
              <TextInput label={t('queue.composer.firstComment')} value={firstComment} onChange={(e) => setFirstComment(e.target.value)} data-testid="composer-first-comment" />
              <TextInput label={t('queue.composer.link')} value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://" data-testid="composer-link" />
            </div>
          ) : (
            <div className="composer__panel" role="tabpanel" data-testid="override-panel" data-channel={tab}>
              <p className="field__hint">{t('queue.composer.overrideIntro', { channel: channelLimits[tab].label })}</p>
              {overrideFields.map((field) => {
                const own = overrides[tab]?.[field];
                const label = t(FIELD_LABEL[field]);
                return (
                  <div key={field} className="override" data-testid="override" data-field={field} data-on={own !== undefined}>
                    <label className="composer__check">
                      <input
                        type="checkbox"
                        checked={own !== undefined}
                        onChange={(e) => setOverride(tab, field, e.target.checked ? sharedText[field] : undefined)}
                        data-testid={`override-toggle-${field}`}
                      />
                      {t('queue.composer.ownField', { field: label, channel: channelLimits[tab].label })}
                    </label>
                    {own === undefined ? (
                      <p className="override__shared">{sharedText[field] || t('queue.composer.emptyShared')}</p>
                    ) : field === 'caption' ? (
                      <>
                        <textarea className="textarea" aria-label={label} value={own} onChange={(e) => setOverride(tab, field, e.target.value)} data-testid={`override-${field}`} />
                        <TranscriptTool tracks={captionTracks} content={contentFor(probe, tab)} channels={[tab]} onFill={(c) => setOverride(tab, 'caption', c)} />
                      </>
                    ) : (
                      <TextInput label={label} hideLabel value={own} onChange={(e) => setOverride(tab, field, e.target.value)} data-testid={`override-${field}`} />
                    )}
                  </div>
                );
              })}
            </div>
          )}
          {captionSpans.length > 0 && (
            <p className="composer__highlight" data-testid="caption-highlight">
              {highlight(shownContent.caption, captionSpans).map((s, i) => (s.marked ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
            </p>
          )}
          <label className="composer__check">
            <input type="checkbox" checked={sponsored} onChange={(e) => setSponsored(e.target.checked)} data-testid="composer-sponsored" />
            {t('queue.composer.sponsored')}
          </label>
          {current?.doc.kind === 'video' && facts && facts.durationSec > 0 && (
            <div className="field">
              <span className="field__label">{t('queue.cover.title')}</span>
              <CoverPicker draft={current.doc} durationSec={facts.durationSec} value={coverTime} onChange={setCoverTime} />
            </div>
          )}
          {current?.doc.kind === 'image' && <CarouselPreview draftId={current.draftId} doc={current.doc} channels={channels} />}
          <div className="composer__grid">
            <TextInput label={t('queue.composer.date')} type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="composer-date" />
            <TextInput label={t('queue.composer.time')} type="time" step={300} value={time} onChange={(e) => setTime(e.target.value)} hint={zone} error={timeError} data-testid="composer-time" />
          </div>
          <label className="field">
            <span className="field__label">{t('queue.composer.campaign')}</span>
            <select className="select" value={campaignId} onChange={(e) => setCampaignId(e.target.value)} data-testid="composer-campaign">
              <option value="">{t('queue.composer.noCampaign')}</option>
              {campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="composer__checks" data-testid="composer-checks" aria-live="polite">
          <h3 className="queue-group__title">{t('queue.composer.checks')}</h3>
          {issues.map(({ channel, issues: list }) => (
            <div key={channel} className="check-block" data-testid="channel-check" data-channel={channel} data-issues={list.length} data-errors={list.filter((i) => i.severity === 'error').length}>
              <span className="channel-chip">
                {channelLimits[channel].label}
                {overridden(channel) && ` · ${t('queue.composer.custom')}`}
              </span>
              {list.length === 0 ? (
                <span className="check-ok">{t('queue.composer.ok')}</span>
              ) : (
                <ul className="issue-list">
                  {list.map((i, n) => (
                    <li key={n} className={`issue issue--${i.severity}`}>
                      {i.message}
                    </li>
                  ))}
                </ul>
              )}
              {current && <CaptionFileCheck channel={channel} kind={current.doc.kind} tracks={captionTracks} />}
            </div>
          ))}
          {!facts && <p className="field__hint">{t('queue.composer.noFacts')}</p>}
          <div className="check-block" data-testid="policy-check" data-violations={textViolations.length}>
            <span className="channel-chip">{t('queue.composer.policy')}</span>
            {textViolations.length === 0 ? (
              <span className="check-ok">{t('queue.composer.ok')}</span>
            ) : (
              <ul className="issue-list">
                {textViolations.map(({ v, channels: on }, n) => (
                  <li key={n} className="issue issue--error" data-testid="policy-violation">
                    {v.message} <span className="issue__fix">{v.fix}</span>
                    {on.length < channels.length && <span className="issue__where">{on.map((c) => channelLimits[c].label).join(', ')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <LicenceCheck licences={assetLicences} policy={policy} />
        </div>
      </div>
    </Dialog>
  );
}

/** Each distinct violation once, with the channels it applies to (overrides can make channels differ). */
function distinctViolations(channels: readonly ChannelId[], byChannel: Map<ChannelId, Violation[]>, keep: (v: Violation) => boolean): { v: Violation; channels: ChannelId[] }[] {
  const out = new Map<string, { v: Violation; channels: ChannelId[] }>();
  for (const ch of channels) {
    for (const v of byChannel.get(ch) ?? []) {
      if (!keep(v)) continue;
      const key = `${v.rule}|${v.message}`;
      const entry = out.get(key) ?? { v, channels: [] };
      entry.channels.push(ch);
      out.set(key, entry);
    }
  }
  return [...out.values()];
}

/** The draft's assets with a licence end date, by name: an expired one blocks the post (when the policy says so). */
function LicenceCheck({ licences, policy }: { licences: AssetLicence[]; policy: Policy | null }) {
  const dated = licences.filter((l) => l.expiresAt !== null);
  if (dated.length === 0) return null;
  const now = new Date();
  const blocks = policy?.blockExpiredLicences ?? true;
  return (
    <div className="check-block" data-testid="licence-check">
      <span className="channel-chip">{t('queue.composer.licences')}</span>
      <ul className="issue-list">
        {dated.map((l) => {
          const state = licenceState(l.expiresAt, now);
          const date = formatDate(l.expiresAt!, getLocale());
          const blocked = state === 'expired' && blocks;
          return (
            <li key={l.assetId} className={`issue licence-item licence-item--${state}${blocked ? ' issue--error' : ''}`} data-testid="licence-item" data-asset={l.name} data-state={state} data-blocks={blocked}>
              <strong className="licence-item__name">{l.name}</strong>{' '}
              {state === 'expired'
                ? blocked
                  ? t('queue.composer.licenceBlocks', { date })
                  : t('queue.composer.licenceExpiredAllowed', { date })
                : state === 'soon'
                  ? t('queue.composer.licenceSoon', { date })
                  : t('queue.composer.licenceValid', { date })}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
