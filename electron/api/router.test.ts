import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import type { ApiImpl } from './contract';
import { createRouter } from './router';

/** Only the calls a test touches; the router looks calls up by name. */
function fakeImpl(overrides: Partial<Record<keyof ApiImpl, (input: never) => Promise<unknown>>>): ApiImpl {
  return overrides as unknown as ApiImpl;
}

describe('createRouter', () => {
  const logged: unknown[][] = [];
  const log = { error: (...args: unknown[]) => logged.push(args) };

  it('refuses an unknown call by name, including inherited object keys', async () => {
    const route = createRouter(fakeImpl({}), log);
    expect(await route('assets.explode', {})).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Unknown call "assets.explode".' } });
    expect(await route('toString', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await route('__proto__', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await route(42, {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Unknown call "42".' } });
  });

  it('passes parsed input with defaults to the implementation', async () => {
    let seen: unknown;
    const route = createRouter(fakeImpl({ 'assets.list': async (input) => ((seen = input), { items: [], total: 0 }) }), log);
    expect(await route('assets.list', { query: 'beach' })).toEqual({ ok: true, value: { items: [], total: 0 } });
    expect(seen).toEqual({ query: 'beach', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 200 });
    // A missing input counts as {}.
    expect(await route('assets.list', undefined)).toMatchObject({ ok: true });
  });

  it('explains invalid input in words, naming the field', async () => {
    let called = false;
    const route = createRouter(fakeImpl({ 'assets.update': async () => ((called = true), {}) }), log);
    const r = await route('assets.update', { id: 'a1', name: '   ' });
    expect(r).toEqual({ ok: false, error: { code: 'invalid_input', message: 'name: A name cannot be empty' } });
    const limit = await route('assets.list', { limit: 5000 });
    expect(limit).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^limit: /) } });
    const nested = await route('imports.start', { uploads: [{ id: '', name: 'x' }] });
    expect(nested).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^uploads\.0\.id: /) } });
    const extra = await route('app.info', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/sneaky/) } });
    const refine = await route('imports.start', {});
    expect(refine).toMatchObject({ ok: false, error: { message: 'Choose at least one file or folder to import' } });
    expect(called).toBe(false);
  });

  it('passes an AppError code and message through', async () => {
    const route = createRouter(fakeImpl({ 'assets.get': async () => { throw new AppError('not_found', 'This asset is no longer in the library.'); } }), log);
    expect(await route('assets.get', { id: 'x' })).toEqual({ ok: false, error: { code: 'not_found', message: 'This asset is no longer in the library.' } });
  });

  it('turns an unexpected error into internal, logged, with no stack trace in the message', async () => {
    logged.length = 0;
    const boom = new TypeError("Cannot read properties of undefined (reading 'x')");
    const route = createRouter(fakeImpl({ 'tags.list': async () => { throw boom; } }), log);
    const r = await route('tags.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    const message = (r as { error: { message: string } }).error.message;
    expect(message).toContain("Cannot read properties of undefined (reading 'x')");
    expect(message).not.toMatch(/\n\s+at |router\.test\.ts|TypeError/);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toEqual([expect.stringContaining('tags.list'), boom]);

    const thrownString = createRouter(fakeImpl({ 'tags.list': async () => { // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point: a thrown non-Error
        throw 'plain string'; } }), log);
    expect(await thrownString('tags.list', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('plain string') } });
  });
});
