/**
 * Builds small, structurally valid sfnt files for tests (names, weight, fsType and metrics chosen by the test).
 * They have no drawable glyphs: they exercise the reader and the store, not the rasteriser (which tests with
 * a real font from node_modules).
 */
export type TestFontSpec = {
  family?: string;
  subfamily?: string;
  typoFamily?: string;
  weight?: number;
  fsType?: number;
  italic?: boolean;
  unitsPerEm?: number;
  ascender?: number;
  descender?: number;
  cff?: boolean;
  omit?: string[];
};

export function buildTestFont(spec: TestFontSpec = {}): Uint8Array {
  const upem = spec.unitsPerEm ?? 1000;
  const head = new Uint8Array(54);
  const hv = new DataView(head.buffer);
  hv.setUint32(0, 0x00010000);
  hv.setUint32(12, 0x5f0f3cf5);
  hv.setUint16(18, upem);
  hv.setUint16(44, spec.italic ? 2 : 0);

  const os2 = new Uint8Array(78);
  const ov = new DataView(os2.buffer);
  ov.setUint16(4, spec.weight ?? 400);
  ov.setUint16(8, spec.fsType ?? 0);
  ov.setUint16(62, spec.italic ? 1 : 0x40);

  const hhea = new Uint8Array(36);
  const hh = new DataView(hhea.buffer);
  hh.setUint32(0, 0x00010000);
  hh.setInt16(4, spec.ascender ?? 800);
  hh.setInt16(6, spec.descender ?? -200);

  const names: [number, string][] = [
    [1, spec.family ?? 'Test Sans'],
    [2, spec.subfamily ?? 'Regular'],
  ];
  if (spec.typoFamily) names.push([16, spec.typoFamily]);
  const strings = names.map(([, s]) => utf16be(s));
  const name = new Uint8Array(6 + names.length * 12 + strings.reduce((n, s) => n + s.length, 0));
  const nv = new DataView(name.buffer);
  nv.setUint16(2, names.length);
  nv.setUint16(4, 6 + names.length * 12);
  let off = 0;
  names.forEach(([id], i) => {
    const r = 6 + i * 12;
    nv.setUint16(r, 3);
    nv.setUint16(r + 2, 1);
    nv.setUint16(r + 4, 0x409);
    nv.setUint16(r + 6, id);
    nv.setUint16(r + 8, strings[i]!.length);
    nv.setUint16(r + 10, off);
    name.set(strings[i]!, 6 + names.length * 12 + off);
    off += strings[i]!.length;
  });

  const cmap = new Uint8Array(4);
  const tables: [string, Uint8Array][] = [
    ['head', head],
    ['OS/2', os2],
    ['hhea', hhea],
    ['name', name],
    ['cmap', cmap],
    ...(spec.cff ? ([['CFF ', new Uint8Array(4)]] as [string, Uint8Array][]) : ([['glyf', new Uint8Array(4)], ['loca', new Uint8Array(4)]] as [string, Uint8Array][])),
  ];
  const kept = tables.filter(([t]) => !(spec.omit ?? []).includes(t));
  const dirSize = 12 + kept.length * 16;
  const total = dirSize + kept.reduce((n, [, b]) => n + pad4(b.length), 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  if (spec.cff) out.set([0x4f, 0x54, 0x54, 0x4f]);
  else v.setUint32(0, 0x00010000);
  v.setUint16(4, kept.length);
  let at = dirSize;
  kept.forEach(([tag, data], i) => {
    const r = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[r + k] = tag.charCodeAt(k);
    v.setUint32(r + 8, at);
    v.setUint32(r + 12, data.length);
    out.set(data, at);
    at += pad4(data.length);
  });
  return out;
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function utf16be(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[i * 2] = s.charCodeAt(i) >> 8;
    out[i * 2 + 1] = s.charCodeAt(i) & 0xff;
  }
  return out;
}
