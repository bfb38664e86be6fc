import type { ChannelDelivery, PostDeliveryStatus } from '../../../../electron/model/delivery-status';
import { SET_UP_DELIVERY } from '../../../../electron/model/delivery-status';
import { can } from '../../../../electron/model/permissions';
import type { PostState, Role } from '../../../../electron/model/post';

/**
 * Pure helpers of the post's Delivery section: how late, what each channel's row says, which actions apply.
 * Kept out of React so they are unit-tested.
 */

/** "45 min", "2 h 5 min", "3 d 4 h": how long ago a post was due, in the largest units that matter. */
export function formatLate(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

export type ChannelTone = 'muted' | 'busy' | 'ok' | 'warn' | 'error';

/** The state word's tone for a channel's delivery. */
export function channelTone(state: ChannelDelivery['state']): ChannelTone {
  switch (state) {
    case 'delivered':
      return 'ok';
    case 'pending':
    case 'sending':
      return 'busy';
    case 'retry':
    case 'unknown':
      return 'warn';
    case 'failed':
      return 'error';
    default:
      return 'muted';
  }
}

/** Export now is offered to approved and scheduled posts (Export again to failed ones) that are not under way. */
export function exportAction(state: PostState, busy: boolean): 'export' | 'again' | null {
  if (busy) return null;
  if (state === 'approved' || state === 'scheduled') return 'export';
  if (state === 'failed') return 'again';
  return null;
}

/** Whether the Delivery section has anything to say for this post (before approval it has not). */
export function showsDelivery(status: Pick<PostDeliveryStatus, 'state' | 'busy'>): boolean {
  return status.busy || !['draft', 'in_review', 'changes_requested'].includes(status.state);
}

/**
 * A post's problem as this person should read it. One fixed in Settings → Delivery (no connector for a channel)
 * offers Open Settings to an admin; anyone else cannot change those settings, so they are told to ask an admin
 * (`askAdmin`) and get no button.
 */
export function problemAdvice(problem: string | null, role: Role, askAdmin: string): { text: string | null; openSettings: boolean } {
  if (problem === null || !problem.endsWith(SET_UP_DELIVERY)) return { text: problem, openSettings: false };
  if (can(role, 'delivery.settings')) return { text: problem, openSettings: true };
  return { text: `${problem.slice(0, -SET_UP_DELIVERY.length).trimEnd()} ${askAdmin}`, openSettings: false };
}
