/**
 * Pointer gestures (drag a clip, trim an edge, scrub the ruler) as a small controller: a pure state machine
 * (`gestureStep`) fed by listeners on the window, so a gesture never depends on the element it started on.
 *
 * Why not listeners on that element with `setPointerCapture`: React moves a clip's DOM node when the clip
 * changes place in its track, and Chromium ends pointer capture when the captured node is moved. The element
 * then stops hearing the pointer (the clip stops following it) and, when the button is released elsewhere,
 * its listeners stay attached and the next hover edits the draft. Here a gesture:
 *  - listens on the window (capture phase, so nothing can stop the events reaching it);
 *  - may hold pointer capture on a stable element (`captureOn`, one React never moves) so the pointer keeps
 *    reporting outside the window; losing that capture ends the gesture;
 *  - ends on pointerup, pointercancel, lost capture, window blur, or a move with no button pressed (the
 *    release happened where no event reached us), and after it ends nothing it does can run again;
 *  - is the only one: starting another ends the previous.
 */

/** The attribute that marks a stable element (e.g. the timeline) able to hold a gesture's pointer capture. */
export const GESTURE_HOST = 'data-gesture-host';

/** What a gesture reads from a pointer event (a DOM PointerEvent has all of it). */
export type PointerSample = {
  type: string;
  pointerId: number;
  buttons: number;
  clientX: number;
  clientY: number;
  altKey: boolean;
  shiftKey: boolean;
  target?: EventTarget | null;
};

export type GestureEndReason = 'up' | 'cancel' | 'lost' | 'released' | 'blur' | 'replaced' | 'stopped';

export type GestureState = {
  readonly pointerId: number;
  readonly x0: number;
  readonly y0: number;
  /** Pixels the pointer must travel before moves count (a click is not a drag). */
  readonly slop: number;
  /** The element holding our pointer capture, if any: only its lost capture ends the gesture. */
  readonly captureTarget: unknown;
  readonly moving: boolean;
  readonly ended: GestureEndReason | null;
};

export type GestureStep =
  | { kind: 'ignore' }
  | { kind: 'move'; dx: number; dy: number }
  | { kind: 'end'; reason: GestureEndReason; moved: boolean };

export function gestureStart(down: Pick<PointerSample, 'pointerId' | 'clientX' | 'clientY'>, opts: { slop?: number; captureTarget?: unknown } = {}): GestureState {
  return { pointerId: down.pointerId, x0: down.clientX, y0: down.clientY, slop: opts.slop ?? 0, captureTarget: opts.captureTarget ?? null, moving: false, ended: null };
}

const IGNORE: GestureStep = { kind: 'ignore' };

/** One event in, the next state and what the gesture should do. Pure. */
export function gestureStep(state: GestureState, ev: PointerSample | { type: 'blur' }): { state: GestureState; step: GestureStep } {
  if (state.ended) return { state, step: IGNORE };
  const end = (reason: GestureEndReason) => ({ state: { ...state, ended: reason }, step: { kind: 'end', reason, moved: state.moving } as GestureStep });
  if (ev.type === 'blur') return end('blur');
  if (!('pointerId' in ev) || ev.pointerId !== state.pointerId) return { state, step: IGNORE };
  switch (ev.type) {
    case 'pointerup':
      return end('up');
    case 'pointercancel':
      return end('cancel');
    case 'lostpointercapture':
      // Only the capture we took counts: a touch's implicit capture moving away from a node is not an end.
      return state.captureTarget !== null && ev.target === state.captureTarget ? end('lost') : { state, step: IGNORE };
    case 'pointermove': {
      // No button down: the release happened where no event reached us (outside the window, a dialog).
      if ((ev.buttons & 1) === 0) return end('released');
      const dx = ev.clientX - state.x0;
      const dy = ev.clientY - state.y0;
      if (!state.moving && Math.hypot(dx, dy) < state.slop) return { state, step: IGNORE };
      return { state: state.moving ? state : { ...state, moving: true }, step: { kind: 'move', dx, dy } };
    }
    default:
      return { state, step: IGNORE };
  }
}

export type GestureHandlers = {
  /** Called for each move past the slop, with the offset from where the gesture began. */
  onMove: (dx: number, dy: number, ev: PointerSample) => void;
  /** Called exactly once, however the gesture ends. */
  onEnd?: (reason: GestureEndReason, moved: boolean) => void;
};

export type GestureOptions = GestureHandlers & {
  slop?: number;
  /** A stable element (never moved or unmounted by React during the gesture) to hold pointer capture. */
  captureOn?: Element | null;
  /** Where to listen; the window in the app, any EventTarget in tests. */
  listenOn?: EventTarget;
};

export type Gesture = { readonly state: GestureState; stop: () => void };

const POINTER_EVENTS = ['pointermove', 'pointerup', 'pointercancel', 'lostpointercapture'] as const;
/** The one gesture in progress and how to end it when another starts. */
let current: { gesture: Gesture; replace: () => void } | null = null;

/** The gesture in progress, if any. */
export function activeGesture(): Gesture | null {
  return current?.gesture ?? null;
}

/** Starts a gesture from its pointerdown; it ends itself (see the module comment). */
export function startGesture(down: PointerSample, opts: GestureOptions): Gesture {
  current?.replace();
  const target = opts.listenOn ?? window;
  const captureOn = opts.captureOn ?? null;
  let captured = false;
  if (captureOn) {
    try {
      captureOn.setPointerCapture(down.pointerId);
      captured = true;
    } catch {
      // The pointer is gone already (released before we got here): the first event without buttons ends it.
    }
  }
  let state = gestureStart(down, { slop: opts.slop, captureTarget: captured ? captureOn : null });

  const finish = (reason: GestureEndReason, moved: boolean) => {
    for (const type of POINTER_EVENTS) target.removeEventListener(type, onPointer, true);
    target.removeEventListener('blur', onBlur);
    if (captured && captureOn?.hasPointerCapture(down.pointerId)) {
      try {
        captureOn.releasePointerCapture(down.pointerId);
      } catch {
        // Already released.
      }
    }
    if (current?.gesture === gesture) current = null;
    opts.onEnd?.(reason, moved);
  };
  const feed = (ev: PointerSample | { type: 'blur' }) => {
    const r = gestureStep(state, ev);
    state = r.state;
    if (r.step.kind === 'move') opts.onMove(r.step.dx, r.step.dy, ev as PointerSample);
    else if (r.step.kind === 'end') finish(r.step.reason, r.step.moved);
  };
  const onPointer = (ev: Event) => feed(ev as unknown as PointerSample);
  const onBlur = () => feed({ type: 'blur' });
  const stopWith = (reason: GestureEndReason) => {
    if (state.ended) return;
    const moved = state.moving;
    state = { ...state, ended: reason };
    finish(reason, moved);
  };

  for (const type of POINTER_EVENTS) target.addEventListener(type, onPointer, true);
  target.addEventListener('blur', onBlur);
  const gesture: Gesture = {
    get state() {
      return state;
    },
    stop: () => stopWith('stopped'),
  };
  current = { gesture, replace: () => stopWith('replaced') };
  return gesture;
}
