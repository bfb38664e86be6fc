import type { User } from '../../../../electron/model/post';
import type { TemplateFill, TemplateFills, TemplateSummary } from '../../../../electron/model/template-fill';

/** The picker's two groups: the starters that ship with Postframe, and the team's own templates. */
export type TemplateGroups = { starters: TemplateSummary[]; ours: TemplateSummary[] };

/** Lower case without accents, so "cafe" finds "Café". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Templates whose name holds every word of `query`, grouped, each group by name. */
export function groupTemplates(list: readonly TemplateSummary[], query: string): TemplateGroups {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const hit = list.filter((tpl) => {
    const name = fold(tpl.name);
    return words.every((w) => name.includes(w));
  });
  const byName = (a: TemplateSummary, b: TemplateSummary) => a.name.localeCompare(b.name);
  return { starters: hit.filter((x) => x.starter !== null).sort(byName), ours: hit.filter((x) => x.starter === null).sort(byName) };
}

/** What a creator entered for one placeholder: a chosen library asset, typed text, or nothing yet. */
export type FillEntry = { assetId: string } | { text: string };

/**
 * The fills to send: only entries that change something (a chosen asset; text that is not blank and differs
 * from what the placeholder holds), so an untouched placeholder keeps the template's own picture or words.
 */
export function fillsToSend(entries: Readonly<Record<string, FillEntry>>, current: Readonly<Record<string, string>>): TemplateFills {
  const out: Record<string, TemplateFill> = {};
  for (const [id, e] of Object.entries(entries)) {
    if ('assetId' in e) {
      if (e.assetId && e.assetId !== current[id]) out[id] = { assetId: e.assetId };
    } else {
      const text = e.text.trim();
      if (text && text !== current[id]?.trim()) out[id] = { text: text.slice(0, 2000) };
    }
  }
  return out;
}

/** Whether `actor` may delete the template: an admin always; its author unless it is a starter (docs/templates.md). */
export function canDeleteTemplate(tpl: Pick<TemplateSummary, 'author' | 'starter'>, actor: Pick<User, 'id' | 'role'> | null): boolean {
  if (!actor) return false;
  if (actor.role === 'admin') return true;
  return tpl.starter === null && tpl.author === actor.id;
}
