import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TemplateSummary } from '../../../../electron/model/template-fill';
import { canDeleteTemplate, fillsToSend, groupTemplates } from './templateList';

const tpl = (name: string, over: Partial<TemplateSummary> = {}): TemplateSummary => ({
  id: name,
  name,
  kind: 'image',
  preset: '4:5',
  durationSec: 0,
  revision: 1,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  trashedAt: null,
  author: null,
  starter: null,
  placeholders: [],
  ...over,
});

describe('groupTemplates', () => {
  const list = [tpl('Quote card', { starter: 'quote-card' }), tpl('Café menu', { author: 'u1' }), tpl('Announcement', { starter: 'announcement' }), tpl('Weekly tips', { author: 'u2' })];

  it('splits starters from the team’s templates, each by name', () => {
    const g = groupTemplates(list, '');
    expect(g.starters.map((x) => x.name)).toEqual(['Announcement', 'Quote card']);
    expect(g.ours.map((x) => x.name)).toEqual(['Café menu', 'Weekly tips']);
  });

  it('finds by every word, ignoring case and accents', () => {
    expect(groupTemplates(list, 'cafe').ours.map((x) => x.name)).toEqual(['Café menu']);
    expect(groupTemplates(list, 'CARD quote').starters.map((x) => x.name)).toEqual(['Quote card']);
    expect(groupTemplates(list, 'quote tips')).toEqual({ starters: [], ours: [] });
  });

  it('never invents or loses a template: every match is in exactly one group', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.boolean()), { maxLength: 20 }), fc.string({ maxLength: 4 }), (rows, q) => {
        const all = rows.map(([n, s], i) => ({ ...tpl(n, { starter: s ? 'k' : null }), id: String(i) }));
        const g = groupTemplates(all, q);
        const ids = [...g.starters, ...g.ours].map((x) => x.id);
        expect(new Set(ids).size).toBe(ids.length);
        if (q.trim() === '') expect(ids.length).toBe(all.length);
        for (const x of g.starters) expect(x.starter).not.toBeNull();
        for (const x of g.ours) expect(x.starter).toBeNull();
      }),
    );
  });
});

describe('fillsToSend', () => {
  it('sends chosen photos and changed, trimmed text only', () => {
    const fills = fillsToSend(
      { photo: { assetId: 'a2' }, same: { assetId: 'a1' }, none: { assetId: '' }, quote: { text: '  Ship it.  ' }, blank: { text: '   ' }, kept: { text: 'Old' } },
      { photo: 'a1', same: 'a1', none: 'a1', quote: 'Old quote', blank: 'x', kept: 'Old' },
    );
    expect(fills).toEqual({ photo: { assetId: 'a2' }, quote: { text: 'Ship it.' } });
  });
});

describe('canDeleteTemplate', () => {
  it('lets an admin delete any, an author their own, and no creator a starter', () => {
    const admin = { id: 'a', role: 'admin' as const };
    const me = { id: 'u1', role: 'creator' as const };
    expect(canDeleteTemplate({ author: null, starter: 'quote-card' }, admin)).toBe(true);
    expect(canDeleteTemplate({ author: 'u1', starter: null }, me)).toBe(true);
    expect(canDeleteTemplate({ author: 'u2', starter: null }, me)).toBe(false);
    expect(canDeleteTemplate({ author: 'u1', starter: 'quote-card' }, me)).toBe(false);
    expect(canDeleteTemplate({ author: 'u1', starter: null }, null)).toBe(false);
  });
});
