import { useState } from 'react';
import type { Campaign, User } from '../../../../electron/model/post';
import { call, errorText } from '../../api/client';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextInput } from '../../ui/TextInput';

/** Colours that stay readable on the dark and light themes; any other can be picked with the colour well. */
export const CAMPAIGN_SWATCHES = ['#2fd2dc', '#7c5cff', '#ff6b9a', '#ffb020', '#3ddc97', '#4f8cff', '#ff7a45', '#a3a8b8'] as const;

type Props = { campaign: Campaign | null; actor: User; existing: number; onClose: () => void; onSaved: (c: Campaign) => void };

/** Create or edit a campaign: name, colour, dates and goal. Anyone on the team may; each change is audited. */
export function CampaignDialog({ campaign, actor, existing, onClose, onSaved }: Props) {
  const showToast = useStore((s) => s.showToast);
  const [name, setName] = useState(campaign?.name ?? '');
  const [color, setColor] = useState<string>(campaign?.color ?? CAMPAIGN_SWATCHES[existing % CAMPAIGN_SWATCHES.length]!);
  const [startDate, setStartDate] = useState(campaign?.startDate ?? '');
  const [endDate, setEndDate] = useState(campaign?.endDate ?? '');
  const [goal, setGoal] = useState(campaign?.goal ?? '');
  const [busy, setBusy] = useState(false);
  const rangeError = startDate && endDate && endDate < startDate ? t('queue.campaign.endBeforeStart') : null;

  const save = async () => {
    setBusy(true);
    const body = { actorId: actor.id, name: name.trim(), color, startDate: startDate || null, endDate: endDate || null, goal: goal.trim() };
    try {
      onSaved(campaign ? await call('campaigns.update', { ...body, id: campaign.id }) : await call('campaigns.create', body));
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      title={campaign ? t('queue.campaign.editTitle') : t('queue.campaign.newTitle')}
      onClose={onClose}
      testId="campaign-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button variant="primary" disabled={busy || name.trim() === '' || rangeError !== null} onClick={() => void save()} data-testid="campaign-save">
            {t('queue.campaign.save')}
          </Button>
        </>
      }
    >
      <div className="campaign-form">
        <TextInput label={t('queue.campaign.name')} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} placeholder={t('queue.campaign.namePlaceholder')} data-testid="campaign-name" />
        <fieldset className="campaign-form__colors">
          <legend className="field__label">{t('queue.campaign.color')}</legend>
          {CAMPAIGN_SWATCHES.map((c) => (
            <button
              key={c}
              type="button"
              className={`swatch${color.toLowerCase() === c ? ' swatch--on' : ''}`}
              style={{ background: c }}
              aria-label={c}
              aria-pressed={color.toLowerCase() === c}
              onClick={() => setColor(c)}
              data-testid="campaign-swatch"
            />
          ))}
          <input type="color" className="swatch swatch--custom" value={color} onChange={(e) => setColor(e.target.value)} aria-label={t('queue.campaign.customColor')} data-testid="campaign-color" />
        </fieldset>
        <div className="composer__grid">
          <TextInput label={t('queue.campaign.start')} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} data-testid="campaign-start" />
          <TextInput label={t('queue.campaign.end')} type="date" value={endDate} min={startDate || undefined} onChange={(e) => setEndDate(e.target.value)} error={rangeError} data-testid="campaign-end" />
        </div>
        <label className="field">
          <span className="field__label">{t('queue.campaign.goal')}</span>
          <textarea className="textarea" rows={2} maxLength={500} value={goal} onChange={(e) => setGoal(e.target.value)} placeholder={t('queue.campaign.goalPlaceholder')} data-testid="campaign-goal" />
        </label>
      </div>
    </Dialog>
  );
}

/** "1 Mar – 31 Mar 2026", "from 1 Dec 2026", or null without dates: a campaign's range as people read it. */
export function campaignRange(c: Campaign, locale: string): string | null {
  const fmt = (d: string) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  if (c.startDate && c.endDate) return `${fmt(c.startDate)} – ${fmt(c.endDate)}`;
  if (c.startDate) return t('queue.campaign.from', { date: fmt(c.startDate) });
  if (c.endDate) return t('queue.campaign.until', { date: fmt(c.endDate) });
  return null;
}
