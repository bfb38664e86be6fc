import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../../../electron/model/asset';
import { newVideoDraft } from '../../../../../electron/model/draft';
import { reversedKey } from '../../../../../electron/model/reverse';
import { newMediaClip } from '../../../../../electron/model/timeline';
import { playbackSource, readableDraft } from './reversedPreview';

let n = 0;
const idFor = (p: string) => `${p}-${n++}`;

/** A 1080x1920 video with a forward proxy, as `assets.list` gives it. */
const video = { id: 'v1', kind: 'video', width: 1080, height: 1920, durationSec: 10, hasProxy: true, facts: { durationSec: 10, width: 1080, height: 1920 } } as unknown as Asset;

function reversedDraft() {
  const d = newVideoDraft('Rev', '9:16', 30, idFor);
  d.tracks[0]!.clips.push({ ...newMediaClip({ id: 'v1', kind: 'video', durationSec: 10 }, 0, idFor), in: 2, out: 6, reversed: true });
  return d;
}

describe('what a reversed clip previews from', () => {
  it('plays the reversed copy’s proxy when the job made one, else the full copy; forwards clips as before', () => {
    expect(playbackSource({ id: reversedKey('v1'), hasProxy: true })).toEqual({ assetId: 'v1', variant: 'reversed-proxy' });
    expect(playbackSource({ id: reversedKey('v1'), hasProxy: false })).toEqual({ assetId: 'v1', variant: 'reversed' });
    expect(playbackSource({ id: 'v1', hasProxy: true })).toEqual({ assetId: 'v1', variant: 'proxy' });
    expect(playbackSource({ id: 'v1', hasProxy: false })).toEqual({ assetId: 'v1', variant: 'original' });
  });

  it('gives the copy the original’s display size, so draw() scales source rects to the proxy as for a forwards clip', () => {
    const withProxy = readableDraft(reversedDraft(), { v1: video }, { v1: 'proxy' });
    const copy = withProxy.assets[reversedKey('v1')]!;
    expect(copy).toMatchObject({ width: 1080, height: 1920, hasProxy: true });
    expect(playbackSource(copy).variant).toBe('reversed-proxy');
    const clip = withProxy.doc.tracks[0]!.clips[0];
    expect(clip).toMatchObject({ assetId: reversedKey('v1'), in: 4, out: 8 });
    // A copy made before the proxies existed: the full copy, until its proxy is made.
    expect(playbackSource(readableDraft(reversedDraft(), { v1: video }, { v1: 'copy' }).assets[reversedKey('v1')]!).variant).toBe('reversed');
    // Still being made: the clip is left out, never played forwards.
    expect(readableDraft(reversedDraft(), { v1: video }, {}).doc.tracks[0]!.clips).toEqual([]);
  });
});
