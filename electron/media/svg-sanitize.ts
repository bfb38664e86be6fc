import { AppError } from '../model/errors';

/**
 * SVG logos are imported as a clean copy, never as the bytes we were given. An SVG is XML that a renderer
 * acts on: librsvg (inside sharp) follows `href`s and XInclude to local files next to the SVG, a browser
 * opening it runs its scripts, and a DTD can declare entities that expand without end. So the file is parsed
 * here by a small strict parser that knows no DTD (a DOCTYPE or ENTITY is refused) and expands only XML's
 * five predefined entities and character references; the tree is filtered through an allow-list; and a new
 * SVG is written from what is left. What the renderer then reads is exactly what this file let through.
 *
 * Removed: elements not on the list (script, foreignObject, XInclude, animation, editor namespaces, …) with
 * everything inside them; event handler attributes (on…); any href that is not a `#fragment` in this file
 * (or, on <image>, an inline base64 PNG/JPEG/GIF/WebP); any attribute or <style> with a `url()` that is not a
 * `#fragment`, or with `@import`; processing instructions and comments.
 */

export const SVG_MAX_BYTES = 8 * 1024 * 1024;
const MAX_ELEMENTS = 200_000;
const MAX_DEPTH = 200;

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

const ALLOWED = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'switch', 'view', 'a',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'marker', 'image', 'style',
  'filter', 'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting',
  'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR',
  'feGaussianBlur', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'fePointLight', 'feSpecularLighting',
  'feSpotLight', 'feTile', 'feTurbulence',
]);

type Element = { name: string; attrs: [string, string][]; children: Node[] };
type Node = Element | { text: string };

export type SanitizedSvg = { svg: string; removed: string[] };

const notWellFormed = (why: string) =>
  new AppError('unsupported_media', `This SVG is not well-formed XML (${why}). Open it in a vector editor and save it again as plain SVG.`);

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces character and predefined entity references; any other entity is refused (no DTD declares one here). */
function decodeEntities(s: string): string {
  return s.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw notWellFormed('a bare "&"');
    if (ref in PREDEFINED) return PREDEFINED[ref]!;
    const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (m) {
      const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
      if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw notWellFormed(`the character reference ${whole}`);
      return String.fromCodePoint(cp);
    }
    throw new AppError(
      'unsupported_media',
      `This SVG uses the entity ${whole}, which only a DTD could define; Postframe does not read DTDs. Save the logo again as plain SVG (Inkscape: Save As › Plain SVG; Illustrator: Export As › SVG).`,
    );
  });
}

const NAME = /^[A-Za-z_][\w.:-]*/;

/** Parses the document into its root element (strict: anything unexpected is refused). */
export function parseSvgXml(input: string): Element {
  const src = input.replace(/^\uFEFF/, '');
  let i = 0;
  const root: Element = { name: '#document', attrs: [], children: [] };
  const stack: Element[] = [root];
  let elements = 0;
  const top = () => stack[stack.length - 1]!;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i) {
      const text = src.slice(i, textEnd);
      if (stack.length === 1) {
        if (text.trim()) throw notWellFormed('text outside the root element');
      } else top().children.push({ text: decodeEntities(text) });
    }
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<?', i)) {
      const end = src.indexOf('?>', i);
      if (end < 0) throw notWellFormed('an unclosed processing instruction');
      i = end + 2; // the XML declaration and stylesheet links alike: none is carried over
    } else if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4);
      if (end < 0) throw notWellFormed('an unclosed comment');
      i = end + 3;
    } else if (src.startsWith('<![CDATA[', i)) {
      const end = src.indexOf(']]>', i);
      if (end < 0 || stack.length === 1) throw notWellFormed('a misplaced CDATA section');
      top().children.push({ text: src.slice(i + 9, end) });
      i = end + 3;
    } else if (src.startsWith('<!', i)) {
      const what = /^<!(DOCTYPE|ENTITY)/i.exec(src.slice(i, i + 10))?.[1]?.toUpperCase() ?? 'declaration';
      throw new AppError(
        'unsupported_media',
        `This SVG has a ${what} declaration. Postframe does not import SVGs with a DOCTYPE or entities: they can make a renderer read other files or grow without end. Save the logo again as plain SVG without a DOCTYPE (Inkscape: Save As › Plain SVG; Illustrator: Export As › SVG), then import it.`,
      );
    } else if (src.startsWith('</', i)) {
      const m = NAME.exec(src.slice(i + 2));
      const end = src.indexOf('>', i);
      if (!m || end < 0 || src.slice(i + 2 + m[0].length, end).trim()) throw notWellFormed('a broken end tag');
      if (stack.length === 1 || top().name !== m[0]) throw notWellFormed(`</${m[0]}> does not close <${top().name}>`);
      stack.pop();
      i = end + 1;
    } else {
      const m = NAME.exec(src.slice(i + 1));
      if (!m) throw notWellFormed('a "<" that starts no tag');
      const el: Element = { name: m[0], attrs: [], children: [] };
      i += 1 + m[0].length;
      const seen = new Set<string>();
      for (;;) {
        const ws = /^\s*/.exec(src.slice(i))![0].length;
        i += ws;
        if (src.startsWith('/>', i) || src.startsWith('>', i)) break;
        if (ws === 0) throw notWellFormed(`attributes of <${el.name}> run together`);
        const a = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(src.slice(i));
        if (!a) throw notWellFormed(`a broken attribute in <${el.name}>`);
        if (seen.has(a[1]!)) throw notWellFormed(`the attribute ${a[1]} twice in <${el.name}>`);
        seen.add(a[1]!);
        el.attrs.push([a[1]!, decodeEntities(a[3] ?? a[4] ?? '')]);
        i += a[0].length;
      }
      if (++elements > MAX_ELEMENTS) throw new AppError('unsupported_media', `This SVG has more than ${MAX_ELEMENTS.toLocaleString('en-US')} elements. Simplify it in a vector editor, then import it.`);
      if (stack.length === 1 && root.children.length > 0) throw notWellFormed('more than one root element');
      top().children.push(el);
      if (src.startsWith('/>', i)) i += 2;
      else {
        i += 1;
        if (stack.length > MAX_DEPTH) throw new AppError('unsupported_media', `This SVG nests more than ${MAX_DEPTH} levels deep. Simplify it in a vector editor, then import it.`);
        stack.push(el);
      }
    }
  }
  if (stack.length > 1) throw notWellFormed(`<${top().name}> is never closed`);
  const doc = root.children[0];
  if (!doc || 'text' in doc) throw notWellFormed('no root element');
  return doc;
}

/** `url(#id)` is a reference inside this file; every other url() reaches out. */
function onlyLocalUrls(value: string): boolean {
  const lower = value.toLowerCase();
  if (lower.includes('@import') || lower.includes('expression(') || lower.includes('javascript:')) return false;
  const urls = value.match(/url\s*\(([^)]*)\)/gi) ?? [];
  if (lower.replace(/url\s*\([^)]*\)/g, '').includes('url(')) return false;
  return urls.every((u) => /^url\s*\(\s*(['"]?)#[^'")\s]+\1\s*\)$/i.test(u));
}

const LOCAL_HREF = /^#[^\s'"<>]+$/;
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/;

function cleanAttrs(el: Element, removed: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of el.attrs) {
    const lower = name.toLowerCase();
    const local = lower.includes(':') ? lower.slice(lower.indexOf(':') + 1) : lower;
    const keep = (() => {
      if (lower.startsWith('on')) return false;
      if (lower === 'xmlns') return value === SVG_NS;
      if (lower === 'xmlns:xlink') return value === XLINK_NS;
      if (lower.startsWith('xmlns:')) return false; // other namespaces' elements and attributes are dropped anyway
      if (lower.includes(':') && lower !== 'xlink:href' && lower !== 'xml:space' && lower !== 'xml:lang') return false;
      if (local === 'href') return LOCAL_HREF.test(value.trim()) || (el.name === 'image' && DATA_IMAGE.test(value.trim()));
      return onlyLocalUrls(value);
    })();
    if (keep) out.push([name, value]);
    else {
      removed.push(`${el.name}@${name}`);
      // A paint that pointed out of the file paints nothing (as a missing paint server would), not black.
      if (lower === 'fill' || lower === 'stroke') out.push([name, 'none']);
    }
  }
  return out;
}

function clean(el: Element, removed: string[]): Element | null {
  if (!ALLOWED.has(el.name)) {
    removed.push(el.name);
    return null;
  }
  const attrs = cleanAttrs(el, removed);
  if (el.name === 'style') {
    const css = el.children.map((c) => ('text' in c ? c.text : '')).join('');
    if (!onlyLocalUrls(css)) {
      removed.push('style (external url or @import)');
      return null;
    }
    return { name: 'style', attrs, children: [{ text: css }] };
  }
  const children: Node[] = [];
  for (const c of el.children) {
    if ('text' in c) children.push(c);
    else {
      const kept = clean(c, removed);
      if (kept) children.push(kept);
    }
  }
  return { name: el.name, attrs, children };
}

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => escText(s).replace(/"/g, '&quot;');

function write(el: Element, out: string[]): void {
  out.push(`<${el.name}${el.attrs.map(([k, v]) => ` ${k}="${escAttr(v)}"`).join('')}`);
  if (el.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const c of el.children) {
    if ('text' in c) out.push(escText(c.text));
    else write(c, out);
  }
  out.push(`</${el.name}>`);
}

/** A safe copy of an SVG document (see the file comment), or an AppError saying why it cannot be imported. */
export function sanitizeSvg(input: string): SanitizedSvg {
  const doc = parseSvgXml(input);
  if (doc.name !== 'svg') throw new AppError('unsupported_media', `This file is XML, but not an SVG image (its root is <${doc.name}>).`);
  const removed: string[] = [];
  const root = clean(doc, removed)!;
  // Namespaces the kept attributes need, declared on the root whatever the original said.
  const has = (n: string) => root.attrs.some(([k]) => k === n);
  if (!has('xmlns')) root.attrs.unshift(['xmlns', SVG_NS]);
  const usesXlink = (e: Element): boolean => e.attrs.some(([k]) => k.startsWith('xlink:')) || e.children.some((c) => !('text' in c) && usesXlink(c));
  if (usesXlink(root) && !has('xmlns:xlink')) root.attrs.push(['xmlns:xlink', XLINK_NS]);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, out);
  return { svg: out.join(''), removed };
}
