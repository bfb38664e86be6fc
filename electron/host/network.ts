/**
 * Where `postframe serve` listens and which addresses it answers to (docs/security.md, "Browser mode on a
 * network"). Pure: the CLI checks the flags with it before opening anything, and the host derives its Host
 * allow-list and its Origin from it.
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];
const WILDCARD = ['0.0.0.0', '::', '[::]', ''];

/** A refusal of the serve flags, worded as what to add or change. */
export class NetworkConfigError extends Error {}

export type NetworkPlan = {
  /** The address to bind (as given, brackets removed). */
  bindHost: string;
  /** Bound to this machine only: the loopback names (with the port) are accepted. */
  loopback: boolean;
  tls: boolean;
  /** `--public-url`, or the bind address itself when that is a concrete non-loopback address; null on loopback. */
  publicUrl: URL | null;
};

export function isLoopbackName(host: string): boolean {
  return LOOPBACK_NAMES.includes(host.toLowerCase().replace(/^\[|\]$/g, ''));
}

/**
 * Checks the network flags. Anything other machines can reach needs TLS (passwords and session cookies would
 * otherwise cross the network in clear text) and an address people open (the Host allow-list: DNS rebinding).
 */
export function planNetwork(o: { host?: string; publicUrl?: string; tls: boolean }): NetworkPlan {
  const bindHost = (o.host ?? '127.0.0.1').trim().replace(/^\[|\]$/g, '');
  const loopback = isLoopbackName(bindHost);
  const scheme = o.tls ? 'https' : 'http';
  if (!loopback && !o.tls) {
    throw new NetworkConfigError(
      `--host ${bindHost} lets other machines reach Postframe, so it needs TLS: passwords and session cookies must not cross the network in clear text. ` +
        `Add --tls self-signed (Postframe makes a certificate and keeps it) or --tls-cert FILE --tls-key FILE, ` +
        `and --public-url https://NAME:PORT (the address people open).`,
    );
  }
  let publicUrl: URL | null = null;
  if (o.publicUrl !== undefined) {
    publicUrl = parsePublicUrl(o.publicUrl);
    if (publicUrl.protocol !== `${scheme}:`) {
      throw new NetworkConfigError(
        o.tls
          ? `--public-url ${o.publicUrl} starts with http://, but Postframe serves HTTPS here: use https://${publicUrl.host}.`
          : `--public-url ${o.publicUrl} is https://, but Postframe has no TLS: add --tls self-signed or --tls-cert FILE --tls-key FILE.`,
      );
    }
  } else if (!loopback && WILDCARD.includes(bindHost)) {
    throw new NetworkConfigError(
      `--host ${bindHost} listens on every address of this machine: add --public-url https://NAME:PORT, the address people open ` +
        `(Postframe answers only to that name, which stops DNS rebinding).`,
    );
  }
  return { bindHost, loopback, tls: o.tls, publicUrl };
}

function parsePublicUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new NetworkConfigError(`--public-url ${text} is not an address: give one like https://studio.example.lan:8443.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new NetworkConfigError(`--public-url ${text} must start with https://.`);
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new NetworkConfigError(`--public-url ${text} must be only a scheme, a name and a port (like https://studio.example.lan:8443): Postframe is served at the root.`);
  }
  return url;
}

/** The address people open (the public URL, or on loopback this machine's own), ending in '/'. */
export function publicAddress(plan: NetworkPlan, port: number): string {
  if (plan.publicUrl) return plan.publicUrl.href.endsWith('/') ? plan.publicUrl.href : `${plan.publicUrl.href}/`;
  const scheme = plan.tls ? 'https' : 'http';
  const host = plan.loopback ? (plan.bindHost === '::1' ? '[::1]' : '127.0.0.1') : bracket(plan.bindHost);
  // Through URL, so a default port (443, 80) is left out as browsers leave it out of Host.
  return new URL(`${scheme}://${host}:${port}/`).href;
}

/**
 * The Host header values the host answers to (lower case, `name:port`, the port left out where the scheme's
 * default is, as browsers send it): the public URL's, and the loopback names with our port when bound to
 * loopback. A concrete bind address without --public-url stands for the public URL.
 */
export function allowedHosts(plan: NetworkPlan, port: number): string[] {
  const out: string[] = [];
  if (plan.publicUrl) out.push(plan.publicUrl.host.toLowerCase());
  else if (!plan.loopback) out.push(new URL(publicAddress(plan, port)).host.toLowerCase());
  if (plan.loopback) out.push(`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`);
  return [...new Set(out)];
}

/** Names the generated certificate is for: the public URL's host, the bind address, localhost and 127.0.0.1. */
export function certificateNames(plan: NetworkPlan): string[] {
  const names = [plan.publicUrl?.hostname.replace(/^\[|\]$/g, '') ?? '', WILDCARD.includes(plan.bindHost) || plan.loopback ? '' : plan.bindHost, 'localhost', '127.0.0.1'];
  return [...new Set(names.filter(Boolean).map((n) => n.toLowerCase()))];
}

function bracket(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** What `serve` prints at start (docs/security.md): where it listens, the address, TLS and the allowed hosts. */
export function describeNetwork(o: {
  plan: NetworkPlan;
  port: number;
  tls: null | { fingerprint: string; source: { kind: 'file'; certPath: string } | { kind: 'self-signed'; certPath: string; created: boolean } };
}): string {
  const lines = [
    `Listening on ${bracket(o.plan.bindHost)}:${o.port}${o.plan.loopback ? ' (this machine only)' : ' (other machines can connect)'}`,
    `Address: ${publicAddress(o.plan, o.port)}`,
  ];
  if (!o.tls) lines.push('TLS: off (plain HTTP, this machine only)');
  else if (o.tls.source.kind === 'file') lines.push(`TLS: certificate ${o.tls.source.certPath}`, `  SHA-256 fingerprint ${o.tls.fingerprint}`);
  else {
    lines.push(
      `TLS: self-signed certificate ${o.tls.source.created ? 'made now and kept' : 'kept'} in ${o.tls.source.certPath}`,
      `  SHA-256 fingerprint ${o.tls.fingerprint}`,
      '  Browsers warn about a self-signed certificate: check that the fingerprint they show is this one before you continue.',
    );
  }
  lines.push(`Answers only to: ${allowedHosts(o.plan, o.port).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
