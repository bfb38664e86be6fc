import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from './main';
import { runCli, useCliSandbox } from './__tests__/cli-sandbox';

describe('postframe serve flags', () => {
  const box = useCliSandbox('pf-cli-serve-');

  it('names its flags in the help', async () => {
    const { out } = await runCli('--help');
    expect(out).toContain('postframe serve [--library DIR] [--port N] [--host ADDR] [--allow-folder DIR]... [--max-upload-mb N]');
  });

  it('refuses an upload limit that is not a whole number of MB, before starting', async () => {
    for (const bad of ['0', 'lots', '2.5']) {
      const r = await runCli('serve', '--library', box.libraryPath, '--max-upload-mb', bad);
      expect(r.code, bad).toBe(EXIT.usage);
      expect(r.err).toContain(`--max-upload-mb must be a whole number from 1 to 1000000, not "${bad}".`);
    }
  });

  it('refuses an allowed folder that does not exist, before starting', async () => {
    const r = await runCli('serve', '--library', box.libraryPath, '--allow-folder', box.tmp, '--allow-folder', path.join(box.tmp, 'missing'));
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain(`--allow-folder ${path.join(box.tmp, 'missing')}: there is no folder there.`);
  });

  it('refuses a network address without TLS or without a public URL, saying which flags to add, before starting', async () => {
    const plain = await runCli('serve', '--library', box.libraryPath, '--host', '0.0.0.0');
    expect(plain.code).toBe(EXIT.usage);
    expect(plain.err).toContain('--host 0.0.0.0 lets other machines reach Postframe, so it needs TLS');
    expect(plain.err).toContain('Add --tls self-signed (Postframe makes a certificate and keeps it) or --tls-cert FILE --tls-key FILE, and --public-url https://NAME:PORT');
    const noUrl = await runCli('serve', '--library', box.libraryPath, '--host', '0.0.0.0', '--tls', 'self-signed');
    expect(noUrl.code).toBe(EXIT.usage);
    expect(noUrl.err).toContain('add --public-url https://NAME:PORT');
    // Nothing was opened: no library, no certificate.
    expect(fs.existsSync(box.libraryPath)).toBe(false);
    expect(fs.existsSync(path.join(box.settingsDir, 'tls'))).toBe(false);
  });

  it('refuses TLS flags that do not go together', async () => {
    const cases: [string[], string][] = [
      [['--tls', 'yes'], '--tls takes only "self-signed"'],
      [['--tls', 'self-signed', '--tls-cert', 'a.pem', '--tls-key', 'b.pem'], 'not both'],
      [['--tls-cert', 'a.pem'], '--tls-cert and --tls-key go together'],
      [['--tls-key', 'b.pem'], '--tls-cert and --tls-key go together'],
      [['--tls', 'self-signed', '--public-url', 'http://studio.lan:8443'], 'use https://studio.lan:8443'],
    ];
    for (const [flags, says] of cases) {
      const r = await runCli('serve', '--library', box.libraryPath, ...flags);
      expect(r.code, flags.join(' ')).toBe(EXIT.usage);
      expect(r.err, flags.join(' ')).toContain(says);
    }
  });
});
