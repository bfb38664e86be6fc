import { channelLimits } from '../../../../electron/model/channels';
import type { ChannelId, Role } from '../../../../electron/model/post';
import { getLocale, t } from '../../i18n';
import { expiresIn, inviteRole } from './inviteLogic';

/** "an Approver for TikTok and Instagram Reels", "a Creator": the role an invite link makes, in words. */
export function inviteRoleText(role: Role, channels: readonly ChannelId[] | null): string {
  const r = inviteRole(role, channels);
  if (r.kind !== 'approverFor') return t(`invite.as.${r.kind}`);
  const list = new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format(r.channels.map((c) => channelLimits[c].label));
  return t('invite.as.approverFor', { channels: list });
}

/** "in 6 days" in the reader's language, or "expired" once past. */
export function expiresInText(expiresAt: string, nowMs: number): string {
  const left = expiresIn(expiresAt, nowMs);
  return left ? new Intl.RelativeTimeFormat(getLocale(), { numeric: 'always' }).format(left.value, left.unit) : t('invite.expired');
}
