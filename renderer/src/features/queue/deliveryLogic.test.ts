import { describe, expect, it } from 'vitest';
import { channelTone, exportAction, formatLate, needsSettings, showsDelivery } from './deliveryLogic';

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
    expect(needsSettings('No delivery folder or webhook is set up yet, so Postframe cannot deliver this post to TikTok. Set one up in Settings → Delivery.')).toBe(true);
    expect(needsSettings('Its draft was deleted.')).toBe(false);
  });
});
