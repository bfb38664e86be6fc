import { describe, expect, it } from 'vitest';
import { SET_UP_DELIVERY } from '../../../../electron/model/delivery-status';
import { channelTone, exportAction, formatLate, problemAdvice, showsDelivery } from './deliveryLogic';

describe('delivery display', () => {
  it('says how late in the units that matter', () => {
    expect([formatLate(0), formatLate(59.9), formatLate(60), formatLate(125), formatLate(47 * 60 + 59), formatLate(48 * 60), formatLate(76 * 60)]).toEqual([
      '0 min', '59 min', '1 h', '2 h 5 min', '47 h 59 min', '2 d', '3 d 4 h',
    ]);
  });

  it('gives each delivery state a tone; unknown is a warning, never an error or a success', () => {
    expect([null, 'pending', 'sending', 'delivered', 'retry', 'unknown', 'failed'].map((s) => channelTone(s as never))).toEqual([
      'muted', 'busy', 'busy', 'ok', 'warn', 'warn', 'error',
    ]);
  });

  it('offers Export now before the post is under way, Export again after it failed, nothing while busy', () => {
    expect(exportAction('approved', false)).toBe('export');
    expect(exportAction('scheduled', false)).toBe('export');
    expect(exportAction('failed', false)).toBe('again');
    expect(exportAction('scheduled', true)).toBeNull();
    for (const s of ['draft', 'in_review', 'rendering', 'ready', 'exported'] as const) expect(exportAction(s, false)).toBeNull();
  });

  it('shows the section from approval on, and points to Settings when no connector is set', () => {
    expect(showsDelivery({ state: 'in_review', busy: false })).toBe(false);
    expect(showsDelivery({ state: 'approved', busy: false })).toBe(true);
  });

  it('sends an admin to Settings → Delivery, and tells anyone else to ask an admin (only admins may change it)', () => {
    const none = `No delivery folder or webhook is set up yet, so Postframe cannot deliver this post to TikTok. ${SET_UP_DELIVERY}`;
    const ask = 'Ask an admin to set up delivery in Settings → Delivery.';
    expect(problemAdvice(none, 'admin', ask)).toEqual({ text: none, openSettings: true });
    for (const role of ['creator', 'approver'] as const) {
      expect(problemAdvice(none, role, ask), role).toEqual({
        text: 'No delivery folder or webhook is set up yet, so Postframe cannot deliver this post to TikTok. Ask an admin to set up delivery in Settings → Delivery.',
        openSettings: false,
      });
    }
    expect(problemAdvice('Its draft was deleted. Attach another draft to the post.', 'creator', ask)).toEqual({ text: 'Its draft was deleted. Attach another draft to the post.', openSettings: false });
    expect(problemAdvice(null, 'admin', ask)).toEqual({ text: null, openSettings: false });
  });
});
