import type { Session } from 'electron';
import { mayGrantPermission, passesPermissionCheck, type RendererTarget } from './trust';

/**
 * Camera, microphone and screen capture (for the Capture room) are granted only to the app's own main frame
 * (trust.ts, unit-tested); everything else is refused, and USB/HID/serial device access outright.
 */
export function installPermissionHandlers(ses: Session, target: RendererTarget): void {
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(mayGrantPermission(permission, { isMainFrame: details.isMainFrame, requestingUrl: details.requestingUrl, pageUrl: webContents.getURL() }, target));
  });
  ses.setPermissionCheckHandler((webContents, permission, requestingOrigin, details) =>
    passesPermissionCheck(permission, { requestingUrl: details.requestingUrl, requestingOrigin, pageUrl: webContents ? webContents.getURL() : null }, target),
  );
  ses.setDevicePermissionHandler(() => false);
}
