#!/usr/bin/env node
// Layer check: keeps DESIGN.md's "may import" table true (VS Code's code-layering rule, as a script).
// Scans static imports, `export … from`, side-effect imports, dynamic import('…') and require('…') (quoted or
// template-literal names) in electron/** and renderer/src/**, resolves relative paths, and checks each edge
// against RULES. The renderer may load only RENDERER_PACKAGES, and a load it cannot read (a computed
// import()/require(), createRequire, getBuiltinModule) is a violation there.
// Usage: node scripts/check-layers.mjs [repoRoot]   → prints `layers ok (N files)` or one line per
// violation (`file: imports X (rule)`) and exits 1. No dependencies.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Node built-in module names (with and without `node:`). */
export const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * The only packages the renderer may load (issue 9 §19): what it uses today, all browser-safe. zod comes in
 * through electron/model and electron/api, which the renderer shares. Anything else (better-sqlite3, sharp,
 * ws, fluent-ffmpeg, electron, node: built-ins) would be Node-only code in a sandboxed page.
 */
export const RENDERER_PACKAGES = ['react', 'react-dom', 'zustand', 'zundo', '@tanstack/react-virtual', 'zod'];

/** Packages any test file may additionally import. */
const TEST_PACKAGES = ['vitest', 'fast-check', '@playwright/test'];

/**
 * The import table. `rooms`: other rooms a room may import (its own room is always allowed).
 * `node`: Node built-ins allowed. `packages`: npm packages allowed ('*' = any except electron).
 * `electron`: may import 'electron'. `repoFiles`: may import files outside electron/ and renderer/src
 * (package.json for the version). `note`: why, printed with a violation.
 *
 * Deviations from the brief's table, on purpose (see docs/security.md § Layers):
 *  - import and jobs may use Node (walking folders, hashing files, streams);
 *  - main and host may import electron/media/range.ts: the pure Range parser both media servers share;
 *  - main and cli may import the root helpers paths.ts/settings.ts (settings dir, last library).
 * @type {Record<string, {rooms: string[], node: boolean, packages: string[] | '*', electron?: boolean, repoFiles?: boolean, files?: string[], note: string}>}
 */
export const RULES = {
  model: { rooms: [], node: false, packages: ['zod'], note: 'model imports nothing outside model; packages: zod' },
  api: { rooms: ['model'], node: false, packages: ['zod'], note: 'api imports model (+zod)' },
  library: { rooms: ['model'], node: true, packages: ['better-sqlite3'], note: 'library imports model, node (+better-sqlite3)' },
  // heic-decode: libheif as WebAssembly (over libheif-js), the HEIC decoder sharp lacks (media/heic.ts).
  // wawoff2: Google's WOFF2 decoder as WebAssembly, so library fonts are stored as plain sfnt (media/woff2.ts).
  media: { rooms: ['model'], node: true, packages: ['sharp', 'heic-decode', 'wawoff2'], note: 'media imports model, node (+sharp, heic-decode, wawoff2)' },
  render: { rooms: ['model', 'media'], node: true, packages: ['sharp'], note: 'render imports model, media, node (+sharp)' },
  publish: { rooms: ['model', 'library', 'render'], node: true, packages: [], note: 'publish imports model, library, render, node' },
  capture: { rooms: ['model', 'media', 'library'], node: true, packages: [], note: 'capture imports model, media, library, node' },
  import: { rooms: ['model', 'library', 'media', 'jobs'], node: true, packages: [], note: 'import imports model, library, media, jobs, node' },
  jobs: { rooms: ['model', 'library'], node: true, packages: [], note: 'jobs imports model, library, node' },
  host: {
    rooms: ['studio', 'api', 'model'],
    files: ['electron/media/range.ts'],
    node: true,
    packages: ['ws'],
    note: 'host imports studio, api, model, media/range, node (+ws)',
  },
  cli: {
    rooms: ['studio', 'api', 'model', 'host', 'paths', 'settings'],
    node: true,
    packages: [],
    repoFiles: true,
    note: 'cli imports studio, api, model, host, paths, node',
  },
  main: {
    rooms: ['studio', 'api', 'model', 'paths', 'settings'],
    files: ['electron/media/range.ts'],
    node: true,
    packages: [],
    electron: true,
    note: 'main imports studio, api, model, paths, media/range, node, electron',
  },
  preload: { rooms: ['api'], node: false, packages: [], electron: true, note: 'preload imports api (types; values only from api/transport), electron' },
  studio: { rooms: ['*'], node: true, packages: '*', repoFiles: true, note: 'studio.ts imports any room, never electron' },
  paths: { rooms: ['*'], node: true, packages: '*', repoFiles: true, note: 'paths.ts imports any room, never electron' },
  settings: { rooms: ['*'], node: true, packages: '*', repoFiles: true, note: 'settings.ts imports any room, never electron' },
  renderer: {
    rooms: ['model', 'api'],
    node: false,
    packages: RENDERER_PACKAGES,
    note: `renderer/src imports electron/model, electron/api and only the browser packages ${RENDERER_PACKAGES.join(', ')} (\`import type\` of anything is fine); never node or electron`,
  },
};

const ELECTRON_ROOMS = new Set(['model', 'api', 'library', 'media', 'render', 'publish', 'capture', 'import', 'jobs', 'host', 'cli', 'main', 'preload']);
const ROOT_FILES = new Set(['studio', 'paths', 'settings']);
const SOURCE_EXT = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const RESOLVE_EXT = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.d.ts'];

/** Room of a repo-relative posix path, or null when the path is outside electron/ and renderer/src/. */
export function roomOf(file) {
  const parts = file.split('/');
  if (parts[0] === 'renderer' && parts[1] === 'src') return 'renderer';
  if (parts[0] !== 'electron') return null;
  // electron/studio/*.ts are the composition root's per-room API handlers: part of studio.ts.
  if (parts[1] === 'studio' && parts.length > 2) return 'studio';
  if (parts.length === 2) {
    const base = parts[1].replace(/\.[^.]+$/, '').replace(/\.d$/, '');
    return ROOT_FILES.has(base) ? base : 'electron-root';
  }
  return ELECTRON_ROOMS.has(parts[1]) ? parts[1] : `electron/${parts[1]}`;
}

/** Renderer-internal rule from DESIGN.md: ui is feature-agnostic; the store knows no components. */
function rendererInternalViolation(from, to) {
  const sub = (p) => p.split('/')[2] ?? '';
  const a = sub(from);
  const b = sub(to);
  if (a === 'ui' && b === 'features') return 'renderer/src/ui imports nothing feature-specific';
  if (a === 'store' && (b === 'features' || b === 'ui')) return 'renderer/src/store imports model, api client; no components';
  return null;
}

/**
 * One pass over a source file, keeping every character's position (so a finding can be quoted from the
 * source). `code`: comments blanked, string literals kept, template-literal text blanked (the code inside
 * `${…}` is kept: it is code). `bare`: the same with string contents blanked too, for finding identifiers.
 * `templates`: each template literal by the index of its opening backtick, with its text and whether it has a
 * substitution. Regex literals are recognised by the usual "what came before" heuristic so a quote inside
 * /…/ cannot derail the scan.
 * @returns {{ code: string, bare: string, templates: Map<number, { text: string, substituted: boolean }> }}
 */
export function scanSource(src) {
  let code = '';
  let bare = '';
  const templates = new Map();
  const n = src.length;
  let i = 0;
  const put = (c, b = c) => {
    code += c;
    bare += b;
  };
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  const regexAllowedAfter = /[(,=:[!&|?{};+\-*%<>~^]$|^$|\b(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/;

  // Code until the end, or (inside a template's `${`) until its closing brace.
  const codeUntil = (insideSubstitution) => {
    let depth = 0;
    while (i < n) {
      const c = src[i];
      const d = src[i + 1];
      if (c === '/' && d === '/') {
        const end = src.indexOf('\n', i);
        const stop = end === -1 ? n : end;
        put(blank(src.slice(i, stop)));
        i = stop;
        continue;
      }
      if (c === '/' && d === '*') {
        const end = src.indexOf('*/', i + 2);
        const stop = end === -1 ? n : end + 2;
        put(blank(src.slice(i, stop)));
        i = stop;
        continue;
      }
      if (c === '"' || c === "'") {
        let j = i + 1;
        while (j < n && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
        const lit = src.slice(i, Math.min(j + 1, n));
        put(lit, lit.length < 2 ? lit : lit[0] + blank(lit.slice(1, -1)) + lit.slice(-1));
        i += lit.length;
        continue;
      }
      if (c === '`') {
        template();
        continue;
      }
      if (insideSubstitution && c === '{') depth++;
      if (insideSubstitution && c === '}') {
        if (depth === 0) {
          put(c);
          i++;
          return;
        }
        depth--;
      }
      if (c === '/') {
        const before = code.trimEnd();
        if (regexAllowedAfter.test(before.slice(-12))) {
          let j = i + 1;
          let inClass = false;
          while (j < n && src[j] !== '\n') {
            if (src[j] === '\\') {
              j += 2;
              continue;
            }
            if (src[j] === '[') inClass = true;
            else if (src[j] === ']') inClass = false;
            else if (src[j] === '/' && !inClass) break;
            j++;
          }
          const stop = Math.min(j + 1, n);
          put(blank(src.slice(i, stop)));
          i = stop;
          continue;
        }
      }
      put(c);
      i++;
    }
  };
  const template = () => {
    const start = code.length;
    put('`');
    i++;
    let text = '';
    let substituted = false;
    while (i < n && src[i] !== '`') {
      if (src[i] === '\\') {
        const esc = src.slice(i, i + 2);
        text += esc;
        put(blank(esc));
        i += esc.length;
        continue;
      }
      if (src[i] === '$' && src[i + 1] === '{') {
        substituted = true;
        put('${');
        i += 2;
        codeUntil(true);
        continue;
      }
      text += src[i];
      put(blank(src[i]));
      i++;
    }
    if (i < n) {
      put('`');
      i++;
    }
    templates.set(start, { text, substituted });
  };
  codeUntil(false);
  return { code, bare, templates };
}

/** The source with comments, regex literals and template-literal text blanked (positions kept). */
export function stripComments(src) {
  return scanSource(src).code;
}

/**
 * The literal specifier of a call's first argument at `open` (the index of its `(` in `code`): a quoted
 * string or a template literal without `${…}`, followed by `)` or `,` (import attributes); else null.
 */
function literalArgument(scan, open) {
  const rest = scan.code.slice(open + 1);
  const quoted = /^\s*(['"])([^'"\n]+)\1\s*[,)]/.exec(rest);
  if (quoted) return quoted[2];
  const tick = /^\s*`/.exec(rest);
  if (!tick) return null;
  const at = open + 1 + tick[0].length - 1;
  const t = scan.templates.get(at);
  if (!t || t.substituted || t.text === '') return null;
  const after = scan.code.slice(at + 1).indexOf('`');
  return /^\s*[,)]/.test(scan.code.slice(at + 1 + after + 1)) ? t.text : null;
}

/**
 * Module specifiers a source file depends on. `typeOnly` is true for `import type`/`export type` and for
 * `import { type A, type B }` where every binding is a type. Dynamic `import(…)` and `require(…)` count when
 * their argument is a literal (a quoted string or a template without `${…}`); see `opaqueLoads` for the rest.
 * @returns {{ spec: string, typeOnly: boolean }[]}
 */
export function extractImports(source) {
  const scan = scanSource(source);
  const { code } = scan;
  const found = [];
  const stmt = /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([^;]*?)\bfrom\s*(['"])([^'"\n]+)\4/g;
  for (const m of code.matchAll(stmt)) {
    const clause = m[3] ?? '';
    // `export const x = …; … from '…'` must not match: a re-export clause is `*`, `* as x` or `{…}`.
    if (m[1] === 'export' && !/^\s*(?:\*|\{)/.test(clause)) continue;
    if (m[1] === 'import' && /[;=()]/.test(clause.replace(/\{[\s\S]*?\}/, ''))) continue;
    found.push({ spec: m[5], typeOnly: Boolean(m[2]) || allTypeBindings(clause) });
  }
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(['"])([^'"\n]+)\1/g)) found.push({ spec: m[2], typeOnly: false });
  // Calls are found in `bare` (strings blanked) so that text such as "require('x')" inside a string is not a call.
  for (const m of scan.bare.matchAll(/\b(?:import|require)\s*\(/g)) {
    const spec = literalArgument(scan, m.index + m[0].length - 1);
    if (spec !== null) found.push({ spec, typeOnly: false });
  }
  return found;
}

/**
 * Places where a file loads code the check cannot read: `import(expr)` / `require(expr)` with a computed
 * argument, `require` used other than as a call with a literal (kept in a variable, `module.require(x)`),
 * `createRequire` (a require made at run time), `process.getBuiltinModule`. Each gets a short label.
 * @returns {{ spec: string }[]}
 */
export function opaqueLoads(source) {
  const scan = scanSource(source);
  const out = [];
  const quote = (at) => {
    const close = scan.code.indexOf(')', at);
    const text = source.slice(at, close === -1 ? at + 60 : Math.min(close + 1, at + 60));
    return text.replace(/\s+/g, ' ');
  };
  for (const m of scan.bare.matchAll(/\bimport\s*\(/g)) {
    if (literalArgument(scan, m.index + m[0].length - 1) === null) out.push({ spec: quote(m.index) });
  }
  for (const m of scan.bare.matchAll(/\brequire\b/g)) {
    const call = /^require\s*\(/.exec(scan.bare.slice(m.index));
    if (!call || literalArgument(scan, m.index + call[0].length - 1) === null) out.push({ spec: call ? quote(m.index) : 'require' });
  }
  for (const m of scan.bare.matchAll(/\b(createRequire|getBuiltinModule)\b/g)) out.push({ spec: m[1] === 'createRequire' ? 'createRequire' : 'process.getBuiltinModule' });
  return out;
}

function allTypeBindings(clause) {
  const m = /^\s*\{([\s\S]*)\}\s*$/.exec(clause);
  if (!m) return false;
  const names = m[1].split(',').map((s) => s.trim()).filter(Boolean);
  return names.length > 0 && names.every((s) => s.startsWith('type '));
}

/** npm package name of a bare specifier ('@scope/pkg/sub' → '@scope/pkg'). */
export function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Resolves a relative specifier against the file set (TS-style: './x.js' may mean './x.ts'). */
export function resolveRelative(fromFile, spec, fileSet) {
  const clean = spec.replace(/[?#].*$/, '');
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), clean));
  const candidates = [base];
  const noJs = base.replace(/\.(?:js|mjs|cjs|jsx)$/, '');
  for (const ext of RESOLVE_EXT) candidates.push(base + ext, noJs + ext, `${base}/index${ext}`);
  return candidates.find((c) => fileSet.has(c)) ?? base;
}

const isTestFile = (file) => /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(file) || file.includes('/__tests__/');

/**
 * The pure check. `files`: repo-relative posix paths with their source text.
 * @param {{ path: string, source: string }[]} files
 * @returns {{ file: string, spec: string, rule: string }[]}
 */
export function checkLayers(files) {
  const fileSet = new Set(files.map((f) => f.path));
  const violations = [];
  for (const { path: file, source } of files) {
    const room = roomOf(file);
    if (room === null) continue;
    const rule = RULES[room];
    const test = isTestFile(file);
    // Engine tests are integration tests: they may wire real rooms (the studio, fixtures under scripts/)
    // and use any package, but never reach into the Electron shell.
    const engineTest = test && room !== 'renderer' && room !== 'preload';
    const report = (spec, why) => violations.push({ file, spec, rule: why });
    if (!rule) {
      report('(any)', `${file.split('/').slice(0, 2).join('/')} is not a room in DESIGN.md's table; add it to RULES in scripts/check-layers.mjs`);
      continue;
    }
    if (room === 'renderer') {
      for (const { spec } of opaqueLoads(source)) {
        report(spec, 'a load that cannot be checked: renderer code may load modules only by a literal name (import … from \'x\', import(\'x\'))');
      }
    }
    for (const { spec, typeOnly } of extractImports(source)) {
      const bare = !spec.startsWith('.') && !spec.startsWith('/');
      // A type-only import is erased before the bundle is made: it loads nothing in the page.
      if (room === 'renderer' && typeOnly && bare) continue;
      if (spec === 'electron' || spec.startsWith('electron/')) {
        if (!rule.electron) report(spec, `only electron/main and electron/preload may import 'electron'; ${rule.note}`);
        continue;
      }
      if (NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0]) || spec.startsWith('node:')) {
        if (!rule.node && !(test && room !== 'renderer' && room !== 'preload')) report(spec, rule.note);
        continue;
      }
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = resolveRelative(file, spec, fileSet);
        const targetRoom = roomOf(target);
        if (targetRoom === room) {
          if (room === 'renderer') {
            const why = rendererInternalViolation(file, target);
            if (why) report(spec, why);
          }
          continue;
        }
        if (engineTest && targetRoom !== 'main' && targetRoom !== 'preload') continue;
        if (targetRoom === null) {
          if (!rule.repoFiles) report(spec, `${rule.note} (not files outside electron/ and renderer/src/)`);
          continue;
        }
        const roomOk = rule.rooms.includes('*') ? !['main', 'preload'].includes(targetRoom) : rule.rooms.includes(targetRoom);
        const fileOk = (rule.files ?? []).includes(target);
        if (!roomOk && !fileOk) {
          report(spec, rule.note);
          continue;
        }
        if (room === 'preload' && targetRoom === 'api' && !typeOnly && target !== 'electron/api/transport.ts') {
          report(spec, 'preload may take values only from electron/api/transport.ts (use `import type` for the rest)');
        }
        continue;
      }
      const pkg = packageName(spec);
      if (rule.packages === '*') continue;
      if (rule.packages.includes(pkg)) continue;
      if (test && TEST_PACKAGES.includes(pkg)) continue;
      if (engineTest) continue;
      report(spec, rule.note);
    }
  }
  return violations;
}

/** Lists the scanned source files of a repo as repo-relative posix paths. */
export function listSourceFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (SOURCE_EXT.test(entry.name)) out.push(rel);
    }
  };
  for (const top of ['electron', 'renderer/src']) if (fs.existsSync(path.join(root, top))) walk(top);
  return out.sort();
}

function main() {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const files = listSourceFiles(root).map((p) => ({ path: p, source: fs.readFileSync(path.join(root, p), 'utf8') }));
  const violations = checkLayers(files);
  if (violations.length === 0) {
    console.log(`layers ok (${files.length} files)`);
    return;
  }
  for (const v of violations) console.log(`${v.file}: imports ${v.spec} (${v.rule})`);
  console.log(`\n${violations.length} layer violation(s) in ${new Set(violations.map((v) => v.file)).size} file(s); see DESIGN.md "Suggested layout".`);
  process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
