import type { Draft, ImageLayer, Track } from './draft';
import type { TemplateMark } from './draft-parts';

/**
 * What a save would change of a template's locked elements (docs/templates.md). Pure: the stored document
 * before a save and the one being saved in, the violations out. Whether they are allowed is the caller's
 * question (admins hold 'templates.edit', model/permissions.ts); this only finds and names them.
 *
 * A `locked` clip or layer must come through a save as it was, except for what does not change the picture:
 * the editor's own lock (anyone may unlock) and its group. Two kinds of timing follow the edit rather than the
 * element, so a creator can still fill placeholders: a clip on the main track is packed (its `start` follows the
 * clips before it), and a watermark spans the draft (its `start`, `in` and `out` follow the draft's length).
 * Carousels: a page may be deleted with the locked layers on it when another page still carries an identical
 * locked layer (the same logo on every page), and a copy of a locked layer (duplicating a page) is not a new mark.
 * Placeholders are free to change, but keep their mark until they are filled (their photo, clip or text differs).
 */

export const templateChanges = [
  'deleted',
  'moved',
  'resized',
  'rotated',
  'restyled',
  'repointed',
  'hidden',
  'reordered',
  'retimed',
  'edited',
  'unmarked',
  'marked',
  'placeholderUnmarked',
] as const;
export type TemplateChange = (typeof templateChanges)[number];

export type TemplateViolation = {
  elementId: string;
  /** Where the element is (before the save, or after it for a new mark): "page 2", "the “Overlay” track". */
  where: string;
  /** What it is: "the logo “Acme”", "the text “Big news”". */
  element: string;
  changes: TemplateChange[];
  /** One sentence naming the element, where it is and what changed. */
  message: string;
};

type Element = {
  id: string;
  /** The object as stored (a layer or a clip). */
  value: Record<string, unknown>;
  mark: TemplateMark | null;
  containerId: string;
  /** Image: the page; video: the track. */
  where: string;
  label: string;
  /** Index among the container's elements (layers bottom to top; clips by start). */
  order: number;
  /** Video: the track's kind ('main' clips are packed); image: 'page'. */
  containerKind: string;
  /** Hidden or muted by its track (video); layers carry their own `hidden`. */
  containerHidden: boolean;
};

type Flat = { kind: Draft['kind']; elements: Map<string, Element>; containers: string[] };

const quote = (s: string, max = 40) => `“${s.length > max ? `${s.slice(0, max - 1)}…` : s}”`;

function layerLabel(l: ImageLayer): string {
  if (l.name !== '') return `the layer ${quote(l.name)}`;
  if (l.type === 'text') return `the text ${quote(l.text)}`;
  if (l.type === 'shape') return `the ${{ rect: 'rectangle', roundRect: 'rounded rectangle', ellipse: 'ellipse', line: 'line' }[l.shape]}`;
  return l.brand ? `the ${l.brand}` : 'the photo';
}

function clipLabel(c: Track['clips'][number]): string {
  if (c.type === 'text') return `the text ${quote(c.text)}`;
  return c.brand ? `the ${c.brand} clip` : 'the clip';
}

function flatten(doc: Draft): Flat {
  const elements = new Map<string, Element>();
  if (doc.kind === 'image') {
    doc.pages.forEach((p, pi) => {
      p.layers.forEach((l, li) => {
        elements.set(l.id, {
          id: l.id, value: l, mark: l.template, containerId: p.id, where: `page ${pi + 1}`,
          label: layerLabel(l), order: li, containerKind: 'page', containerHidden: false,
        });
      });
    });
    return { kind: 'image', elements, containers: doc.pages.map((p) => p.id) };
  }
  doc.tracks.forEach((t) => {
    const byStart = [...t.clips].sort((a, b) => a.start - b.start);
    const trackName = t.name.trim() !== '' ? quote(t.name) : t.kind;
    for (const c of t.clips) {
      elements.set(c.id, {
        id: c.id, value: c, mark: c.template ?? null, containerId: t.id, where: `the ${trackName} track`,
        label: clipLabel(c), order: byStart.indexOf(c), containerKind: t.kind, containerHidden: t.hidden || (t.kind === 'audio' && t.muted),
      });
    }
  });
  return { kind: 'video', elements, containers: doc.tracks.map((t) => t.id) };
}

/** Keys that never change the picture: the editor's lock against stray clicks and the layer's group. */
const FREE_KEYS = new Set(['locked', 'groupId', 'template']);

/** Which change a differing property is, by its path in the element (first one or two keys). */
function classify(path: string[], el: Element): TemplateChange | null {
  const [top, sub] = path;
  if (top === undefined || FREE_KEYS.has(top)) return null;
  const watermark = el.value.brand === 'watermark';
  switch (top) {
    case 'assetId':
      return 'repointed';
    case 'hidden':
      return 'hidden';
    case 'text':
    case 'name':
      return 'edited';
    case 'x':
    case 'y':
      return 'moved';
    case 'maxWidth':
      return 'resized';
    case 'rotation':
      return 'rotated';
    case 'box':
      return sub === 'x' || sub === 'y' ? 'moved' : sub === 'rotation' ? 'rotated' : 'resized';
    case 'transform':
      return sub === 'x' || sub === 'y' ? 'moved' : sub === 'scale' || sub === 'crop' ? 'resized' : 'restyled';
    case 'start':
      // The main track is packed and a watermark spans the draft: their start follows the edit.
      return el.containerKind === 'main' || watermark ? null : 'retimed';
    case 'in':
    case 'out':
      return watermark ? null : 'retimed';
    case 'speed':
    case 'duration':
      return 'retimed';
    default:
      return 'restyled';
  }
}

const NUM_EPS = 1e-9;

/** Leaf paths where a and b differ (a missing key and `undefined` are the same; numbers within rounding). */
function diffPaths(a: unknown, b: unknown, path: string[] = [], out: string[][] = []): string[][] {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.abs(a - b) > NUM_EPS) out.push(path);
    return out;
  }
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffPaths(a[k], b[k], [...path, k], out);
    return out;
  }
  if (a !== b) out.push(path);
  return out;
}

/** The same element but for its id, group and editor lock (a copy made by duplicating a page or a clip). */
function sameContent(a: Element, b: Element): boolean {
  return diffPaths(a.value, b.value).every((p) => p[0] === 'id' || p[0] === 'groupId' || p[0] === 'locked');
}

const changeWords: Record<TemplateChange, string> = {
  deleted: 'deleted',
  moved: 'moved',
  resized: 'resized',
  rotated: 'rotated',
  restyled: 'restyled',
  repointed: 'given another picture or clip',
  hidden: 'hidden or shown',
  reordered: 'put in another order',
  retimed: 'moved or trimmed in time',
  edited: 'edited',
  unmarked: 'no longer marked as locked',
  marked: 'newly marked as locked',
  placeholderUnmarked: 'no longer marked as a placeholder, though it was not replaced',
};

function sentenceList(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function violation(el: Element, changes: TemplateChange[]): TemplateViolation {
  const uniq = templateChanges.filter((c) => changes.includes(c));
  const what =
    uniq.includes('marked') ? `${el.label} on ${el.where} is ${changeWords.marked}` :
    uniq.includes('placeholderUnmarked') ? `The placeholder ${el.label.replace(/^the /, '')} on ${el.where} is ${changeWords.placeholderUnmarked}` :
    `${el.label} on ${el.where} is locked by the template and was ${sentenceList(uniq.map((c) => changeWords[c]))}`;
  return { elementId: el.id, where: el.where, element: el.label, changes: uniq, message: `${what.charAt(0).toUpperCase()}${what.slice(1)}.` };
}

/** A placeholder is filled when what it shows was replaced: a photo or clip, a text, a shape's colours. */
function isFilled(was: Element, now: Element): boolean {
  const content = ['assetId', 'text', 'fill', 'stroke'];
  return diffPaths(was.value, now.value).some((p) => content.includes(p[0]!));
}

/** Where each element sits among the ones both documents share (so additions and deletions elsewhere do not count as reordering). */
function sharedOrder(ids: string[], keep: (id: string) => boolean): Map<string, number> {
  return new Map(ids.filter(keep).map((id, i) => [id, i]));
}

function containerMembers(flat: Flat, containerId: string): string[] {
  return [...flat.elements.values()].filter((e) => e.containerId === containerId).sort((a, b) => a.order - b.order).map((e) => e.id);
}

/**
 * Every change `after` makes to the template marks of `before` that only an admin may make, one entry per
 * element (all its changes together), in document order. `before` null: a new document (every locked mark is new).
 */
export function templateViolations(before: Draft | null, after: Draft): TemplateViolation[] {
  const a = flatten(after);
  const b = before ? flatten(before) : null;
  const out: TemplateViolation[] = [];
  const lockedAfter = [...a.elements.values()].filter((e) => e.mark === 'locked');

  if (b) {
    const sameKind = b.kind === a.kind;
    const sharedContainers = sharedOrder(b.containers, (id) => a.containers.includes(id));
    const sharedContainersAfter = sharedOrder(a.containers, (id) => b.containers.includes(id));
    for (const el of b.elements.values()) {
      const now = sameKind ? a.elements.get(el.id) : undefined;
      if (el.mark === 'placeholder') {
        if (!now) continue;
        if (now.mark === null) {
          if (!isFilled(el, now)) out.push(violation(el, ['placeholderUnmarked']));
        }
        // placeholder → locked is a new lock, reported below.
        continue;
      }
      if (el.mark !== 'locked') continue;
      if (!now) {
        // A carousel page deleted with its locked layers, while another page keeps an identical one.
        const pageGone = a.kind === 'image' && sameKind && !a.containers.includes(el.containerId);
        if (!(pageGone && lockedAfter.some((l) => sameContent(l, el)))) out.push(violation(el, ['deleted']));
        continue;
      }
      const changes: TemplateChange[] = [];
      if (now.mark !== 'locked') changes.push('unmarked');
      if (now.containerId !== el.containerId) changes.push('moved');
      for (const p of diffPaths(el.value, now.value)) {
        const c = classify(p, el);
        if (c) changes.push(c);
      }
      if (now.containerHidden !== el.containerHidden) changes.push('hidden');
      if (now.containerId === el.containerId) {
        // Relative order among the elements both documents have in that container.
        const common = (id: string) => a.elements.get(id)?.containerId === el.containerId && b.elements.get(id)?.containerId === el.containerId;
        const before_ = sharedOrder(containerMembers(b, el.containerId), common);
        const after_ = sharedOrder(containerMembers(a, el.containerId), common);
        const moved = [...before_.keys()].some((id) => id !== el.id && Math.sign(before_.get(id)! - before_.get(el.id)!) !== Math.sign(after_.get(id)! - after_.get(el.id)!));
        // Video: the track's place in the stack (pages of a carousel may be reordered freely).
        const trackMoved = a.kind === 'video' && sharedContainers.get(el.containerId) !== undefined &&
          [...sharedContainers.keys()].some((t) => t !== el.containerId &&
            Math.sign(sharedContainers.get(t)! - sharedContainers.get(el.containerId)!) !== Math.sign(sharedContainersAfter.get(t)! - sharedContainersAfter.get(el.containerId)!));
        if (moved || trackMoved) changes.push('reordered');
      }
      if (changes.length) out.push(violation(el, changes));
    }
  }

  // New locks: a locked element that was not locked before, unless it is a copy of one that was.
  const lockedBefore = b ? [...b.elements.values()].filter((e) => e.mark === 'locked') : [];
  for (const el of lockedAfter) {
    const was = b?.kind === a.kind ? b.elements.get(el.id) : undefined;
    if (was?.mark === 'locked') continue;
    if (!was && lockedBefore.some((l) => sameContent(l, el))) continue;
    out.push(violation(el, ['marked']));
  }
  return out;
}

/** The user-facing refusal: the first violations by name, how many more, and who may make them. */
export function templateRefusalMessage(violations: TemplateViolation[], who: string, max = 2): string {
  const shown = violations.slice(0, max).map((v) => v.message).join(' ');
  const more = violations.length > max ? ` ${violations.length - max} more locked element${violations.length - max === 1 ? '' : 's'} changed too.` : '';
  return `${shown}${more} Only ${who} can change a template's locked elements: undo these changes, or ask ${who} to make them. Nothing was saved.`;
}
