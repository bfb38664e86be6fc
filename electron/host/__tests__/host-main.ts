import fs from 'node:fs';
import path from 'node:path';
import { Studio } from '../../studio';
import { startHost } from '../server';

// Entry point of the host process tests start (host-process.ts): a fresh library in argv[2], a minimal
// renderer, no process-level error handlers (an uncaught error must end this process, as it would `serve`).

const tmp = process.argv[2]!;
const rendererDir = path.join(tmp, 'renderer');
fs.mkdirSync(rendererDir, { recursive: true });
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Postframe test shell</title>');
const studio = await Studio.open({ libraryPath: path.join(tmp, 'lib'), settingsDir: path.join(tmp, 'settings'), shell: 'browser', createLibrary: true });
const host = await startHost({
  studio,
  rendererDir,
  port: 0,
  log: { info: () => undefined, error: (m: string, ...rest: unknown[]) => console.error(m, ...rest) },
});
process.stdout.write(`READY ${JSON.stringify({ port: host.port, openUrl: host.openUrl })}\n`);
process.stdin.resume();
process.stdin.once('end', () => {
  void host
    .close()
    .then(() => studio.close())
    .then(() => process.exit(0));
});
