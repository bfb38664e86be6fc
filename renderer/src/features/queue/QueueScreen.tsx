import { useMemo, useState } from 'react';
import { channelLimits } from '../../../../electron/model/channels';
import type { Campaign, Role, User } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { call, errorText } from '../../api/client';
import { t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { PlusIcon } from '../../ui/icons';
import { TextInput } from '../../ui/TextInput';
import { Composer } from './Composer';
import { LatePostsBanner } from './LatePosts';
import { MonthView } from './MonthView';
import { PostPanel } from './PostPanel';
import { browserZone, groupPosts, localWhen, type QueueGroup } from './queueLogic';
import { useQueueData } from './useQueueData';
import './queue.css';

const GROUP_LABEL: Record<QueueGroup, MessageKey> = {
  in_review: 'queue.group.in_review',
  approved: 'queue.group.approved',
  scheduled: 'queue.group.scheduled',
  exported: 'queue.group.exported',
  failed: 'queue.group.failed',
  drafts: 'queue.group.drafts',
};

export function StateBadge({ state }: { state: PostRecordShape['state'] }) {
  return (
    <span className={`state-badge state-badge--${state}`} data-testid="post-state" data-state={state}>
      {t(`queue.state.${state}` as MessageKey)}
    </span>
  );
}

export function CampaignDot({ campaign }: { campaign: Campaign | undefined }) {
  if (!campaign) return <span className="campaign-dot campaign-dot--none" aria-hidden="true" />;
  return <span className="campaign-dot" style={{ background: campaign.color }} title={campaign.name} aria-label={campaign.name} />;
}

/** The Queue room: posts by state or on a month calendar, the composer, and the workflow actions of the chosen profile. */
export function QueueScreen() {
  const data = useQueueData();
  const showToast = useStore((s) => s.showToast);
  const zone = useMemo(() => browserZone(), []);
  const [view, setView] = useState<'list' | 'month'>('list');
  const [campaignId, setCampaignId] = useState<string>('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [composer, setComposer] = useState<{ post: PostRecordShape | null } | null>(null);
  const [addingUser, setAddingUser] = useState(false);

  const campaignById = useMemo(() => new Map(data.campaigns.map((c) => [c.id, c])), [data.campaigns]);
  const shown = useMemo(() => (campaignId ? data.posts.filter((p) => p.campaignId === campaignId) : data.posts), [data.posts, campaignId]);
  const groups = useMemo(() => groupPosts(shown), [shown]);
  const selected = data.posts.find((p) => p.id === selectedId) ?? null;
  const actor = data.actor;

  const downloadIcs = async () => {
    try {
      const { text } = await call('queue.ics', { campaignId: campaignId || null });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'postframe-queue.ics';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    }
  };

  return (
    <section className="library queue" data-testid="queue-screen">
      <header className="toolbar">
        <h1 className="queue__title">{t('queue.title')}</h1>
        <div className="segmented view-switch" role="radiogroup" aria-label={t('queue.viewLabel')}>
          {(['list', 'month'] as const).map((v) => (
            <button key={v} type="button" role="radio" aria-checked={view === v} className="segmented__item" onClick={() => setView(v)} data-testid={`queue-view-${v}`}>
              {v === 'list' ? t('queue.viewList') : t('queue.viewMonth')}
            </button>
          ))}
        </div>
        <select className="select" aria-label={t('queue.campaignFilter')} value={campaignId} onChange={(e) => setCampaignId(e.target.value)} data-testid="campaign-filter">
          <option value="">{t('queue.allCampaigns')}</option>
          {data.campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <div className="toolbar__spacer" />
        <Button onClick={() => void downloadIcs()} data-testid="ics-download">
          {t('queue.downloadIcs')}
        </Button>
        <ProfileSwitcher users={data.users} actor={actor} onChange={data.setActorId} onAdd={() => setAddingUser(true)} />
        <Button variant="primary" icon={<PlusIcon size={18} />} onClick={() => setComposer({ post: null })} disabled={!actor} data-testid="new-post">
          {t('queue.newPost')}
        </Button>
      </header>
      <div className="queue__body">
        <div className="queue__main">
          {data.error && (
            <div className="banner banner--error banner--inline" role="alert">
              <span>{data.error}</span>
              <Button size="sm" onClick={() => void data.reload()}>
                {t('drafts.retry')}
              </Button>
            </div>
          )}
          <LatePostsBanner actor={actor} onOpen={setSelectedId} />
          {view === 'month' ? (
            <MonthView posts={shown} zone={zone} campaignById={campaignById} actor={actor} selectedId={selectedId} onSelect={setSelectedId} />
          ) : data.loaded && groups.length === 0 ? (
            <div className="empty" data-testid="queue-empty">
              <h2 className="empty__title">{t('queue.emptyTitle')}</h2>
              <p className="empty__body">{data.drafts.length > 0 ? t('queue.emptyBody') : t('queue.emptyNoDrafts')}</p>
              <Button variant="primary" icon={<PlusIcon size={18} />} onClick={() => setComposer({ post: null })} disabled={!actor || data.drafts.length === 0}>
                {t('queue.emptyAction')}
              </Button>
            </div>
          ) : (
            <div className="queue-list" data-testid="queue-list">
              {groups.map((g) => (
                <section key={g.group} className="queue-group" data-testid="queue-group" data-group={g.group}>
                  <h2 className="queue-group__title">
                    {t(GROUP_LABEL[g.group])} <span className="queue-group__count">{g.posts.length}</span>
                  </h2>
                  <ul className="queue-group__rows">
                    {g.posts.map((p) => {
                      const when = localWhen(p.scheduledAt, zone);
                      return (
                        <li key={p.id}>
                          <button
                            type="button"
                            className={`post-row${p.id === selectedId ? ' post-row--selected' : ''}`}
                            onClick={() => setSelectedId(p.id)}
                            data-testid="post-row"
                            data-post-id={p.id}
                            data-title={p.title}
                            data-state={p.state}
                          >
                            <CampaignDot campaign={p.campaignId ? campaignById.get(p.campaignId) : undefined} />
                            <span className="post-row__title">{p.title}</span>
                            <span className="post-row__channels">
                              {p.targets.map((tg) => (
                                <span key={tg.channel} className="channel-chip">
                                  {channelLimits[tg.channel].label}
                                </span>
                              ))}
                            </span>
                            <span className="post-row__when">{when ? `${when.date} ${when.time}` : t('queue.unscheduled')}</span>
                            <StateBadge state={p.state} />
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              ))}
            </div>
          )}
        </div>
        {selected && actor && (
          <PostPanel
            post={selected}
            actor={actor}
            users={data.users}
            zone={zone}
            campaign={selected.campaignId ? campaignById.get(selected.campaignId) : undefined}
            onEdit={() => setComposer({ post: selected })}
            onClose={() => setSelectedId(null)}
          />
        )}
      </div>
      {composer && actor && (
        <Composer
          post={composer.post}
          actor={actor}
          drafts={data.drafts}
          campaigns={data.campaigns}
          zone={zone}
          onClose={() => setComposer(null)}
          onSaved={(p) => {
            setComposer(null);
            setSelectedId(p.id);
            void data.reload();
          }}
        />
      )}
      {addingUser && actor && <AddUserDialog actor={actor} onClose={() => setAddingUser(false)} onAdded={() => void data.reload()} />}
    </section>
  );
}

function ProfileSwitcher({ users, actor, onChange, onAdd }: { users: User[]; actor: User | null; onChange: (id: string) => void; onAdd: () => void }) {
  return (
    <div className="profile" data-testid="profile-switcher">
      <select className="select" aria-label={t('queue.profile')} value={actor?.id ?? ''} onChange={(e) => onChange(e.target.value)} data-testid="profile-select">
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      {actor && (
        <span className="role-badge" data-testid="profile-role" data-role={actor.role}>
          {t(`queue.role.${actor.role}` as MessageKey)}
        </span>
      )}
      {actor?.role === 'admin' && (
        <Button size="sm" variant="ghost" onClick={onAdd} data-testid="add-user">
          {t('queue.addUser')}
        </Button>
      )}
    </div>
  );
}

function AddUserDialog({ actor, onClose, onAdded }: { actor: User; onClose: () => void; onAdded: () => void }) {
  const showToast = useStore((s) => s.showToast);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('creator');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await call('users.create', { actorId: actor.id, name: name.trim(), role });
      onAdded();
      onClose();
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      title={t('queue.addUserTitle')}
      onClose={onClose}
      testId="add-user-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button variant="primary" disabled={busy || name.trim() === ''} onClick={() => void submit()} data-testid="add-user-save">
            {t('queue.addUserSave')}
          </Button>
        </>
      }
    >
      <div className="composer__grid">
        <TextInput label={t('queue.userName')} value={name} onChange={(e) => setName(e.target.value)} data-testid="add-user-name" />
        <label className="field">
          <span className="field__label">{t('queue.userRole')}</span>
          <select className="select" value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="add-user-role">
            {(['creator', 'approver', 'admin'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`queue.role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </Dialog>
  );
}
