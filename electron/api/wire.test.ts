import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWireRequest, resultMessage } from './wire';

describe('parseWireRequest', () => {
  it('reads a request with a whole-number id; the call and input are passed on as sent', () => {
    expect(parseWireRequest('{"id":3,"call":"app.info","input":{}}')).toEqual({ ok: true, request: { id: 3, call: 'app.info', input: {} } });
    expect(parseWireRequest('{"id":-1,"call":7}')).toEqual({ ok: true, request: { id: -1, call: 7, input: undefined } });
  });

  it('refuses what is not a request, saying what one looks like', () => {
    const cases: [string, RegExp][] = [
      ['not json', /not JSON/],
      ['', /not JSON/],
      ['null', /not a request object/],
      ['[1]', /not a request object/],
      ['"x"', /not a request object/],
      ['{"call":"app.info"}', /no usable "id"/],
      ['{"id":"1"}', /no usable "id"/],
      ['{"id":1.5}', /no usable "id"/],
      ['{"id":1e300}', /no usable "id"/],
      ['{"id":9007199254740993}', /no usable "id"/],
    ];
    for (const [text, why] of cases) {
      const r = parseWireRequest(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.message, text).toMatch(why);
      if (!r.ok) expect(r.message, text).toMatch(/\{"id": <a whole number>/);
    }
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ id: v, call: v }))), (text) => {
        const r = parseWireRequest(text);
        if (r.ok) expect(Number.isSafeInteger(r.request.id)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('resultMessage', () => {
  it('names the request it answers, or null', () => {
    expect(JSON.parse(resultMessage(4, { ok: true, value: 1 }))).toEqual({ type: 'result', id: 4, result: { ok: true, value: 1 } });
    expect(JSON.parse(resultMessage(null, { ok: false, error: { code: 'invalid_input', message: 'm' } }))).toMatchObject({ id: null });
  });
});
