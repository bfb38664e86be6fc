import { describe, expect, it } from 'vitest';
import { activeGesture, gestureStart, gestureStep, startGesture, type GestureEndReason, type PointerSample } from './gesture';

const sample = (type: string, x: number, extra: Partial<PointerSample> = {}): PointerSample => ({
  type,
  pointerId: 1,
  buttons: type === 'pointerup' ? 0 : 1,
  clientX: x,
  clientY: 10,
  altKey: false,
  shiftKey: false,
  ...extra,
});

/** A DOM-like event carrying the pointer fields, dispatched on a plain EventTarget (no browser needed). */
function fire(target: EventTarget, s: PointerSample): void {
  const { type, pointerId, buttons, clientX, clientY, altKey, shiftKey } = s;
  target.dispatchEvent(Object.assign(new Event(type), { pointerId, buttons, clientX, clientY, altKey, shiftKey }));
}

describe('gestureStep (pure)', () => {
  it('moves by the offset from the press, past the slop only', () => {
    let st = gestureStart({ pointerId: 1, clientX: 100, clientY: 10 }, { slop: 3 });
    let r = gestureStep(st, sample('pointermove', 102));
    expect(r.step).toEqual({ kind: 'ignore' });
    st = r.state;
    r = gestureStep(st, sample('pointermove', 140));
    expect(r.step).toEqual({ kind: 'move', dx: 40, dy: 0 });
    // Once moving, small offsets count too (dragging back to the start is a move).
    r = gestureStep(r.state, sample('pointermove', 101));
    expect(r.step).toEqual({ kind: 'move', dx: 1, dy: 0 });
  });

  it.each([
    ['pointerup', 'up'],
    ['pointercancel', 'cancel'],
  ] as const)('%s ends it wherever it happens', (type, reason) => {
    const st = gestureStart({ pointerId: 1, clientX: 0, clientY: 0 });
    expect(gestureStep(st, sample(type, 5000)).step).toEqual({ kind: 'end', reason, moved: false });
  });

  it('a move with no button pressed ends it instead of moving (the release was never heard)', () => {
    let st = gestureStart({ pointerId: 1, clientX: 0, clientY: 0 });
    st = gestureStep(st, sample('pointermove', 50)).state;
    const r = gestureStep(st, sample('pointermove', 80, { buttons: 0 }));
    expect(r.step).toEqual({ kind: 'end', reason: 'released', moved: true });
    // And nothing afterwards does anything.
    expect(gestureStep(r.state, sample('pointermove', 90)).step).toEqual({ kind: 'ignore' });
    expect(gestureStep(r.state, sample('pointerup', 90)).step).toEqual({ kind: 'ignore' });
  });

  it('ignores other pointers (a second finger)', () => {
    const st = gestureStart({ pointerId: 1, clientX: 0, clientY: 0 });
    expect(gestureStep(st, sample('pointerup', 0, { pointerId: 2 })).step).toEqual({ kind: 'ignore' });
    expect(gestureStep(st, sample('pointermove', 40, { pointerId: 2 })).step).toEqual({ kind: 'ignore' });
  });

  it('lost capture ends it only for the element that holds our capture', () => {
    const holder = {};
    const st = gestureStart({ pointerId: 1, clientX: 0, clientY: 0 }, { captureTarget: holder });
    expect(gestureStep(st, sample('lostpointercapture', 0, { target: {} as EventTarget })).step).toEqual({ kind: 'ignore' });
    expect(gestureStep(st, sample('lostpointercapture', 0, { target: holder as EventTarget })).step).toMatchObject({ kind: 'end', reason: 'lost' });
    // Without a capture of our own, a node losing (implicit) capture is no reason to stop.
    const free = gestureStart({ pointerId: 1, clientX: 0, clientY: 0 });
    expect(gestureStep(free, sample('lostpointercapture', 0, { target: holder as EventTarget })).step).toEqual({ kind: 'ignore' });
  });

  it('window blur ends it', () => {
    const st = gestureStart({ pointerId: 1, clientX: 0, clientY: 0 });
    expect(gestureStep(st, { type: 'blur' }).step).toMatchObject({ kind: 'end', reason: 'blur' });
  });
});

describe('startGesture (listeners)', () => {
  function run(target: EventTarget) {
    const moves: number[] = [];
    const ends: GestureEndReason[] = [];
    const g = startGesture(sample('pointerdown', 100), { listenOn: target, onMove: (dx) => moves.push(dx), onEnd: (r) => ends.push(r) });
    return { g, moves, ends };
  }

  it('follows the pointer, ends on pointerup, and then hears nothing more', () => {
    const win = new EventTarget();
    const { moves, ends } = run(win);
    fire(win, sample('pointermove', 110));
    fire(win, sample('pointermove', 400));
    fire(win, sample('pointerup', 400));
    // After the release: hovering with no button, or a new press elsewhere, is none of this gesture's business.
    fire(win, sample('pointermove', 120, { buttons: 0 }));
    fire(win, sample('pointermove', 130));
    expect(moves).toEqual([10, 300]);
    expect(ends).toEqual(['up']);
    expect(activeGesture()).toBeNull();
  });

  it('a hover without buttons after a release it never heard ends it without moving anything', () => {
    const win = new EventTarget();
    const { moves, ends } = run(win);
    fire(win, sample('pointermove', 150));
    fire(win, sample('pointermove', 160, { buttons: 0 }));
    fire(win, sample('pointermove', 170, { buttons: 0 }));
    expect(moves).toEqual([50]);
    expect(ends).toEqual(['released']);
  });

  it('starting a second gesture ends the first; stop() ends it once', () => {
    const win = new EventTarget();
    const a = run(win);
    const b = run(win);
    expect(a.ends).toEqual(['replaced']);
    expect(activeGesture()).toBe(b.g);
    fire(win, sample('pointermove', 120));
    expect(a.moves).toEqual([]);
    expect(b.moves).toEqual([20]);
    b.g.stop();
    b.g.stop();
    expect(b.ends).toEqual(['stopped']);
    expect(activeGesture()).toBeNull();
  });

  it('releases the capture it took when it ends', () => {
    const win = new EventTarget();
    const held = new Set<number>();
    const el = {
      setPointerCapture: (id: number) => void held.add(id),
      releasePointerCapture: (id: number) => void held.delete(id),
      hasPointerCapture: (id: number) => held.has(id),
    } as unknown as Element;
    const ends: GestureEndReason[] = [];
    startGesture(sample('pointerdown', 0), { listenOn: win, captureOn: el, onMove: () => undefined, onEnd: (r) => ends.push(r) });
    expect(held.has(1)).toBe(true);
    fire(win, sample('pointercancel', 0));
    expect(held.has(1)).toBe(false);
    expect(ends).toEqual(['cancel']);
  });
});
