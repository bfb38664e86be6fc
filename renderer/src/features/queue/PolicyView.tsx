import { useCallback, useEffect, useMemo, useState } from 'react';
import { channelLimits } from '../../../../electron/model/channels';
import { can } from '../../../../electron/model/permissions';
import { channelIds, type ChannelId, type User } from '../../../../electron/model/post';
import { Policy } from '../../../../electron/model/policy';
import { ApprovalRule } from '../../../../electron/model/workflow';
import { call, errorText } from '../../api/client';
import { t, tn, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { parseTags } from './queueLogic';

/** One channel's approval rule as the form edits it; `custom: false` = the default (one approval from anyone who can approve). */
type RuleForm = { custom: boolean; approvers: number; mode: 'any' | 'all'; approverIds: string[] };
type Form = {
  banned: string;
  disclosureOn: boolean;
  disclosureTags: string;
  capOn: boolean;
  cap: string;
  domains: string;
  blockLicences: boolean;
  /** Channels whose posts must carry the brand watermark, in channel-table order. */
  watermark: ChannelId[];
  rules: Record<ChannelId, RuleForm>;
};

const lines = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

function toForm(policy: Policy, rules: ApprovalRule[]): Form {
  const byChannel = Object.fromEntries(
    channelIds.map((ch) => {
      const r = rules.find((x) => x.channel === ch);
      return [ch, r ? { custom: true, approvers: r.approvers, mode: r.mode, approverIds: r.approverIds ?? [] } : { custom: false, approvers: 1, mode: 'any', approverIds: [] }];
    }),
  ) as Record<ChannelId, RuleForm>;
  return {
    banned: policy.bannedPhrases.join('\n'),
    disclosureOn: policy.requireDisclosure.enabled,
    disclosureTags: policy.requireDisclosure.tags.map((x) => `#${x.replace(/^#/, '')}`).join(' '),
    capOn: policy.hashtagCap !== null,
    cap: policy.hashtagCap === null ? '5' : String(policy.hashtagCap),
    domains: policy.allowedLinkDomains.join('\n'),
    blockLicences: policy.blockExpiredLicences,
    watermark: channelIds.filter((ch) => policy.requireWatermark.includes(ch)),
    rules: byChannel,
  };
}

type Parsed = { policy: Policy | null; policyErrors: Map<string, string>; rules: ApprovalRule[]; ruleErrors: Map<ChannelId, string> };

/** The form as the engine's schemas see it, with each problem keyed to the field that has it. */
export function parseForm(f: Form): Parsed {
  const raw = {
    bannedPhrases: lines(f.banned),
    requireDisclosure: { enabled: f.disclosureOn, tags: parseTags(f.disclosureTags, '#') },
    hashtagCap: f.capOn ? Number(f.cap) : null,
    allowedLinkDomains: lines(f.domains),
    blockExpiredLicences: f.blockLicences,
    requireWatermark: f.watermark,
  };
  const p = Policy.safeParse(raw);
  const policyErrors = new Map<string, string>();
  if (!p.success) for (const issue of p.error.issues) if (!policyErrors.has(String(issue.path[0]))) policyErrors.set(String(issue.path[0]), issue.message);
  const rules: ApprovalRule[] = [];
  const ruleErrors = new Map<ChannelId, string>();
  for (const ch of channelIds) {
    const r = f.rules[ch];
    if (!r.custom) continue;
    const named = r.approverIds.length > 0 ? r.approverIds : undefined;
    const parsed = ApprovalRule.safeParse({ channel: ch, approvers: r.mode === 'all' ? Math.max(1, r.approverIds.length) : r.approvers, mode: r.mode, approverIds: named });
    if (parsed.success) rules.push(parsed.data);
    else ruleErrors.set(ch, parsed.error.issues[0]!.message);
  }
  return { policy: p.success ? p.data : null, policyErrors, rules, ruleErrors };
}

/**
 * The compliance policy and the approval rules per channel. Admins edit and save them (each save is one
 * audited 'policy_edit'); everyone else sees them read-only, so a creator knows what will be checked.
 */
export function PolicyView({ actor, users }: { actor: User; users: User[] }) {
  const showToast = useStore((s) => s.showToast);
  const [saved, setSaved] = useState<Form | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canEdit = can(actor.role, 'policy.edit');
  const approvers = users.filter((u) => u.role === 'approver' || u.role === 'admin');

  const load = useCallback(
    () =>
      call('policy.get', {}).then(
        (r) => {
          const f = toForm(r.policy, r.approvals);
          setSaved(f);
          setForm(f);
          setError(null);
        },
        (e: unknown) => setError(errorText(e)),
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const parsed = useMemo(() => (form ? parseForm(form) : null), [form]);
  if (error) return <p className="banner banner--error banner--inline" role="alert">{error}</p>;
  if (!form || !parsed) return null;

  const dirty = JSON.stringify(form) !== JSON.stringify(saved);
  const valid = parsed.policy !== null && parsed.ruleErrors.size === 0;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const setRule = (ch: ChannelId, patch: Partial<RuleForm>) => setForm({ ...form, rules: { ...form.rules, [ch]: { ...form.rules[ch], ...patch } } });
  const err = (key: string) => parsed.policyErrors.get(key);

  const save = async () => {
    if (!parsed.policy) return;
    setBusy(true);
    try {
      const r = await call('policy.set', { policy: parsed.policy, approvals: parsed.rules });
      const f = toForm(r.policy, r.approvals);
      setSaved(f);
      setForm(f);
      showToast({ message: t('policy.saved') });
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="policy" data-testid="policy-view" data-editable={canEdit}>
      <header className="policy__header">
        <div>
          <h2 className="policy__title">{t('policy.title')}</h2>
          <p className="field__hint">{t('policy.intro')}</p>
        </div>
        {canEdit && (
          <div className="policy__save">
            {dirty && (
              <Button variant="ghost" onClick={() => setForm(saved)} data-testid="policy-revert">
                {t('policy.revert')}
              </Button>
            )}
            <Button variant="primary" disabled={!dirty || !valid || busy} onClick={() => void save()} data-testid="policy-save">
              {t('policy.save')}
            </Button>
          </div>
        )}
      </header>
      {!canEdit && (
        <p className="banner banner--inline policy__readonly" data-testid="policy-readonly">
          {t('policy.readOnly', { name: actor.name, role: t(`queue.role.${actor.role}` as MessageKey) })}
        </p>
      )}
      <fieldset className="policy__columns" disabled={!canEdit}>
        <section className="policy__card" aria-labelledby="policy-compliance">
          <h3 id="policy-compliance" className="queue-group__title">
            {t('policy.compliance')}
          </h3>
          <label className="field">
            <span className="field__label">{t('policy.banned')}</span>
            <textarea className="textarea" rows={4} value={form.banned} onChange={(e) => set({ banned: e.target.value })} placeholder={t('policy.bannedPlaceholder')} data-testid="policy-banned" />
            <FieldNote error={err('bannedPhrases')} hint={t('policy.bannedHint')} />
          </label>
          <label className="composer__check">
            <input type="checkbox" checked={form.disclosureOn} onChange={(e) => set({ disclosureOn: e.target.checked })} data-testid="policy-disclosure-on" />
            {t('policy.disclosure')}
          </label>
          <label className="field policy__indent">
            <span className="field__label">{t('policy.disclosureTags')}</span>
            <span className="input">
              <input value={form.disclosureTags} disabled={!form.disclosureOn || !canEdit} onChange={(e) => set({ disclosureTags: e.target.value })} placeholder="#ad #sponsored" data-testid="policy-disclosure-tags" />
            </span>
            <FieldNote error={err('requireDisclosure')} hint={t('policy.disclosureHint')} />
          </label>
          <div className="policy__inline">
            <label className="composer__check">
              <input type="checkbox" checked={form.capOn} onChange={(e) => set({ capOn: e.target.checked })} data-testid="policy-cap-on" />
              {t('policy.cap')}
            </label>
            <span className="input policy__number">
              <input type="number" min={0} max={100} value={form.cap} disabled={!form.capOn || !canEdit} onChange={(e) => set({ cap: e.target.value })} aria-label={t('policy.capLabel')} data-testid="policy-cap" />
            </span>
          </div>
          <FieldNote error={err('hashtagCap')} hint={t('policy.capHint')} />
          <label className="field">
            <span className="field__label">{t('policy.domains')}</span>
            <textarea className="textarea" rows={3} value={form.domains} onChange={(e) => set({ domains: e.target.value })} placeholder="example.com" data-testid="policy-domains" />
            <FieldNote error={err('allowedLinkDomains')} hint={t('policy.domainsHint')} />
          </label>
          <label className="composer__check">
            <input type="checkbox" checked={form.blockLicences} onChange={(e) => set({ blockLicences: e.target.checked })} data-testid="policy-licences" />
            {t('policy.licences')}
          </label>
          <p className="field__hint policy__indent">{t('policy.licencesHint')}</p>
          <fieldset className="policy__channels" data-testid="policy-watermark">
            <legend className="field__label">{t('policy.watermark')}</legend>
            {channelIds.map((ch) => (
              <label key={ch} className="composer__check">
                <input
                  type="checkbox"
                  checked={form.watermark.includes(ch)}
                  onChange={(e) => set({ watermark: channelIds.filter((c) => (c === ch ? e.target.checked : form.watermark.includes(c))) })}
                  data-testid="policy-watermark-channel"
                  data-channel={ch}
                />
                {channelLimits[ch].label}
              </label>
            ))}
            <FieldNote error={err('requireWatermark')} hint={t('policy.watermarkHint')} />
          </fieldset>
        </section>
        <section className="policy__card" aria-labelledby="policy-approvals">
          <h3 id="policy-approvals" className="queue-group__title">
            {t('policy.approvals')}
          </h3>
          <p className="field__hint">{t('policy.approvalsHint')}</p>
          <ul className="rule-list">
            {channelIds.map((ch) => {
              const r = form.rules[ch];
              const problem = parsed.ruleErrors.get(ch);
              return (
                <li key={ch} className="rule" data-testid="rule-row" data-channel={ch}>
                  <div className="rule__head">
                    <span className="rule__channel">{channelLimits[ch].label}</span>
                    <select className="select" value={r.custom ? 'custom' : 'default'} onChange={(e) => setRule(ch, { custom: e.target.value === 'custom' })} aria-label={t('policy.ruleFor', { channel: channelLimits[ch].label })} data-testid="rule-kind">
                      <option value="default">{t('policy.ruleDefault')}</option>
                      <option value="custom">{t('policy.ruleCustom')}</option>
                    </select>
                  </div>
                  {r.custom && (
                    <div className="rule__body">
                      <select className="select" value={r.mode} onChange={(e) => setRule(ch, { mode: e.target.value as 'any' | 'all' })} aria-label={t('policy.mode')} data-testid="rule-mode">
                        <option value="any">{t('policy.modeAny')}</option>
                        <option value="all">{t('policy.modeAll')}</option>
                      </select>
                      {r.mode === 'any' && (
                        <select className="select" value={r.approvers} onChange={(e) => setRule(ch, { approvers: Number(e.target.value) })} aria-label={t('policy.count')} data-testid="rule-count">
                          {[1, 2, 3].map((n) => (
                            <option key={n} value={n}>
                              {tn('policy.count', n)}
                            </option>
                          ))}
                        </select>
                      )}
                      <div className="rule__people" role="group" aria-label={r.mode === 'all' ? t('policy.peopleAll') : t('policy.peopleAny')}>
                        <span className="field__label">{r.mode === 'all' ? t('policy.peopleAll') : t('policy.peopleAny')}</span>
                        {approvers.map((u) => (
                          <label key={u.id} className="composer__check">
                            <input
                              type="checkbox"
                              checked={r.approverIds.includes(u.id)}
                              onChange={(e) => setRule(ch, { approverIds: e.target.checked ? [...r.approverIds, u.id] : r.approverIds.filter((id) => id !== u.id) })}
                              data-testid="rule-person"
                              data-user={u.name}
                            />
                            {u.name}
                          </label>
                        ))}
                      </div>
                      {problem && (
                        <p className="field__error" role="alert" data-testid="rule-error">
                          {problem}
                        </p>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      </fieldset>
    </div>
  );
}

function FieldNote({ error, hint }: { error: string | undefined; hint: string }) {
  return error ? (
    <span className="field__error" role="alert">
      {error}
    </span>
  ) : (
    <span className="field__hint">{hint}</span>
  );
}
