/**
 * Writes the shipped looks (resources/luts/<id>.cube; docs/looks.md) from their colour functions in
 * electron/model/look-catalogue.ts, at SHIPPED_LUT_SIZE³. Run after changing a look:
 *
 *   npx tsx scripts/make-luts.ts
 *
 * electron/model/look-catalogue.test.ts holds the committed files to the functions, so they cannot drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCube } from '../electron/model/cube-lut';
import { shippedLooks, shippedLut } from '../electron/model/look-catalogue';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'luts');
fs.mkdirSync(dir, { recursive: true });
for (const look of shippedLooks) {
  const file = path.join(dir, `${look.id}.cube`);
  fs.writeFileSync(file, `# Postframe look "${look.id}" (scripts/make-luts.ts). Free to use.\n${writeCube(shippedLut(look.id)!)}`);
  console.log(`${file}: ${fs.statSync(file).size} bytes`);
}
