import type { z } from 'zod';
import { AppError, errorMessage } from '../model/errors';
import { type AccessDecision, mayCall, mayCallAtAll, takesActorId } from './access';
import { type ApiImpl, type CallName, type CallResult, type Caller, calls, isCallName } from './contract';

export type Logger = { error(message: string, ...rest: unknown[]): void };

/** Why the router refused a call before its handler ran, for the audit log. */
export type Refusal = { call: CallName; why: 'named_another_user' | 'role'; detail: Record<string, unknown> };

export type RouterOptions = {
  log?: Logger;
  /** Told of every refusal (the studio audits it); a failure here never changes the answer. */
  refused?: (caller: Caller, refusal: Refusal) => void;
};

export type Route = (name: unknown, rawInput: unknown, caller: Caller) => Promise<CallResult<unknown>>;

/** The calls whose input still names an actor: filled from the caller, never taken from the client. */
const actorCalls: ReadonlySet<CallName> = new Set((Object.keys(calls) as CallName[]).filter((n) => takesActorId(calls[n].input)));

/**
 * Validates a call by name, checks who may make it, runs it for the caller and folds every outcome into a
 * CallResult. Both transports use it, so a request that is wrong on one is wrong on the other. The caller is the
 * transport's word (the session's user, or the app's local owner); an input naming another actor is refused.
 */
export function createRouter(impl: ApiImpl, options: RouterOptions = {}): Route {
  const log = options.log ?? console;
  const refuse = (caller: Caller, refusal: Refusal, message: string): CallResult<unknown> => {
    try {
      options.refused?.(caller, refusal);
    } catch (e) {
      log.error(`[api] could not record a refused ${refusal.call}:`, e);
    }
    return { ok: false, error: { code: 'unauthorized', message } };
  };

  return async function route(name, rawInput, caller) {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'invalid_input', message: `Unknown call "${String(name)}".` } };
    }
    const spec = calls[name];
    const roleRefusal = (decision: AccessDecision) =>
      decision.ok ? null : refuse(caller, { call: name, why: 'role', detail: { role: caller.user.role, needs: decision.permission } }, decision.message);
    const early = roleRefusal(mayCallAtAll(caller.user, name));
    if (early) return early;
    let input: unknown = rawInput ?? {};
    if (actorCalls.has(name) && typeof input === 'object' && input !== null && !Array.isArray(input)) {
      const named = (input as { actorId?: unknown }).actorId;
      if (named !== undefined && named !== caller.user.id) {
        return refuse(
          caller,
          { call: name, why: 'named_another_user', detail: { named: typeof named === 'string' ? named.slice(0, 80) : typeof named } },
          'A call acts as the person signed in; this one named someone else. Sign in as that person to act as them.',
        );
      }
      input = { ...input, actorId: caller.user.id };
    }
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
    }
    const late = roleRefusal(mayCall(caller.user, name, parsed.data as never));
    if (late) return late;
    try {
      const fn = impl[name] as (input: unknown, caller: Caller) => Promise<unknown>;
      const value = await fn.call(impl, parsed.data, caller);
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

/** The caller a handler needs; in-process calls without one (CLI, tests) are refused here rather than guessed. */
export function callerOf(caller: Caller | undefined): Caller {
  if (!caller) throw new AppError('unauthorized', 'This call needs a signed-in person. Sign in and try again.');
  return caller;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}
