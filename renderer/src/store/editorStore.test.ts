import { describe, expect, it, vi } from 'vitest';
import { clipDuration, defaultTextStyle, newVideoDraft, type VideoDraft } from '../../../electron/model/draft';
import { deleteClips, newTextClip, trimClip } from '../../../electron/model/timeline';

/** A draft ending at 6 s (one 6 s title), served by a fake engine. */
let seq = 0;
const idFor = (p: string) => `${p}-${++seq}`;
function sixSeconds(): VideoDraft {
  const d = newVideoDraft('six', '9:16', 30, idFor);
  const title = { ...newTextClip('hi', 0, idFor, defaultTextStyle), id: 'title', duration: 6 };
  return { ...d, tracks: d.tracks.map((t) => (t.kind === 'text' ? { ...t, clips: [title] } : t)) };
}

vi.mock('../api/client', () => ({
  call: vi.fn(async (name: string) => {
    if (name === 'drafts.get') return { id: 'd1', revision: 1, doc: sixSeconds() };
    if (name === 'drafts.save') return { revision: 2, updatedAt: '' };
    if (name === 'assets.get') throw new Error('none');
    if (name === 'jobs.list' || name === 'tags.list') return [];
    if (name === 'assets.list') return { items: [], total: 0 };
    throw new Error(`unexpected call ${name}`);
  }),
  errorText: (e: unknown) => String(e),
  onEvent: () => () => undefined,
  onConnectionStatus: () => () => undefined,
  connectionStatus: () => 'open',
  getBridge: () => null,
  shell: 'browser',
  ApiError: class ApiError extends Error {},
}));

const { useEditor, undo, redo } = await import('./editorStore');

describe('undo history', () => {
  it('an edit right after an undo is its own step, even with the same key within the burst window (redo cannot bring the undone one back over it)', async () => {
    await useEditor.getState().load('d1');
    const s = () => useEditor.getState();
    const titleLength = () => clipDuration(s().doc!.tracks.find((t) => t.kind === 'text')!.clips[0]!);
    s().edit((d) => trimClip(d, 'title', 'end', 4, s().sourceInfo), { key: 'trim:title' });
    s().edit((d) => trimClip(d, 'title', 'end', 3, s().sourceInfo), { key: 'trim:title' });
    expect(useEditor.temporal.getState().pastStates).toHaveLength(1);
    undo();
    expect(titleLength()).toBe(6);
    s().edit((d) => trimClip(d, 'title', 'end', 5, s().sourceInfo), { key: 'trim:title' });
    expect(useEditor.temporal.getState().futureStates).toHaveLength(0);
    redo();
    expect(titleLength()).toBe(5);
    undo();
    expect(titleLength()).toBe(6);
  });
});

describe('the editor store keeps the playhead within the draft', () => {
  it('whoever sets it (playback, scrub, keys, seeks): never before 0 or past the last frame (the end itself is black)', async () => {
    await useEditor.getState().load('d1');
    const s = () => useEditor.getState();
    s().setPlayhead(3.5);
    expect(s().playhead).toBe(3.5);
    s().setPlayhead(9);
    expect(s().playhead).toBe(179 / 30);
    s().setPlayhead(6);
    expect(s().playhead).toBe(179 / 30);
    s().setPlayhead(-2);
    expect(s().playhead).toBe(0);
  });

  it('an edit that shortens the draft pulls the playhead back to its new last frame; undo does not push it out again', async () => {
    await useEditor.getState().load('d1');
    const s = () => useEditor.getState();
    s().setPlayhead(6);
    s().edit((d) => trimClip(d, 'title', 'end', 4, s().sourceInfo));
    expect(s().playhead).toBe(119 / 30);
    undo();
    expect(s().playhead).toBe(119 / 30);
    s().edit((d) => deleteClips(d, ['title']));
    expect(s().playhead).toBe(0);
  });

});
