import { describe, expect, it } from 'vitest';
import { HOST_KEYS_STORAGE, takeHostKeys } from './hostKeys';

const PAGE = 'p'.repeat(43);
const MEDIA = 'm'.repeat(43);

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

describe('takeHostKeys', () => {
  it('takes the keys from the sign-in fragment, keeps them and clears the address', () => {
    const storage = memory();
    const replaced: string[] = [];
    const keys = takeHostKeys({ hash: `#pf-keys=${PAGE}.${MEDIA}`, pathname: '/', search: '' }, storage, (u) => replaced.push(u));
    expect(keys).toEqual({ page: PAGE, media: MEDIA });
    expect(storage.data.get(HOST_KEYS_STORAGE)).toBe(`${PAGE}.${MEDIA}`);
    expect(replaced).toEqual(['/']);
  });

  it('reads them back on a later load, and a fresh sign-in replaces old ones', () => {
    const storage = memory({ [HOST_KEYS_STORAGE]: `${'o'.repeat(43)}.${'q'.repeat(43)}` });
    expect(takeHostKeys({ hash: '', pathname: '/', search: '' }, storage, () => undefined)).toEqual({ page: 'o'.repeat(43), media: 'q'.repeat(43) });
    expect(takeHostKeys({ hash: `#pf-keys=${PAGE}.${MEDIA}`, pathname: '/', search: '' }, storage, () => undefined)?.page).toBe(PAGE);
    expect(takeHostKeys({ hash: '', pathname: '/', search: '' }, storage, () => undefined)?.page).toBe(PAGE);
  });

  it('has none without a fragment or stored keys, and ignores junk', () => {
    expect(takeHostKeys({ hash: '', pathname: '/', search: '' }, memory(), () => undefined)).toBeNull();
    expect(takeHostKeys({ hash: '#pf-keys=short.x', pathname: '/', search: '' }, memory(), () => undefined)).toBeNull();
    expect(takeHostKeys({ hash: '', pathname: '/', search: '' }, memory({ [HOST_KEYS_STORAGE]: 'junk' }), () => undefined)).toBeNull();
    expect(takeHostKeys({ hash: '', pathname: '/', search: '' }, null, () => undefined)).toBeNull();
  });

  it('still serves this page when storage refuses', () => {
    const refusing = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(takeHostKeys({ hash: `#pf-keys=${PAGE}.${MEDIA}`, pathname: '/x', search: '?a=1' }, refusing, () => undefined)).toEqual({ page: PAGE, media: MEDIA });
  });
});
