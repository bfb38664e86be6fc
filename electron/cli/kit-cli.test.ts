import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyKitContent } from '../model/brand-kit';
import { Studio } from '../studio';
import { importFixtures } from '../studio/__tests__/kit-fixtures';
import { ANY_PATH } from '../studio/path-gate';
import { runCli, useCliSandbox } from './__tests__/cli-sandbox';
import { EXIT } from './main';

/** `postframe kit list|export|import` through main() with captured output, on real library folders. */
describe('postframe kit', () => {
  const box = useCliSandbox('pf-kit-cli-');

  it('lists, exports by name and imports into another library, where a second import is “Name (2)”', async () => {
    expect((await runCli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    expect(await runCli('kit', 'list', '--library', box.libraryPath)).toEqual({
      code: EXIT.ok, out: 'No brand kits yet. Create one in the Brand room, or import a .postframe-kit file: postframe kit import FILE\n', err: '',
    });
    const studio = await Studio.open({ libraryPath: box.libraryPath, settingsDir: box.settingsDir, shell: 'browser', pathAccess: ANY_PATH });
    let kitId: string;
    try {
      const ids = await importFixtures(studio, ['logo.png']);
      kitId = (await studio.api['kits.create']({ actorId: 'owner', content: { ...emptyKitContent('Acme Brand'), palette: [{ name: 'Red', color: '#e4002b', role: 'primary' }], logos: { light: ids['logo.png']!, dark: null } } })).id;
      await studio.api['kits.create']({ actorId: 'owner', name: 'Second' });
    } finally {
      await studio.close();
    }
    const list = await runCli('kit', 'list', '--library', box.libraryPath);
    expect(list.out.split('\n').slice(0, 3)).toEqual([`* ${kitId}  Acme Brand  (1 colour, 0 fonts, 0 text styles)`, expect.stringMatching(/^ {2}\S+ {2}Second {2}\(0 colours/), '2 kits (* = default)']);
    const json = JSON.parse((await runCli('kit', 'list', '--library', box.libraryPath, '--json')).out) as { name: string; isDefault: boolean }[];
    expect(json.map((k) => [k.name, k.isDefault])).toEqual([['Acme Brand', true], ['Second', false]]);

    const file = path.join(box.tmp, 'acme.postframe-kit');
    const exported = await runCli('kit', 'export', '--library', box.libraryPath, 'acme brand', file);
    expect(exported).toMatchObject({ code: EXIT.ok, err: '', out: expect.stringMatching(/^Exported “Acme Brand” to .*acme\.postframe-kit \(\d+ KB\)\n$/) });
    expect(fs.existsSync(file)).toBe(true);

    const other = path.join(box.tmp, 'other');
    expect((await runCli('library', 'init', other)).code).toBe(EXIT.ok);
    expect(await runCli('kit', 'import', '--library', other, file)).toMatchObject({ code: EXIT.ok, out: expect.stringMatching(/^Imported the brand kit “Acme Brand” \(/) });
    const again = await runCli('kit', 'import', '--library', other, file, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ name: 'Acme Brand (2)', palette: [{ color: '#e4002b' }] });
  });

  it('says what is wrong: an unknown kit, a file that is not a kit, a missing library, a bad usage', async () => {
    expect((await runCli('library', 'init', box.libraryPath)).code).toBe(EXIT.ok);
    expect(await runCli('kit', 'export', '--library', box.libraryPath, 'Nope', path.join(box.tmp, 'x.postframe-kit'))).toEqual({
      code: EXIT.error, out: '', err: 'postframe: There is no brand kit named or with the id “Nope”. See them with: postframe kit list\n',
    });
    const notKit = path.join(box.tmp, 'notes.postframe-kit');
    fs.writeFileSync(notKit, 'just some text');
    expect(await runCli('kit', 'import', '--library', box.libraryPath, notKit)).toMatchObject({ code: EXIT.error, err: expect.stringMatching(/cannot be imported: it is not a zip file.*Nothing was imported/) });
    expect(await runCli('kit', 'list', '--library', path.join(box.tmp, 'missing'))).toMatchObject({ code: EXIT.error, err: expect.stringMatching(/There is no Postframe library at/) });
    expect((await runCli('kit', 'export', '--library', box.libraryPath, 'only-one-arg')).code).toBe(EXIT.usage);
    expect((await runCli('kit', 'frobnicate')).code).toBe(EXIT.usage);
  });
});
