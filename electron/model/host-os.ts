import { z } from 'zod';

/**
 * The operating system of the machine Postframe runs on (the Electron app's, or `postframe serve`'s host: in
 * browser mode the folders a person types are on the host, whatever the browser runs on). Example paths in
 * placeholders and messages follow it, so nobody on Linux is shown a macOS path to imitate.
 */
export const HostOs = z.enum(['mac', 'windows', 'linux']);
export type HostOs = z.infer<typeof HostOs>;

/** Node's `process.platform` → HostOs; the other Unixes write paths as Linux does. */
export function hostOsOf(platform: string): HostOs {
  if (platform === 'darwin') return 'mac';
  if (platform === 'win32') return 'windows';
  return 'linux';
}

const EXAMPLES: Record<HostOs, Record<'library' | 'deliveries', string>> = {
  mac: { library: '/Users/me/Movies/Postframe Library', deliveries: '/Users/me/Postframe Deliveries' },
  windows: { library: 'C:\\Users\\me\\Videos\\Postframe Library', deliveries: 'D:\\Postframe Deliveries' },
  linux: { library: '/home/me/Videos/Postframe Library', deliveries: '/home/me/Postframe Deliveries' },
};

/** A full path of the kind a person would type on that system: a library folder, or a delivery folder. */
export function examplePath(os: HostOs, kind: 'library' | 'deliveries'): string {
  return EXAMPLES[os][kind];
}
