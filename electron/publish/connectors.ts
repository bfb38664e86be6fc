import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type LibrarySecrets, finishScrub, scrubbedRewrite } from '../library/library-secrets';
import type { PostsRepo } from '../library/posts-repo';
import { isSealed } from '../library/secret-crypto';
import { classifyUrlHost } from '../model/net-target';
import {
  type ConnectorKind,
  type ConnectorSettingsInput,
  type ConnectorSettingsView,
  Routes,
  type SecretUnreadable,
  StoredWebhook,
  connectorSettingsChange,
  effectiveRoutes,
  headerNameProblem,
  headerValueProblem,
  secretStaysWith,
  timeoutProblem,
  webhookUrlProblem,
} from '../model/delivery-settings';
import { AppError } from '../model/errors';
import { examplePath, hostOsOf } from '../model/host-os';
import type { Connector } from './delivery';
import type { PostService } from './post-service';
import { folderConnector } from './folder-connector';
import { webhookConnector } from './webhook-connector';

/**
 * The library's connector settings (table `settings`): the folder connector's root, the webhook (URL, an
 * optional secret header, the timeout) and the per-channel choice. Read fresh for every delivery, so a change
 * in Settings applies to the next one. docs/delivery.md "Settings".
 */
export const FOLDER_ROOT_KEY = 'connectors.folder.root';
export const WEBHOOK_KEY = 'connectors.webhook';
export const ROUTES_KEY = 'connectors.routes';

/** Where the webhook's header value is sealed (library/library-secrets.ts): the slot names it in the seal. */
export const WEBHOOK_SECRET_SLOT = 'connectors.webhook.headerValue';

/**
 * The settings with the webhook's secret opened (`headerValue` in plain text, in memory only). `secretUnreadable`:
 * a secret is stored but this machine cannot open it (saved on another machine with another key, or damaged);
 * `headerValue` is null then, and delivery to the webhook waits until an admin enters it again.
 */
export type ConnectorSettings = { folderRoot: string | null; webhook: StoredWebhook | null; routes: Routes; secretUnreadable: SecretUnreadable | null };

export function readConnectorSettings(posts: PostsRepo, secrets: LibrarySecrets): ConnectorSettings {
  const root = posts.setting(FOLDER_ROOT_KEY);
  const hook = StoredWebhook.safeParse(posts.setting(WEBHOOK_KEY));
  const routes = Routes.safeParse(posts.setting(ROUTES_KEY) ?? {});
  let webhook = hook.success ? hook.data : null;
  let secretUnreadable: SecretUnreadable | null = null;
  if (webhook) {
    const read = secrets.open(WEBHOOK_SECRET_SLOT, webhook.headerValue);
    if (read.state === 'other_machine' || read.state === 'damaged') secretUnreadable = read.state;
    webhook = { ...webhook, headerValue: read.state === 'ok' ? read.value : null };
  }
  return {
    folderRoot: typeof root === 'string' && root !== '' ? root : null,
    webhook,
    routes: routes.success ? routes.data : {},
    secretUnreadable,
  };
}

/** The webhook as it is stored: its header value sealed, never in plain text. */
function storedWebhook(w: StoredWebhook | null, secrets: LibrarySecrets): StoredWebhook | null {
  return w && { ...w, headerValue: w.headerValue === null ? null : secrets.seal(WEBHOOK_SECRET_SLOT, w.headerValue) };
}

/**
 * A webhook secret saved in plain text by an older Postframe is sealed when the library is opened, and the file
 * is scrubbed so the old text survives nowhere in it (library/library-secrets.ts scrubbedRewrite); a scrub that
 * could not finish before (the file busy) is finished now. Returns whether the file is clean.
 */
export function sealPlainSecrets(posts: PostsRepo, db: Parameters<typeof scrubbedRewrite>[0], secrets: LibrarySecrets): boolean {
  const hook = StoredWebhook.safeParse(posts.setting(WEBHOOK_KEY));
  if (!hook.success || hook.data.headerValue === null || isSealed(hook.data.headerValue)) return finishScrub(db);
  const plain = hook.data;
  return scrubbedRewrite(db, () => posts.setSetting(WEBHOOK_KEY, storedWebhook(plain, secrets)));
}

/** What delivery says while the webhook's secret cannot be read here; null when it can (or none is set). */
export function webhookSecretProblem(s: ConnectorSettings): string | null {
  if (!s.webhook?.headerName || s.secretUnreadable === null) return null;
  return s.secretUnreadable === 'other_machine'
    ? `The webhook's ${s.webhook.headerName} secret was saved on another computer, so it cannot be read here. An admin enters it again in Settings → Delivery.`
    : `The webhook's ${s.webhook.headerName} secret is damaged in the library. An admin enters it again in Settings → Delivery.`;
}

export const isSet = (s: ConnectorSettings) => ({ folder: s.folderRoot !== null, webhook: s.webhook !== null, routes: s.routes });

/** The settings as the renderer may see them: the secret is only "set" or "not set". */
export function settingsView(s: ConnectorSettings): ConnectorSettingsView {
  return {
    folder: s.folderRoot ? { root: s.folderRoot } : null,
    webhook: s.webhook
      ? {
          url: s.webhook.url,
          headerName: s.webhook.headerName,
          hasHeaderValue: s.webhook.headerValue !== null,
          secretUnreadable: s.secretUnreadable,
          timeoutSec: s.webhook.timeoutSec,
          target: classifyUrlHost(s.webhook.url) ?? 'public',
        }
      : null,
    routes: s.routes,
    effective: effectiveRoutes(isSet(s)),
  };
}

const invalid = (message: string) => new AppError('invalid_input', message);

/**
 * Checks a delivery folder and makes sure it can be written: an absolute path, outside the library (a library is
 * moved and backed up as a whole; deliveries are for others to pick up), created if missing, and writable (a
 * probe file is written and removed). Returns the normalised path.
 */
export async function checkFolderRoot(raw: string, libraryRoot: string): Promise<string> {
  const text = raw.trim();
  // The example is a path of this machine's kind (not a macOS path on Linux or Windows).
  const example = examplePath(hostOsOf(process.platform), 'deliveries');
  if (text === '') throw invalid(`Type the path of the folder posts should be delivered to, e.g. ${example}.`);
  if (!path.isAbsolute(text)) throw invalid(`“${text}” is not a full path. Type the whole path of the folder, starting at the top (e.g. ${example}).`);
  const root = path.resolve(text);
  const rel = path.relative(path.resolve(libraryRoot), root);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    throw invalid(`${root} is inside the library folder. Choose a folder outside it (the library is moved and backed up as a whole), e.g. next to it.`);
  }
  try {
    await fs.mkdir(root, { recursive: true });
    const probe = path.join(root, `.postframe-write-test-${randomBytes(4).toString('hex')}`);
    await fs.writeFile(probe, '');
    await fs.rm(probe, { force: true });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EEXIST' || err.code === 'ENOTDIR' ? 'a file is in the way' : (err.code ?? err.message);
    throw invalid(`Postframe cannot write to ${root} (${why}). Choose a folder you can write to.`);
  }
  return root;
}

/**
 * An admin's change of the connector settings, checked in full (nothing is stored unless every part is
 * valid), stored with its audit entry in one transaction (issue 9 §6). The actor must hold
 * 'delivery.settings' (model/permissions.ts); a refused caller causes no folder probe and no entry.
 * The webhook's secret header stays only while the URL keeps its origin, unless the change brings a new one.
 */
export async function changeConnectorSettings(service: PostService, actorId: string, input: ConnectorSettingsInput, libraryRoot: string, secrets: LibrarySecrets): Promise<ConnectorSettings> {
  service.permitted(actorId, 'delivery.settings');
  // The only slow part (it writes a probe file) runs before the transaction; the rest reads the settings afresh.
  const checkedRoot = input.folder ? await checkFolderRoot(input.folder.root, libraryRoot) : undefined;
  return service.withPermission(actorId, 'delivery.settings', () => {
    const before = readConnectorSettings(service.posts, secrets);
    const after = nextConnectorSettings(before, input, checkedRoot);
    const detail = connectorSettingsChange(before, after, Boolean(input.webhook?.headerValue?.trim()));
    service.posts.setSetting(FOLDER_ROOT_KEY, after.folderRoot ?? '');
    service.posts.setSetting(WEBHOOK_KEY, storedWebhook(after.webhook, secrets));
    service.posts.setSetting(ROUTES_KEY, after.routes);
    return { result: after, audit: detail ? { action: 'delivery_settings', detail } : null };
  });
}

/** The settings after a change (the folder already checked); throws 'invalid_input' saying what to fix. */
function nextConnectorSettings(current: ConnectorSettings, input: ConnectorSettingsInput, checkedRoot: string | undefined): ConnectorSettings {
  const folderRoot = input.folder === null ? null : input.folder ? checkedRoot! : current.folderRoot;
  let webhook = current.webhook;
  if (input.webhook === null) webhook = null;
  else if (input.webhook) {
    const w = input.webhook;
    const url = w.url.trim();
    let headerName = w.headerName?.trim() || null;
    const timeoutSec = w.timeoutSec ?? 60;
    const problem = webhookUrlProblem(url) ?? (headerName ? headerNameProblem(headerName) : null) ?? timeoutProblem(timeoutSec);
    if (problem) throw invalid(problem);
    let headerValue: string | null;
    const stored = current.webhook?.headerValue ?? null;
    if (w.headerValue !== undefined) headerValue = w.headerValue?.trim() || null;
    else if (stored !== null && secretStaysWith(current.webhook!.url, url)) {
      // undefined keeps the stored secret (the renderer never sees it, so it cannot send it back)…
      headerValue = stored;
    } else if (stored !== null) {
      // …but only for the origin it was given for: at a new host the secret header is gone until one is given for it.
      headerValue = null;
      headerName = null;
    } else headerValue = null;
    const valueProblem = headerValue ? headerValueProblem(headerValue) : null;
    if (valueProblem) throw invalid(valueProblem);
    if (headerName && !headerValue && current.secretUnreadable === 'other_machine' && w.headerValue === undefined) {
      throw invalid(`The ${headerName} secret was saved on another computer and cannot be read here. Enter it again.`);
    }
    if (headerName && !headerValue) throw invalid(`Give the value of the ${headerName} header (the secret), or clear the header name.`);
    if (headerValue && !headerName) throw invalid('Give the name of the header that carries the secret, e.g. Authorization.');
    webhook = { url, headerName, headerValue, timeoutSec };
  }
  // A new or removed webhook replaces whatever could not be read; otherwise it still cannot be.
  const secretUnreadable = input.webhook === undefined ? current.secretUnreadable : null;
  return { folderRoot, webhook, routes: input.routes ?? current.routes, secretUnreadable };
}

/** The connector of one kind as configured now; null when that kind is not set. */
export function makeConnector(kind: ConnectorKind, s: ConnectorSettings, version: string): Connector | null {
  if (kind === 'folder') return s.folderRoot ? folderConnector({ root: s.folderRoot }) : null;
  if (!s.webhook) return null;
  const headers = s.webhook.headerName && s.webhook.headerValue ? { [s.webhook.headerName]: s.webhook.headerValue } : undefined;
  return webhookConnector({ url: s.webhook.url, version, timeoutMs: s.webhook.timeoutSec * 1000, headers });
}
