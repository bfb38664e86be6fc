import type { BrandKit } from '../../../../electron/model/brand-kit';
import type { TextRole, VideoDraft } from '../../../../electron/model/draft';
import { addIntroOutro, addLogo, addWatermark, applyKit, kitLogo, kitTextClip, watermarkLogo, type SizeOf } from '../../../../electron/model/kit-apply';
import { t, tn } from '../../i18n';
import { useStore } from '../../store';
import { idFor, useEditor } from '../../store/editorStore';
import { insertTitle } from './titlePlacement';

/**
 * The editor's brand-kit commands. Each is ONE `edit()` of a pure function from electron/model/kit-apply.ts, so
 * it is one undo step and autosaved. The kit's logos and clips are library assets: their facts are fetched first
 * so placement knows their size and the timeline their length.
 */
const ed = () => useEditor.getState();
const toast = (message: string, tone?: 'error') => useStore.getState().showToast({ message, tone });

const sizeOf: SizeOf = (id) => {
  const a = ed().assets[id];
  return a?.width && a.height ? { width: a.width, height: a.height } : null;
};

async function ensure(ids: (string | null)[]): Promise<void> {
  await ed().ensureAssets(ids.filter((id): id is string => id != null));
}

/** Makes `kit` the draft's kit and re-styles its kit-styled text, logos and watermark (one undo step). */
export async function applyKitToDraft(kit: BrandKit): Promise<void> {
  await ensure([kit.logos.light, kit.logos.dark]);
  let summary = { restyled: 0, repointed: 0, keptLogos: 0 };
  const r = ed().edit((d) => {
    const out = applyKit(d, kit, sizeOf);
    summary = out;
    return { ok: true, draft: out.draft as VideoDraft, clipId: null };
  });
  if (!r?.ok) return;
  toast(tn(summary.keptLogos > 0 ? 'kit.appliedKeptLogos' : 'kit.applied', summary.restyled, { name: kit.name }));
}

export async function addKitLogo(kit: BrandKit): Promise<void> {
  await ensure([kitLogo(kit)]);
  const r = ed().edit((d) => addLogo(d, kit, sizeOf, ed().playhead, ed().sourceInfo, idFor));
  if (r?.ok && r.clipId) ed().selectAndReveal(r.clipId);
}

export async function addKitWatermark(kit: BrandKit): Promise<void> {
  await ensure([watermarkLogo(kit)]);
  const r = ed().edit((d) => addWatermark(d, kit, sizeOf, ed().sourceInfo, idFor));
  if (r?.ok && r.clipId) {
    ed().selectAndReveal(r.clipId);
    toast(t('kit.watermarkAdded'));
  }
}

export async function addKitIntroOutro(kit: BrandKit): Promise<void> {
  await ensure([kit.intro, kit.outro]);
  const r = ed().edit((d) => addIntroOutro(d, kit, ed().sourceInfo, idFor));
  // Say what happened: the timeline moved under the creator's eyes.
  if (r?.ok) toast(t(kit.intro && kit.outro ? 'kit.introOutroAdded' : kit.intro ? 'kit.introAdded' : 'kit.outroAdded'));
}

/** A text clip in the kit's style for `role` at the playhead, or the nearest room (titlePlacement.ts), in one step; its id. */
export function addKitText(kit: BrandKit | null, role: TextRole): string | null {
  return insertTitle((d, slot) => kitTextClip(kit, role, t('editor.defaultText'), slot.start, d.canvas.width, idFor('text'), slot.duration));
}
