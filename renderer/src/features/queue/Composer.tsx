import { useEffect, useMemo, useState } from 'react';
import { channelLimits } from '../../../../electron/model/channels';
import type { DraftSummary } from '../../../../electron/model/draft-record';
import { channelIds, type Campaign, type ChannelId, type ChannelTarget, type PostContent, type User } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { checkPolicy, type Policy } from '../../../../electron/model/policy';
import { validatePost, type Issue, type MediaFacts } from '../../../../electron/model/post-validate';
import { zonedToUtc } from '../../../../electron/model/schedule';
import { call, errorText } from '../../api/client';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextInput } from '../../ui/TextInput';
import { highlight, localWhen, parseTags } from './queueLogic';

/** Media checks need facts about the draft; without them only the text checks run (unknown facts are not guessed). */
const MEDIA_FIELDS = new Set<Issue['field']>(['duration', 'aspect', 'size', 'fps', 'resolution', 'media']);

type Props = {
  post: PostRecordShape | null;
  actor: User;
  drafts: DraftSummary[];
  campaigns: Campaign[];
  zone: string;
  onClose: () => void;
  onSaved: (post: PostRecordShape) => void;
};

/** New post from a draft, or an edit of one: content, channels, time and campaign, checked live per channel and against the policy. */
export function Composer({ post, actor, drafts, campaigns, zone, onClose, onSaved }: Props) {
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
  const [channels, setChannels] = useState<ChannelId[]>(post?.targets.map((tg) => tg.channel) ?? ['tiktok']);
  const [date, setDate] = useState(when?.date ?? '');
  const [time, setTime] = useState(when?.time ?? '');
  const [campaignId, setCampaignId] = useState(post?.campaignId ?? '');
  const [factsOf, setFactsOf] = useState<{ draftId: string; facts: MediaFacts } | null>(null);
  const facts = factsOf && factsOf.draftId === draftId ? factsOf.facts : null;
  const [policy, setPolicy] = useState<Policy | null>(null);
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
  useEffect(() => {
    let live = true;
    if (!draftId) return;
    const summary = drafts.find((d) => d.id === draftId);
    call('drafts.get', { id: draftId })
      .then((rec) => {
        if (!live) return;
        const c = rec.doc.canvas;
        setFactsOf({ draftId, facts: { kind: rec.doc.kind, durationSec: summary?.durationSec ?? 0, width: c.width, height: c.height, fps: c.fps, sizeBytes: null } });
      })
      .catch(() => live && setFactsOf(null));
    return () => {
      live = false;
    };
  }, [draftId, drafts]);

  const content: PostContent = useMemo(
    () => ({ caption, hashtags: parseTags(hashtags, '#'), mentions: parseTags(mentions, '@'), firstComment, link: link.trim() || null }),
    [caption, hashtags, mentions, firstComment, link],
  );
  const targets: ChannelTarget[] = channels.map((channel) => ({ channel, overrides: post?.targets.find((tg) => tg.channel === channel)?.overrides ?? {} }));
  const issues = useMemo(() => {
    const probe = { content, targets, title: title || 'untitled' };
    const f: MediaFacts = facts ?? { kind: 'video', durationSec: 0, width: 0, height: 0, fps: 0, sizeBytes: null };
    return channels.map((ch) => ({ channel: ch, issues: validatePost(probe, f, ch).filter((i) => facts !== null || !MEDIA_FIELDS.has(i.field)) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- targets is derived from channels
  }, [content, channels, facts, title]);
  const violations = useMemo(() => (policy ? checkPolicy(policy, content, { sponsored, assetLicences: [], now: new Date() }) : []), [policy, content, sponsored]);
  const captionSpans = violations.flatMap((v) => v.spans.filter((s) => s.field === 'caption'));

  let scheduledAt: string | null = null;
  let timeError: string | null = null;
  if (date && time) {
    try {
      scheduledAt = zonedToUtc(date, time, zone).utc;
    } catch (e) {
      timeError = errorText(e);
    }
  } else if (date || time) timeError = t('queue.composer.timeBoth');

  const toggle = (ch: ChannelId) => setChannels((cs) => (cs.includes(ch) ? cs.filter((c) => c !== ch) : [...cs, ch]));

  const save = async () => {
    setBusy(true);
    try {
      const base = post ?? (await call('posts.create', { draftId, actorId: actor.id, title: title.trim() || undefined, targets, timeZone: zone, campaignId: campaignId || null }));
      const saved = await call('posts.update', {
        id: base.id,
        actorId: actor.id,
        ...(post && draftId !== post.draftId ? { draftId: draftId || null } : {}),
        ...(title.trim() ? { title: title.trim() } : {}),
        content,
        targets,
        sponsored,
        campaignId: campaignId || null,
        scheduledAt,
        timeZone: zone,
      });
      onSaved(saved);
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const canSave = !busy && channels.length > 0 && (post !== null || draftId !== '') && timeError === null;

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
          <label className="field">
            <span className="field__label">{t('queue.composer.draft')}</span>
            <select className="select" value={draftId} onChange={(e) => setDraftId(e.target.value)} data-testid="composer-draft">
              {post?.draftId === null && <option value="">{t('queue.composer.noDraft')}</option>}
              {drafts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <TextInput label={t('queue.composer.title')} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="composer-title" />
          <label className="field">
            <span className="field__label">{t('queue.composer.caption')}</span>
            <textarea className="textarea" value={caption} onChange={(e) => setCaption(e.target.value)} data-testid="composer-caption" />
          </label>
          {captionSpans.length > 0 && (
            <p className="composer__highlight" data-testid="caption-highlight">
              {highlight(caption, captionSpans).map((s, i) => (s.marked ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
            </p>
          )}
          <div className="composer__grid">
            <TextInput label={t('queue.composer.hashtags')} value={hashtags} onChange={(e) => setHashtags(e.target.value)} placeholder="#launch #spring" data-testid="composer-hashtags" />
            <TextInput label={t('queue.composer.mentions')} value={mentions} onChange={(e) => setMentions(e.target.value)} placeholder="@handle" data-testid="composer-mentions" />
          </div>
          <TextInput label={t('queue.composer.firstComment')} value={firstComment} onChange={(e) => setFirstComment(e.target.value)} data-testid="composer-first-comment" />
          <TextInput label={t('queue.composer.link')} value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://" data-testid="composer-link" />
          <label className="composer__check">
            <input type="checkbox" checked={sponsored} onChange={(e) => setSponsored(e.target.checked)} data-testid="composer-sponsored" />
            {t('queue.composer.sponsored')}
          </label>
          <fieldset className="composer__channels">
            <legend className="field__label">{t('queue.composer.channels')}</legend>
            {channelIds.map((ch) => (
              <label key={ch} className="composer__check">
                <input type="checkbox" checked={channels.includes(ch)} onChange={() => toggle(ch)} data-testid={`composer-channel-${ch}`} />
                {channelLimits[ch].label}
              </label>
            ))}
          </fieldset>
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
              <span className="channel-chip">{channelLimits[channel].label}</span>
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
            </div>
          ))}
          {!facts && <p className="field__hint">{t('queue.composer.noFacts')}</p>}
          <div className="check-block" data-testid="policy-check" data-violations={violations.length}>
            <span className="channel-chip">{t('queue.composer.policy')}</span>
            {violations.length === 0 ? (
              <span className="check-ok">{t('queue.composer.ok')}</span>
            ) : (
              <ul className="issue-list">
                {violations.map((v, n) => (
                  <li key={n} className="issue issue--error" data-testid="policy-violation">
                    {v.message} <span className="issue__fix">{v.fix}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </div>
    </Dialog>
  );
}
