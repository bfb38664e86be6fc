/**
 * Child process for the crash tests (run with `node --import tsx`): opens the library database, delivers one
 * post through the ledger, and stops at a chosen point so the parent can SIGKILL it there:
 *  - webhook: the parent kills it once the receiver has the whole body (the receiver never answers);
 *  - folder, hangAt 'after-send': the folder is in place but the ledger has not recorded 'delivered';
 *  - folder, hangAt <step>: mid-write, inside the hidden temp folder.
 * It prints `HUNG` when it has stopped at the point. The argument is JSON (see Args).
 */
import { migrate, openDatabase } from '../../library/db';
import type { Connector, Delivery } from '../delivery';
import { DeliveriesRepo, deliver } from '../deliveries-repo';
import { folderConnector } from '../folder-connector';
import { webhookConnector } from '../webhook-connector';

interface Args {
  dbPath: string;
  delivery: Delivery;
  webhookUrl?: string;
  folderRoot?: string;
  hangAt?: string;
}

const args = JSON.parse(process.argv[2]!) as Args;
const hang = (): Promise<never> => {
  process.stdout.write('HUNG\n');
  // A timer keeps the process alive until it is killed (bounded: an orphan ends itself after 2 minutes).
  setTimeout(() => process.exit(9), 120_000);
  return new Promise<never>(() => undefined);
};

const db = openDatabase(args.dbPath);
migrate(db);
const ledger = new DeliveriesRepo(db);

let connector: Connector;
if (args.webhookUrl) {
  connector = webhookConnector({ url: args.webhookUrl, version: 'crash-test', timeoutMs: 120_000 });
} else {
  const inner = folderConnector({
    root: args.folderRoot!,
    onStep: (step) => {
      if (step === args.hangAt) {
        // Block synchronously mid-write: nothing after this step runs before the kill.
        process.stdout.write('HUNG\n');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
        process.exit(9);
      }
    },
  });
  connector = {
    kind: 'folder',
    send: async (d) => {
      const out = await inner.send(d);
      if (args.hangAt === 'after-send') await hang();
      return out;
    },
  };
}

await deliver(ledger, connector, args.delivery);
process.stdout.write('DONE\n');
db.close();
