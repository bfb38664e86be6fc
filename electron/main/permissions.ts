import type { Session } from 'electron';
import { isAppOrigin, isAppUrl, type RendererTarget } from './trust';

/** Camera/microphone and screen capture (for the Capture room); everything else is refused. */
const GRANTABLE = new Set<string>(['media', 'display-capture']);

/**
 * Permission requests and checks are granted only for the grantable set and only to the app's own main
 * frame. USB/HID/serial device access is refused outright.
 */
export function installPermissionHandlers(ses: Session, target: RendererTarget): void {
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const fromApp = details.isMainFrame && isAppUrl(details.requestingUrl, target) && isAppUrl(webContents.getURL(), target);
    callback(GRANTABLE.has(permission) && fromApp);
  });
  ses.setPermissionCheckHandler((webContents, permission, requestingOrigin, details) => {
    if (!GRANTABLE.has(permission)) return false;
    if (webContents && !isAppUrl(webContents.getURL(), target)) return false;
    if (details.requestingUrl) return isAppUrl(details.requestingUrl, target);
    return isAppOrigin(requestingOrigin, target);
  });
  ses.setDevicePermissionHandler(() => false);
}
