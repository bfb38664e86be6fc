import { describe, expect, it } from 'vitest';
import { UsageError, intFlag, listFlag, parseArgs, portFlag, stringFlag } from './args';

describe('parseArgs', () => {
  it('splits positionals, boolean flags, --key value and --key=value', () => {
    const a = parseArgs(['serve', '/lib', '--port', '8080', '--open', '--host=0.0.0.0', 'extra'], ['port', 'host']);
    expect(a.positionals).toEqual(['serve', '/lib', 'extra']);
    expect([...a.flags]).toEqual([['port', '8080'], ['open', true], ['host', '0.0.0.0']]);
  });

  it('keeps everything after -- as positionals', () => {
    const a = parseArgs(['import', '--', '--weird-name.mp4', '-h'], []);
    expect(a.positionals).toEqual(['import', '--weird-name.mp4', '-h']);
    expect(a.flags.size).toBe(0);
  });

  it('reads -h as help and keeps = inside values', () => {
    expect(parseArgs(['-h'], []).flags.get('help')).toBe(true);
    expect(parseArgs(['--query=a=b'], []).flags.get('query')).toBe('a=b');
    expect(parseArgs(['--name='], []).flags.get('name')).toBe('');
  });

  it('refuses a value flag without its value', () => {
    expect(() => parseArgs(['--port'], ['port'])).toThrow(UsageError);
    expect(() => parseArgs(['--port', '--open'], ['port'])).toThrow('--port needs a value.');
  });

  it('treats a flag it does not know as boolean, leaving the next word positional', () => {
    const a = parseArgs(['--verbose', 'file.mp4'], []);
    expect(a.flags.get('verbose')).toBe(true);
    expect(a.positionals).toEqual(['file.mp4']);
  });
});

describe('stringFlag and portFlag', () => {
  it('reads string flags and refuses a bare one', () => {
    expect(stringFlag(parseArgs(['--library', '/x'], ['library']), 'library')).toBe('/x');
    expect(stringFlag(parseArgs([], []), 'library')).toBeUndefined();
    expect(() => stringFlag(parseArgs(['--library'], []), 'library')).toThrow('--library needs a value.');
  });

  it('accepts ports 0..65535 and explains anything else', () => {
    const port = (...argv: string[]) => portFlag(parseArgs(argv, ['port']));
    expect(port()).toBeUndefined();
    expect(port('--port', '0')).toBe(0);
    expect(port('--port', '8080')).toBe(8080);
    expect(port('--port=65535')).toBe(65535);
    for (const bad of ['65536', '-1', '80.5', 'http', '0x50z', '']) {
      expect(() => port(`--port=${bad}`), bad).toThrow(`--port must be a number from 0 to 65535, not "${bad}".`);
    }
    expect(() => port('--port')).toThrow(UsageError);
  });
});

describe('listFlag and intFlag', () => {
  it('collects every value of a repeatable flag, in order', () => {
    const a = parseArgs(['serve', '--allow-folder', '/a', '--allow-folder=/b c', '--port', '1'], ['allow-folder', 'port']);
    expect(listFlag(a, 'allow-folder')).toEqual(['/a', '/b c']);
    expect(listFlag(a, 'missing')).toEqual([]);
    expect(() => listFlag(parseArgs(['--allow-folder'], []), 'allow-folder')).toThrow('--allow-folder needs a value.');
  });

  it('reads a whole number in its range and explains anything else', () => {
    const mb = (...argv: string[]) => intFlag(parseArgs(argv, ['max-upload-mb']), 'max-upload-mb', { min: 1, max: 1000 });
    expect(mb()).toBeUndefined();
    expect(mb('--max-upload-mb', '1')).toBe(1);
    expect(mb('--max-upload-mb=1000')).toBe(1000);
    for (const bad of ['0', '1001', '2.5', 'lots', '', '-3']) {
      expect(() => mb(`--max-upload-mb=${bad}`), bad).toThrow(`--max-upload-mb must be a whole number from 1 to 1000, not "${bad}".`);
    }
  });
});
