import { describe, expect, it } from 'vitest';
import { checkLayers, extractImports, roomOf, type SourceFile } from './check-layers.mjs';

const file = (path: string, source: string): SourceFile => ({ path, source });
const specs = (vs: { file: string; spec: string }[]) => vs.map((v) => `${v.file} -> ${v.spec}`);

describe('extractImports', () => {
  it('finds every kind of dependency and ignores comments and strings in templates', () => {
    const src = [
      "import a from 'a';",
      "import type { B } from './b';",
      "import { type C, type D } from './cd';",
      "import { type E, f } from './ef';",
      "export * from './star';",
      "export { g } from './g';",
      "import './side-effect.css';",
      "const lazy = () => import('./lazy');",
      "const req = require('req');",
      "// import bad from 'commented-out';",
      '/* import bad2 from "block-comment"; */',
      "const t = `import x from 'in-template'`;",
      "const re = /['\"]/; import h from 'after-regex';",
      'import {\n  i,\n  j,\n} from "multi-line";',
      "export const k = 1; const s = 'from \\'nope\\'';",
    ].join('\n');
    const found = extractImports(src);
    expect(found.map((f) => f.spec).sort()).toEqual(
      ['./b', './cd', './ef', './g', './lazy', './side-effect.css', './star', 'a', 'after-regex', 'multi-line', 'req'].sort(),
    );
    const typeOnly = Object.fromEntries(found.map((f) => [f.spec, f.typeOnly]));
    expect(typeOnly['./b']).toBe(true);
    expect(typeOnly['./cd']).toBe(true);
    expect(typeOnly['./ef']).toBe(false);
  });
});

describe('roomOf', () => {
  it('maps paths to DESIGN.md rooms', () => {
    expect(roomOf('electron/model/asset.ts')).toBe('model');
    expect(roomOf('electron/main/index.ts')).toBe('main');
    expect(roomOf('electron/studio.ts')).toBe('studio');
    expect(roomOf('renderer/src/features/library/Grid.tsx')).toBe('renderer');
    expect(roomOf('scripts/x.ts')).toBeNull();
  });
});

describe('checkLayers', () => {
  it('accepts a tree that follows the table', () => {
    const files = [
      file('electron/model/asset.ts', "import { z } from 'zod';"),
      file('electron/api/contract.ts', "import { z } from 'zod';\nimport { Asset } from '../model/asset';"),
      file('electron/api/transport.ts', "import type { CallName } from './contract';"),
      file('electron/library/db.ts', "import Database from 'better-sqlite3';\nimport fs from 'node:fs';\nimport { Asset } from '../model/asset';"),
      file('electron/media/range.ts', 'export const x = 1;'),
      file('electron/media/ffmpeg.ts', "import sharp from 'sharp';\nimport { spawn } from 'node:child_process';"),
      file('electron/jobs/runner.ts', "import { Db } from '../library/db';"),
      file('electron/import/importer.ts', "import { Db } from '../library/db';\nimport { x } from '../media/ffmpeg';\nimport { R } from '../jobs/runner';\nimport fs from 'fs';"),
      file('electron/studio.ts', "import pkg from '../package.json';\nimport { Db } from './library/db';"),
      file('electron/main/index.ts', "import { app } from 'electron';\nimport { Studio } from '../studio';\nimport { parseRange } from '../media/range';\nimport { defaultLibraryPath } from '../paths';"),
      file('electron/paths.ts', "import os from 'node:os';"),
      file('electron/preload/index.ts', "import { contextBridge } from 'electron';\nimport { BRIDGE_KEY } from '../api/transport';\nimport type { CallName } from '../api/contract';"),
      file('electron/host/server.ts', "import { WebSocketServer } from 'ws';\nimport { Studio } from '../studio';\nimport { parseRange } from '../media/range';"),
      file('electron/cli/main.ts', "import { startHost } from '../host/server';\nimport { Studio } from '../studio';"),
      file('renderer/src/api/client.ts', "import { calls } from '../../../electron/api/contract';\nimport { create } from 'zustand';"),
      file('renderer/src/features/library/Grid.tsx', "import { Button } from '../../ui/Button';\nimport { useEffect } from 'react';"),
      file('renderer/src/ui/Button.tsx', "import { useState } from 'react';"),
      file('electron/model/asset.test.ts', "import { it } from 'vitest';\nimport fc from 'fast-check';"),
    ];
    expect(checkLayers(files)).toEqual([]);
  });

  it('reports each wrong import with its rule', () => {
    const files = [
      file('electron/model/asset.ts', "import fs from 'node:fs';\nimport { Db } from '../library/db';\nimport _ from 'lodash';"),
      file('electron/library/db.ts', "import { app } from 'electron';\nimport { run } from '../media/ffmpeg';"),
      file('electron/media/ffmpeg.ts', 'export const run = 1;'),
      file('electron/studio.ts', "import { BrowserWindow } from 'electron';\nimport { x } from './main/window';"),
      file('electron/main/window.ts', "import { Db } from '../library/db';"),
      file('electron/preload/index.ts', "import { calls } from '../api/contract';"),
      file('electron/api/contract.ts', 'export const calls = {};'),
      file('renderer/src/api/client.ts', "import fs from 'node:fs';\nimport { ipcRenderer } from 'electron';\nimport { Db } from '../../../electron/library/db';"),
      file('renderer/src/ui/Button.tsx', "import { Grid } from '../features/library/Grid';"),
      file('renderer/src/features/library/Grid.tsx', 'export const Grid = 1;'),
      file('electron/widgets/x.ts', 'export {};'),
    ];
    const v = checkLayers(files);
    expect(specs(v).sort()).toEqual(
      [
        'electron/model/asset.ts -> node:fs',
        'electron/model/asset.ts -> ../library/db',
        'electron/model/asset.ts -> lodash',
        'electron/library/db.ts -> electron',
        'electron/library/db.ts -> ../media/ffmpeg',
        'electron/studio.ts -> electron',
        'electron/studio.ts -> ./main/window',
        'electron/main/window.ts -> ../library/db',
        'electron/preload/index.ts -> ../api/contract',
        'renderer/src/api/client.ts -> node:fs',
        'renderer/src/api/client.ts -> electron',
        'renderer/src/api/client.ts -> ../../../electron/library/db',
        'renderer/src/ui/Button.tsx -> ../features/library/Grid',
        'electron/widgets/x.ts -> (any)',
      ].sort(),
    );
    expect(v.find((x) => x.file === 'electron/library/db.ts' && x.spec === 'electron')?.rule).toMatch(/only electron\/main and electron\/preload/);
  });

  it('resolves .js specifiers to .ts files (TS ESM style)', () => {
    const files = [
      file('electron/model/a.ts', "import { b } from '../media/b.js';"),
      file('electron/media/b.ts', 'export const b = 1;'),
    ];
    expect(specs(checkLayers(files))).toEqual(['electron/model/a.ts -> ../media/b.js']);
  });
});

describe('the renderer’s packages (issue 9 §19)', () => {
  // Each line is one route by which Node-only code could reach the renderer bundle; each must be reported.
  const routes: [string, string][] = [
    ['static import', "import Database from 'better-sqlite3';"],
    ['named import', "import { WebSocketServer } from 'ws';"],
    ['side-effect import', "import 'sharp';"],
    ['re-export', "export { default as ffmpeg } from 'fluent-ffmpeg';"],
    ['star re-export', "export * from 'electron';"],
    ['dynamic import', "const m = await import('node:fs');"],
    ['dynamic import, template literal', 'const m = await import(`sharp`);'],
    ['require', "const ws = require('ws');"],
    ['require, template literal', 'const fs = require(`fs`);'],
    ['import = require', "import os = require('os');"],
    ['module.require', "const cp = module.require('child_process');"],
    ['createRequire(...)(...)', "const db = createRequire(import.meta.url)('better-sqlite3');"],
    ['createRequire kept in a variable', 'const req = createRequire(import.meta.url);\nexport const load = (n: string) => req(n);'],
    ['non-literal dynamic import', 'export const load = (name: string) => import(name);'],
    ['dynamic import, template with a substitution', 'export const load = (lang: string) => import(`./locale/${lang}`);'],
    ['non-literal require', "const name = 'ws';\nconst ws = require(name);"],
    ['require passed around', "const r = require;\nr('fs');"],
    ['require inside a template substitution', "const s = `${require('ws')}`;"],
    ['dynamic import with a comment and attributes', "const m = await import(/* lazy */ 'sharp', { with: {} });"],
    ['process.getBuiltinModule', "const fs = process.getBuiltinModule('fs');"],
    ['a package not on the allow-list', "import _ from 'lodash';"],
    ['a Node built-in without node:', "import path from 'path';"],
  ];

  it.each(routes)('reports %s', (_name, source) => {
    const v = checkLayers([file('renderer/src/features/x.ts', source)]);
    expect(v.length, JSON.stringify(v)).toBeGreaterThan(0);
    expect(v.every((x) => x.file === 'renderer/src/features/x.ts' && x.rule.length > 0)).toBe(true);
  });

  it('names the package, or says why the load cannot be checked', () => {
    const v = checkLayers([
      file('renderer/src/a.ts', 'const m = await import(`sharp`);'),
      file('renderer/src/b.ts', 'export const load = (name: string) => import(name);'),
      file('renderer/src/c.ts', 'const req = createRequire(import.meta.url);'),
      file('renderer/src/d.ts', "import _ from 'lodash';"),
    ]);
    expect(specs(v).sort()).toEqual(['renderer/src/a.ts -> sharp', 'renderer/src/b.ts -> import(name)', 'renderer/src/c.ts -> createRequire', 'renderer/src/d.ts -> lodash'].sort());
    expect(v.find((x) => x.file === 'renderer/src/b.ts')?.rule).toMatch(/cannot be checked/);
    expect(v.find((x) => x.file === 'renderer/src/d.ts')?.rule).toMatch(/react, react-dom, zustand, zundo, @tanstack\/react-virtual, zod/);
  });

  it('accepts the allow-list, type-only imports, relative templates, and look-alikes in strings and comments', () => {
    const source = [
      "import { useState } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "import { create } from 'zustand';",
      "import { useShallow } from 'zustand/react/shallow';",
      "import { temporal } from 'zundo';",
      "import { useVirtualizer } from '@tanstack/react-virtual';",
      "import type { z } from 'zod';",
      "import type { Database } from 'better-sqlite3';",
      "import { type WebSocket } from 'ws';",
      "export type { Sharp } from 'sharp';",
      "import type { IpcRenderer } from 'electron';",
      'const lazy = () => import(`./lazy`);',
      "const data = () => import('./lazy', { with: { type: 'json' } });",
      "// const fs = require('fs'); createRequire(import.meta.url)",
      "const label = t('settings.require') + \"require('ws')\";",
      "const help = `import('sharp') or require(x)`;",
      'const ok = policy.requirement && form.requireDisclosure;',
    ].join('\n');
    expect(checkLayers([file('renderer/src/features/ok.tsx', source), file('renderer/src/features/lazy.ts', 'export {};')])).toEqual([]);
    expect(checkLayers([file('renderer/src/features/ok.test.ts', "import { it } from 'vitest';\nimport fc from 'fast-check';")])).toEqual([]);
  });

  it('reads template-literal specifiers in the engine rooms too', () => {
    expect(specs(checkLayers([file('electron/model/a.ts', 'const fs = await import(`node:fs`);')]))).toEqual(['electron/model/a.ts -> node:fs']);
  });
});
