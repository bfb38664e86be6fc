/**
 * Why a session ended, as the host tells the page whose socket it closes (close code 4401, this as the reason):
 * the page says so in one line (docs/security.md "Accounts and sessions"). The server decides the reason from what
 * ended the session; the page only words it, and a reason it cannot read is shown as the general "your session ended".
 */
export type SessionEnd =
  | { why: 'signed_out' | 'everywhere' | 'password_changed' | 'password_reset' | 'disabled' | 'expired' }
  | { why: 'library_opened'; library: string };

export type SessionEndWhy = SessionEnd['why'];

const WHYS: readonly SessionEndWhy[] = ['signed_out', 'everywhere', 'password_changed', 'password_reset', 'disabled', 'expired', 'library_opened'];

/** A WebSocket close reason is at most 123 bytes of UTF-8. */
const MAX_REASON_BYTES = 123;

/** `why` or `library_opened:<name>`, the name cut (whole characters) so the whole fits a close frame. */
export function encodeSessionEnd(end: SessionEnd): string {
  if (end.why !== 'library_opened') return end.why;
  const utf8 = new TextEncoder();
  let text = `${end.why}:`;
  for (const ch of end.library) {
    if (utf8.encode(text + ch).length > MAX_REASON_BYTES) break;
    text += ch;
  }
  return text;
}

/** The reason a close frame carried, or null when it is not one of ours (an older host, a proxy's words). */
export function parseSessionEnd(reason: string): SessionEnd | null {
  const colon = reason.indexOf(':');
  const why = (colon < 0 ? reason : reason.slice(0, colon)) as SessionEndWhy;
  if (!WHYS.includes(why)) return null;
  if (why === 'library_opened') return { why, library: colon < 0 ? '' : reason.slice(colon + 1) };
  return colon < 0 ? { why } : null;
}
