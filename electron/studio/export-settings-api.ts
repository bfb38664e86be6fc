import { PostsRepo } from '../library/posts-repo';
import { type HardwareDetection, hardwareDetection } from '../render/hw-encoders';
import type { ExportSettingsView } from '../model/export-settings';
import { SOFTWARE_ENCODER } from '../model/video-encoder';
import { type ApiPart, type StudioContext } from './context';
import { readHardwareEncoding, writeHardwareEncoding } from './export-settings';

/**
 * Settings → Export (docs/export.md "Hardware encoders"): read the hardware-encoding choice with what this machine
 * offers (open to every role), and change it (admins: 'export.settings', model/permissions.ts). The encoder is the
 * machine's hardware and changes every export of the library, whoever starts it, so it is not one creator's call.
 * A change is an audited 'export_settings' entry.
 */
type Calls = 'exportSettings.get' | 'exportSettings.set';

export function exportSettingsApi(ctx: StudioContext): ApiPart<Calls> {
  const view = async (): Promise<ExportSettingsView> => {
    const rooms = ctx.rooms;
    const hardwareEncoding = readHardwareEncoding(new PostsRepo(rooms.db));
    const d: HardwareDetection = rooms.tools ? await hardwareDetection(rooms.tools, (m) => ctx.log(m)) : { encoder: null, listed: [], refused: [] };
    return {
      hardwareEncoding,
      detected: d.encoder,
      listed: d.listed,
      used: hardwareEncoding === 'auto' && d.encoder ? d.encoder : SOFTWARE_ENCODER,
      ffmpeg: rooms.tools !== null,
    };
  };
  return {
    'exportSettings.get': () => view(),
    async 'exportSettings.set'(input) {
      const repo = new PostsRepo(ctx.rooms.db);
      ctx.postService.withPermission(input.actorId, 'export.settings', () => {
        const from = readHardwareEncoding(repo);
        writeHardwareEncoding(repo, input.hardwareEncoding);
        return { result: null, audit: from === input.hardwareEncoding ? null : { action: 'export_settings', detail: { hardwareEncoding: { from, to: input.hardwareEncoding } } } };
      });
      return view();
    },
  };
}
