import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { clipDuration, SPEED_MAX, SPEED_MIN, type MediaClip, type SpeedRamp, type VideoDraft } from '../../../../electron/model/draft';
import { presetOfRamp, RAMP_PRESETS, rampPreset, type RampPreset } from '../../../../electron/model/speed-ramp-time';
import { type PutAsideCurve, switchToConstant, switchToCurve } from '../../../../electron/model/speed-mode';
import { formatTimecode, setSpeed, setSpeedRamp } from '../../../../electron/model/timeline';
import { t, type MessageKey } from '../../i18n';
import { useEditor } from '../../store/editorStore';
import { addPoint, curveMemoryKey, curvePath, flatRamp, movePoint, nudgePoint, removePoint, speedToUnit, unitToSpeed } from './speedRampLogic';
import { RadioGroup } from '../../ui/RadioGroup';

/**
 * The inspector's Speed rows for a video or audio clip: one constant speed, or a curve (docs/speed-ramps.md) picked
 * from presets and shaped in a small editor. Every change goes through setSpeedRamp / setSpeed, the mode switch through
 * model/speed-mode.ts (Curve brings back the curve Constant put aside). A mode switch or a preset is one undo step; a
 * drag is one too, applied to the draft as it was when the drag began (so a long drag does not trim a frame per move).
 */

const W = 240;
const H = 96;
/** Room around the plot so the end points (at 0 and 1, or at 4× and 0.25×) are drawn whole. */
const PAD = 8;

const ed = () => useEditor.getState();
/** Numbers each drag so two drags in a row are two undo steps. */
let gestureSeq = 0;

function applyRamp(clipId: string, ramp: SpeedRamp | null, opts: { key?: string | null; sticky?: boolean; from?: VideoDraft } = {}): void {
  const { from, ...rest } = opts;
  ed().edit((d) => setSpeedRamp(from ?? d, clipId, ramp, ed().sourceInfo), { key: rest.key === undefined ? `ramp:${clipId}` : rest.key, sticky: rest.sticky });
}

/**
 * Curves put aside by switching a clip to Constant, for the session (the draft stores only what plays): Curve
 * brings the clip's last curve back (model/speed-mode.ts). Kept outside the Inspector, so selecting another clip
 * and coming back still finds it; undo needs nothing from it (each switch is a draft edit), nothing renders from it.
 */
const curvesPutAside = new Map<string, PutAsideCurve>();

/** Constant: the curve is put aside. Its own undo step, whatever was clicked just before. */
function toConstant(clipId: string): void {
  const doc = ed().doc;
  if (!doc) return;
  const { result, aside } = switchToConstant(doc, clipId, ed().sourceInfo);
  if (ed().edit(() => result, { key: null })?.ok && aside) {
    curvesPutAside.set(curveMemoryKey(ed().draftId, clipId), aside);
  }
}

/** Curve: the clip's last curve back (exactly, if nothing else changed it), else a flat curve at its speed. One undo step. */
function toCurve(clip: MediaClip): void {
  const aside = curvesPutAside.get(curveMemoryKey(ed().draftId, clip.id)) ?? null;
  ed().edit((d) => switchToCurve(d, clip.id, aside, flatRamp(clip.speed), ed().sourceInfo), { key: null });
}

export function SpeedSection({ clip }: { clip: MediaClip }) {
  const fps = useEditor((s) => s.doc?.canvas.fps ?? 30);
  const curve = clip.speedRamp;
  return (
    <div className="speed" data-testid="speed-section">
      <div className="insp-row insp-row--block">
        <span className="insp-row__label">{t('inspector.speed')}</span>
        <RadioGroup className="segmented segmented--full" aria-label={t('inspector.speed')}>
          <button type="button" role="radio" aria-checked={!curve} className="segmented__item" onClick={() => curve && toConstant(clip.id)} data-testid="speed-mode-constant">
            {t('speed.constant')}
          </button>
          <button type="button" role="radio" aria-checked={!!curve} className="segmented__item" onClick={() => !curve && toCurve(clip)} data-testid="speed-mode-curve">
            {t('speed.curve')}
          </button>
        </RadioGroup>
      </div>
      {curve ? (
        <>
          <div className="speed__presets" role="group" aria-label={t('speed.presets')}>
            {RAMP_PRESETS.map((name) => (
              <PresetButton key={name} name={name} chosen={presetOfRamp(curve) === name} onPick={() => applyRamp(clip.id, rampPreset(name), { key: null })} />
            ))}
          </div>
          <CurveEditor clip={clip} ramp={curve} />
        </>
      ) : (
        <label className="insp-row">
          <span className="insp-row__label">{t('speed.rate')}</span>
          <input
            type="range"
            min={SPEED_MIN}
            max={SPEED_MAX}
            step={0.05}
            value={clip.speed}
            onChange={(e) => ed().edit((d) => setSpeed(d, clip.id, Number(e.target.value), ed().sourceInfo), { key: `speed:${clip.id}` })}
            data-testid="insp-speed"
          />
          <span className="insp-row__value mono">{`${clip.speed.toFixed(2)}×`}</span>
        </label>
      )}
      <p className="speed__length" data-testid="speed-length">
        {t('speed.plays', { time: formatTimecode(clipDuration(clip), fps) })}
      </p>
    </div>
  );
}

function PresetButton({ name, chosen, onPick }: { name: RampPreset; chosen: boolean; onPick: () => void }) {
  const label = t(`speed.preset.${name}` as MessageKey);
  return (
    <button type="button" className={`speed-preset${chosen ? ' speed-preset--on' : ''}`} aria-pressed={chosen} onClick={onPick} data-testid={`speed-preset-${name}`} title={label}>
      <svg viewBox="0 0 48 24" className="speed-preset__img" aria-hidden>
        <line x1="0" y1="12" x2="48" y2="12" className="speed-preset__one" />
        <path d={curvePath(rampPreset(name), 48, 24, 24)} className="speed-preset__curve" />
      </svg>
      <span className="speed-preset__name">{label}</span>
    </button>
  );
}

function CurveEditor({ clip, ramp }: { clip: MediaClip; ramp: SpeedRamp }) {
  const svg = useRef<SVGSVGElement>(null);
  const [sel, setSel] = useState(1);
  const drag = useRef<{ index: number; from: VideoDraft; key: string } | null>(null);
  const selected = Math.min(sel, ramp.points.length - 1);
  const pointAt = (e: PointerEvent) => {
    const r = svg.current!.getBoundingClientRect();
    return { at: ((e.clientX - r.left) / r.width) * ((W + 2 * PAD) / W) - PAD / W, u: 1 - (((e.clientY - r.top) / r.height) * (H + 2 * PAD) - PAD) / H };
  };

  const onDown = (e: PointerEvent<SVGCircleElement>, index: number) => {
    const from = ed().doc;
    if (!from) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    setSel(index);
    drag.current = { index, from, key: `ramp-drag:${clip.id}:${++gestureSeq}` };
  };
  const onMove = (e: PointerEvent<SVGCircleElement>) => {
    const d = drag.current;
    if (!d) return;
    const { at, u } = pointAt(e);
    // The curve as it was when the drag began, with this point moved: one sticky undo step for the gesture.
    const start = d.from.tracks.flatMap((tr) => tr.clips).find((c) => c.id === clip.id);
    const base = start?.type === 'media' && start.speedRamp ? start.speedRamp : ramp;
    applyRamp(clip.id, movePoint(base, d.index, at, unitToSpeed(u)), { key: d.key, sticky: true, from: d.from });
  };
  const onUp = () => {
    drag.current = null;
  };
  const onKey = (e: KeyboardEvent<SVGCircleElement>, index: number) => {
    if (e.key === 'Delete' || e.key === 'Backspace') {
      const next = removePoint(ramp, index);
      if (next) applyRamp(clip.id, next);
      e.preventDefault();
      return;
    }
    const next = nudgePoint(ramp, index, e.key, e.shiftKey);
    if (!next) return;
    e.preventDefault();
    applyRamp(clip.id, next);
  };
  const onDoubleClick = (e: React.MouseEvent<SVGSVGElement>) => {
    const r = svg.current!.getBoundingClientRect();
    const added = addPoint(ramp, ((e.clientX - r.left) / r.width) * ((W + 2 * PAD) / W) - PAD / W);
    if (added) {
      applyRamp(clip.id, added.ramp);
      setSel(added.index);
    }
  };
  const add = () => {
    const added = addPoint(ramp);
    if (added) {
      applyRamp(clip.id, added.ramp);
      setSel(added.index);
    }
  };
  const remove = () => {
    const next = removePoint(ramp, selected);
    if (next) applyRamp(clip.id, next);
  };

  return (
    <div className="speed-curve">
      <svg ref={svg} viewBox={`${-PAD} ${-PAD} ${W + 2 * PAD} ${H + 2 * PAD}`} className="speed-curve__svg" onDoubleClick={onDoubleClick} data-testid="speed-curve" role="group" aria-label={t('speed.editor')}>
        <line x1="0" y1={H / 2} x2={W} y2={H / 2} className="speed-curve__one" />
        <text x="4" y="11" className="speed-curve__axis">{`${SPEED_MAX}×`}</text>
        <text x="4" y={H / 2 - 3} className="speed-curve__axis">1×</text>
        <text x="4" y={H - 3} className="speed-curve__axis">{`${SPEED_MIN}×`}</text>
        <path d={curvePath(ramp, W, H)} className="speed-curve__line" />
        {ramp.points.map((p, i) => (
          <circle
            key={i}
            cx={p.at * W}
            cy={(1 - speedToUnit(p.speed)) * H}
            r={i === selected ? 7 : 5.5}
            className={`speed-curve__point${i === selected ? ' speed-curve__point--on' : ''}`}
            tabIndex={0}
            role="slider"
            aria-label={t('speed.point', { n: i + 1 })}
            aria-valuemin={SPEED_MIN}
            aria-valuemax={SPEED_MAX}
            aria-valuenow={p.speed}
            aria-valuetext={`${p.speed.toFixed(2)}×`}
            onFocus={() => setSel(i)}
            onPointerDown={(e) => onDown(e, i)}
            onPointerMove={onMove}
            onPointerUp={onUp}
            onPointerCancel={onUp}
            onKeyDown={(e) => onKey(e, i)}
            data-testid={`speed-point-${i}`}
          />
        ))}
      </svg>
      <div className="speed-curve__bar">
        <span className="mono speed-curve__value" data-testid="speed-point-value">
          {t('speed.pointValue', { n: selected + 1, speed: ramp.points[selected]!.speed.toFixed(2) })}
        </span>
        <button type="button" className="btn btn--sm" onClick={add} disabled={addPoint(ramp) === null} data-testid="speed-add-point">
          {t('speed.addPoint')}
        </button>
        <button type="button" className="btn btn--sm" onClick={remove} disabled={removePoint(ramp, selected) === null} data-testid="speed-remove-point">
          {t('speed.removePoint')}
        </button>
      </div>
      <p className="speed-curve__hint">{t('speed.hint')}</p>
    </div>
  );
}
