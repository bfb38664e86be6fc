import type { z } from 'zod';
import { AppError, errorMessage } from '../model/errors';
import { type ApiImpl, type CallResult, calls, isCallName } from './contract';

export type Logger = { error(message: string, ...rest: unknown[]): void };

/**
 * Validates a call by name, runs it and folds every outcome into a CallResult. Both transports use it,
 * so a request that is wrong on one is wrong on the other.
 */
export function createRouter(impl: ApiImpl, log: Logger = console) {
  return async function route(name: unknown, rawInput: unknown): Promise<CallResult<unknown>> {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'invalid_input', message: `Unknown call "${String(name)}".` } };
    }
    const spec = calls[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
    }
    try {
      const fn = impl[name] as (input: unknown) => Promise<unknown>;
      const value = await fn.call(impl, parsed.data);
      return { ok: true, value };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message } };
      log.error(`[api] ${name} failed:`, e);
      return {
        ok: false,
        error: { code: 'internal', message: `Something went wrong (${errorMessage(e)}). Try again; if it keeps happening, restart Postframe.` },
      };
    }
  };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
