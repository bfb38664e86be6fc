import { describe, expect, it } from 'vitest';
import type { TextClip } from '../../../../electron/model/draft';
import { defaultKeyProp, formatKeyValue, keyRows, laneDiamonds, localTime } from './animateLogic';

const text: TextClip = {
  id: 'text-1', type: 'text', start: 2, duration: 3, text: 'Hi',
  style: { font: 'DejaVu Sans', size: 80, color: '#ffffff', bold: true, italic: false, align: 'center', stroke: null, box: null },
  x: 0.5, y: 0.5, maxWidth: 0.8, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null,
  keyframes: { opacity: [{ t: 0, value: 0, easing: 'easeOut' }, { t: 1, value: 1, easing: 'linear' }], scale: [{ t: 1, value: 1.5, easing: 'linear' }] },
};

describe('animate logic', () => {
  it('knows when the playhead is on a key, its easing, and where previous/next go', () => {
    const rows = keyRows(text, { picture: true, sound: false }, 2, 30);
    const op = rows.find((r) => r.prop === 'opacity')!;
    expect(op).toMatchObject({ keyed: true, onKey: true, easing: 'easeOut', lastKey: false, value: 0, prev: null, next: 1 });
    // On the last key (and a lone key) easing shapes nothing: it is the move to the next key.
    expect(keyRows(text, { picture: true, sound: false }, 3, 30).find((r) => r.prop === 'opacity')).toMatchObject({ onKey: true, lastKey: true });
    expect(keyRows(text, { picture: true, sound: false }, 3, 30).find((r) => r.prop === 'scale')).toMatchObject({ onKey: true, lastKey: true });
    expect(keyRows(text, { picture: true, sound: false }, 2.5, 30).find((r) => r.prop === 'opacity')).toMatchObject({ onKey: false, lastKey: false });
    const reveal = rows.find((r) => r.prop === 'reveal')!;
    expect(reveal).toMatchObject({ keyed: false, onKey: false, value: 1 });
    const mid = keyRows(text, { picture: true, sound: false }, 2.5, 30).find((r) => r.prop === 'opacity')!;
    expect(mid.onKey).toBe(false);
    expect(mid.prev).toBe(0);
  });
  it('has no clip-local time outside the clip', () => {
    expect(localTime(text, 1.9, 30)).toBeNull();
    expect(localTime(text, 5.5, 30)).toBeNull();
    expect(localTime(text, 3.51, 30)).toBeCloseTo(1.5, 9);
  });
  it('one lane diamond per keyed frame, with every property keyed there', () => {
    const d = laneDiamonds(text, 30, 100, 3);
    expect(d.map((x) => [x.t, x.props, x.x, x.current])).toEqual([[0, ['opacity'], 200, false], [1, ['opacity', 'scale'], 300, true]]);
  });
  it('formats values and picks a default property', () => {
    expect(formatKeyValue('rotation', 12.4)).toBe('12°');
    expect(formatKeyValue('position', { x: 0.5, y: 0.25 })).toBe('50%, 25%');
    expect(defaultKeyProp(text, { picture: true, sound: false })).toBe('opacity');
  });
});
