/**
 * Child process for process-guards.test.ts (run with `node --import tsx`): installs the guards with one open
 * "library" that reports what happened to it, then does what argv[2] says:
 *  - `rejection`: an unhandled rejection, then proves it still runs by printing `alive` on a timer;
 *  - `exception`: an uncaught exception thrown from a timer callback;
 *  - `hung-close`: the same, with a library whose close never finishes (the grace period ends it).
 */
import { installProcessGuards } from '../process-guards';

const mode = process.argv[2];
const say = (line: string): void => void process.stdout.write(`${line}\n`);

installProcessGuards({
  write: (text) => process.stderr.write(text),
  exit: (code) => {
    say(`exit ${code}`);
    process.exit(code);
  },
  open: () => [
    {
      killChildren: () => say('killChildren'),
      close: () => (mode === 'hung-close' ? new Promise<void>(() => undefined) : Promise.resolve().then(() => say('closed'))),
    },
  ],
  graceMs: 200,
});

if (mode === 'rejection') {
  void Promise.reject(new Error('planted rejection'));
  setTimeout(() => say('alive'), 20);
} else {
  setTimeout(() => {
    throw new Error('planted exception');
  }, 0);
  // Something that would keep a healthy process running.
  setInterval(() => undefined, 60_000);
}
