import { z } from 'zod';
import { hostKinds } from './net-target';
import { ChannelId, channelIds } from './post';

/**
 * Where posts go: the library's connector settings (folder, webhook) and which connector each channel uses.
 * Pure: schemas, the routing rule and the checks that need no I/O (URL, header). docs/delivery.md "Settings".
 */
export const ConnectorKind = z.enum(['folder', 'webhook']);
export type ConnectorKind = z.infer<typeof ConnectorKind>;

export const WEBHOOK_TIMEOUT_SEC = { min: 5, max: 600, default: 60 } as const;

/** The webhook as stored in the library (the header value is a secret: it never goes back to the renderer). */
export const StoredWebhook = z.object({
  url: z.string(),
  headerName: z.string().nullable(),
  headerValue: z.string().nullable(),
  timeoutSec: z.number().int(),
});
export type StoredWebhook = z.infer<typeof StoredWebhook>;

/** A stored secret this machine cannot open: saved on another one (with another key), or damaged. */
export const SecretUnreadable = z.enum(['other_machine', 'damaged']);
export type SecretUnreadable = z.infer<typeof SecretUnreadable>;

export const Routes = z.partialRecord(ChannelId, ConnectorKind);
export type Routes = z.infer<typeof Routes>;

/** What the API shows: everything but the secret, and the connector each channel uses now. */
export const ConnectorSettingsView = z.object({
  folder: z.object({ root: z.string() }).nullable(),
  webhook: z
    .object({
      url: z.string(),
      headerName: z.string().nullable(),
      hasHeaderValue: z.boolean(),
      secretUnreadable: SecretUnreadable.nullable(),
      timeoutSec: z.number().int(),
      /** Where the URL's host points: anything but 'public' is warned about (this computer, a private network, link-local). */
      target: z.enum(hostKinds),
    })
    .nullable(),
  /** Per-channel choices a person made (used when both connectors are set). */
  routes: Routes,
  /** The connector each channel goes to with these settings; null when none is set. */
  effective: z.record(ChannelId, ConnectorKind.nullable()),
});
export type ConnectorSettingsView = z.infer<typeof ConnectorSettingsView>;

/** A change: a field left out stays as it is; null removes that connector. */
export const ConnectorSettingsInput = z.object({
  folder: z.object({ root: z.string().max(4096) }).nullable().optional(),
  webhook: z
    .object({
      url: z.string().max(2048),
      headerName: z.string().max(128).nullable().default(null),
      /** undefined keeps the stored secret while the URL stays on the same origin; null or '' removes it. */
      headerValue: z.string().max(8192).nullable().optional(),
      timeoutSec: z.number().int().default(WEBHOOK_TIMEOUT_SEC.default),
    })
    .nullable()
    .optional(),
  routes: Routes.optional(),
});
export type ConnectorSettingsInput = z.input<typeof ConnectorSettingsInput>;

/**
 * The connector a channel's deliveries go to. Each channel goes to exactly one place, so a delivery has one
 * ledger row and one outcome: with one connector set every channel goes there; with both, each channel goes
 * where the person chose (the webhook unless they chose the folder).
 */
export function routeFor(channel: ChannelId, s: { folder: boolean; webhook: boolean; routes: Routes }): ConnectorKind | null {
  if (s.folder && s.webhook) return s.routes[channel] ?? 'webhook';
  if (s.webhook) return 'webhook';
  if (s.folder) return 'folder';
  return null;
}

export function effectiveRoutes(s: { folder: boolean; webhook: boolean; routes: Routes }): Record<ChannelId, ConnectorKind | null> {
  return Object.fromEntries(channelIds.map((c) => [c, routeFor(c, s)])) as Record<ChannelId, ConnectorKind | null>;
}

/** A URL's origin (scheme, host, port as the URL parser spells them: case and default ports normalised), or null. */
export function originOf(raw: string): string | null {
  try {
    const origin = new URL(raw.trim()).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Whether a stored secret header may stay with a webhook whose address changes from `from` to `to`: only
 * when both are the same origin. A secret is given for one receiver; a new host must be given its own, or an
 * edited URL would hand the old receiver's credentials to whoever runs the new one.
 */
export function secretStaysWith(from: string, to: string): boolean {
  const a = originOf(from);
  return a !== null && a === originOf(to);
}

/** What the audit log records of a webhook: everything but the secret's value. */
const publicWebhook = (w: StoredWebhook | null) => (w ? { url: w.url, headerName: w.headerName, timeoutSec: w.timeoutSec } : null);

export type SecretChange = 'set' | 'kept' | 'cleared' | 'none';

/**
 * The audit entry's detail for a settings change: each part that changed, from and to, and for the webhook
 * whether its secret was set (a value came with the call), kept, cleared, or never there. Never the secret.
 * null when nothing changed.
 */
export function connectorSettingsChange(
  before: { folderRoot: string | null; webhook: StoredWebhook | null; routes: Routes },
  after: { folderRoot: string | null; webhook: StoredWebhook | null; routes: Routes },
  secretGiven: boolean,
): Record<string, unknown> | null {
  const detail: Record<string, unknown> = {};
  if (before.folderRoot !== after.folderRoot) detail.folder = { from: before.folderRoot, to: after.folderRoot };
  const had = before.webhook?.headerValue ?? null;
  const has = after.webhook?.headerValue ?? null;
  const secret: SecretChange = has !== null && secretGiven ? 'set' : has !== null ? 'kept' : had !== null ? 'cleared' : 'none';
  const hookFrom = publicWebhook(before.webhook);
  const hookTo = publicWebhook(after.webhook);
  if (JSON.stringify(hookFrom) !== JSON.stringify(hookTo) || secret === 'set' || secret === 'cleared') detail.webhook = { from: hookFrom, to: hookTo, secret };
  if (JSON.stringify(sortedRoutes(before.routes)) !== JSON.stringify(sortedRoutes(after.routes))) detail.routes = { from: before.routes, to: after.routes };
  return Object.keys(detail).length > 0 ? detail : null;
}

const sortedRoutes = (r: Routes) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Headers Postframe sets itself; a configured header may not replace them. */
const RESERVED_HEADERS = new Set(['content-type', 'content-length', 'idempotency-key', 'user-agent', 'host', 'accept', 'transfer-encoding', 'connection']);

/** What is wrong with a webhook URL, or null. */
export function webhookUrlProblem(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return 'Type the webhook’s address, e.g. https://hooks.example.com/postframe.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `“${text}” is not a web address. Type the whole address, starting with https://.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `The webhook must be an http:// or https:// address, not ${url.protocol}//.`;
  if (url.username || url.password) return 'Take the user name and password out of the address and put them in the secret header instead (e.g. Authorization).';
  if (url.hash) return 'Take the #… part out of the address: it is never sent to the server.';
  return null;
}

/** What is wrong with a header name (an HTTP token that Postframe does not set itself), or null. */
export function headerNameProblem(name: string): string | null {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return `“${name}” cannot be a header name: use letters, digits and dashes, e.g. Authorization or X-Api-Key.`;
  if (RESERVED_HEADERS.has(name.toLowerCase())) return `Postframe sets ${name} itself. Use another header for the secret, e.g. Authorization.`;
  return null;
}

export function headerValueProblem(value: string): string | null {
  // eslint-disable-next-line no-control-regex -- a line break or control character would split the request
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) return 'The secret has a line break or a control character in it. Paste it again without them.';
  return null;
}

export function timeoutProblem(sec: number): string | null {
  if (!Number.isInteger(sec) || sec < WEBHOOK_TIMEOUT_SEC.min || sec > WEBHOOK_TIMEOUT_SEC.max) {
    return `The timeout must be a whole number of seconds from ${WEBHOOK_TIMEOUT_SEC.min} to ${WEBHOOK_TIMEOUT_SEC.max}.`;
  }
  return null;
}
