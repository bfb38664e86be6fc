import { memo, useRef, type ReactNode } from 'react';
import { canvasPresets, clipDuration, transitionKinds, CanvasPreset, type Clip, type MediaClip, type Reframe, type TextClip, type TextStyle, type TransitionKind } from '../../../../electron/model/draft';
import { useFontFamilies } from './useFontFamilies';
import { BoldSwitch, SyntheticBoldNote } from '../../ui/BoldSwitch';
import { withFamily } from '../../../../electron/model/font-weights';
import { findClip, formatTimecode, setCanvasFps, setTransition, updateClip, type ClipPatch } from '../../../../electron/model/timeline';
import { scaleTextStyle, textPresets } from '../../../../electron/model/text-presets';
import { t, type MessageKey } from '../../i18n';
import { formatDimensions } from '../../i18n/format';
import { useEditor } from '../../store/editorStore';
import { AnimateSection } from './AnimateSection';
import { DuckingControls } from './DuckingControls';
import { BeatsControls } from './BeatsControls';
import { ChromaKeySection } from './ChromaKeySection';
import { LookSection } from './LookSection';
import { KeyedSlider } from './KeyedSlider';
import { ReverseControls } from './ReverseControls';
import { SpeedSection } from './SpeedSection';
import { sourceRange } from './sourceRangeLogic';
import { useDraftKit } from './kitStore';
import { useTextEntry } from './useTextEntry';
import { RadioGroup } from '../../ui/RadioGroup';

/** Right panel: the selected clip's settings, or the canvas's when nothing is selected. */
export function Inspector() {
  // Select stable values (findClip builds a new object, which must not be a zustand selector's result): the
  // selected clip is the document's own object, the same until that clip changes, so an edit elsewhere in the
  // draft (a ripple, a move of another clip) does not re-render the inspector.
  const id = useEditor((s) => s.selection[0] ?? null);
  // Not deferred (useDeferredValue): the inspector's range inputs are controlled, and React would put a stale
  // value back into one after each key press, losing steps.
  const clip = useEditor((s) => (id && s.doc ? (findClip(s.doc, id)?.clip ?? null) : null));
  // Where it sits, as one primitive: 'main-first', 'main' or 'other'.
  const place = useEditor((s) => {
    const f = id && s.doc ? findClip(s.doc, id) : null;
    return f?.track.kind !== 'main' ? 'other' : f.clipIndex === 0 ? 'main-first' : 'main';
  });
  const isMain = place !== 'other';
  const isFirst = place === 'main-first';
  return (
    <aside className="inspector" aria-label={t('inspector.title')} data-testid="inspector" data-region="inspector">
      {clip ? clip.type === 'text' ? <TextInspector clip={clip} /> : <MediaInspector clip={clip} isMain={isMain} isFirst={isFirst} /> : <CanvasInspector />}
    </aside>
  );
}

const patch = (clipId: string, p: ClipPatch, key: string) => useEditor.getState().edit((d) => updateClip(d, clipId, p), { key: `${key}:${clipId}` });

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="insp-section">
      <h3 className="insp-section__title">{title}</h3>
      {children}
    </section>
  );
}

function Slider({ label, value, min, max, step, format, onChange, testId }: { label: string; value: number; min: number; max: number; step: number; format: (v: number) => string; onChange: (v: number) => void; testId?: string }) {
  return (
    <label className="insp-row">
      <span className="insp-row__label">{label}</span>
      <input type="range" min={min} max={max} step={step} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId} />
      <span className="insp-row__value mono">{format(value)}</span>
    </label>
  );
}

function Segmented<T extends string>({ label, value, options, onChange, testId }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void; testId?: string }) {
  return (
    <div className="insp-row insp-row--block">
      <span className="insp-row__label">{label}</span>
      <RadioGroup className="segmented segmented--full" aria-label={label}>
        {options.map((o) => (
          <button key={o.value} type="button" role="radio" aria-checked={value === o.value} className="segmented__item" onClick={() => onChange(o.value)} data-testid={testId ? `${testId}-${o.value}` : undefined}>
            {o.label}
          </button>
        ))}
      </RadioGroup>
    </div>
  );
}

/** A colour: the draft kit's swatches first (named, a tooltip each), then any colour with the system picker. */
function ColorRow({ label, value, onChange, testId }: { label: string; value: string; onChange: (v: string) => void; testId?: string }) {
  const kit = useDraftKit(useEditor((s) => s.doc?.kitId ?? null));
  const palette = kit?.palette ?? [];
  return (
    <div className="insp-row insp-row--color" data-testid={testId}>
      <span className="insp-row__label">{label}</span>
      <span className="insp-colors">
        {palette.length > 0 && (
          <span className="swatches" role="group" aria-label={`${label}: ${t('kit.swatches')}`}>
            {palette.map((s) => {
              const name = t('kit.swatch', { name: s.name, color: s.color });
              return (
                <button
                  key={`${s.name}${s.color}`}
                  type="button"
                  className="swatch"
                  aria-pressed={s.color.toLowerCase() === value.toLowerCase()}
                  aria-label={name}
                  title={name}
                  style={{ background: s.color }}
                  onClick={() => onChange(s.color.toLowerCase())}
                  data-testid="kit-swatch"
                  data-color={s.color}
                />
              );
            })}
          </span>
        )}
        <input type="color" className="insp-color" value={value} aria-label={`${label}: ${t('kit.freeColor')}`} title={t('kit.freeColor')} onChange={(e) => onChange(e.target.value)} />
      </span>
      <span className="insp-row__value mono">{value}</span>
    </div>
  );
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
const secs = (v: number) => `${v.toFixed(1)} s`;
const deg = (v: number) => `${Math.round(v)}°`;

/** `fromSource`: the "From source" row, for video and sound (a photo has no stretch of a file to show: walk #51). */
function Timing({ clip, fromSource = false }: { clip: Clip; fromSource?: boolean }) {
  const fps = useEditor((s) => s.doc!.canvas.fps);
  return (
    <dl className="facts insp-timing" data-testid="insp-timing">
      <div className="facts__row">
        <dt>{t('inspector.start')}</dt>
        <dd className="mono">{formatTimecode(clip.start, fps)}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('inspector.length')}</dt>
        <dd className="mono">{formatTimecode(clipDuration(clip), fps)}</dd>
      </div>
      {clip.type === 'media' && fromSource && (
        <div className="facts__row">
          <dt>{t('inspector.source')}</dt>
          <dd className="mono" data-testid="insp-source" title={sourceRange(clip).title}>
            {sourceRange(clip).text}
          </dd>
        </div>
      )}
    </dl>
  );
}

function Fades({ clip }: { clip: Clip }) {
  const max = Math.min(5, clipDuration(clip));
  return (
    <>
      <Slider label={t('inspector.fadeIn')} value={clip.fadeIn} min={0} max={max} step={0.1} format={secs} onChange={(v) => patch(clip.id, { fadeIn: v }, 'fadeIn')} />
      <Slider label={t('inspector.fadeOut')} value={clip.fadeOut} min={0} max={max} step={0.1} format={secs} onChange={(v) => patch(clip.id, { fadeOut: v }, 'fadeOut')} />
    </>
  );
}

const MediaInspector = memo(function MediaInspector({ clip, isMain, isFirst }: { clip: MediaClip; isMain: boolean; isFirst: boolean }) {
  const asset = useEditor((s) => s.assets[clip.assetId]);
  const tr = clip.transform;
  const visual = asset?.kind !== 'audio';
  const sound = asset?.kind !== 'image';
  return (
    <div className="insp" data-testid="media-inspector">
      <h2 className="panel-title insp__title">{asset?.name ?? t('timeline.missingMedia')}</h2>
      <Section title={t('inspector.timing')}>
        <Timing clip={clip} fromSource={asset?.kind !== 'image'} />
        {asset?.kind !== 'image' && <SpeedSection clip={clip} />}
        {asset?.kind === 'video' && <ReverseControls clip={clip} />}
      </Section>
      {sound && (
        <Section title={t('inspector.audio')}>
          <KeyedSlider clip={clip} field="volume" label={t('inspector.volume')} min={0} max={2} step={0.05} format={pct} testId="insp-volume" />
          <DuckingControls clipId={clip.id} />
        </Section>
      )}
      {sound && asset && <BeatsControls key={asset.id} asset={asset} />}
      <Section title={t('inspector.fades')}>
        <Fades clip={clip} />
      </Section>
      {visual && <LookSection clip={clip} />}
      {visual && <ChromaKeySection clip={clip} />}
      <AnimateSection clip={clip} />
      {visual && (
        <Section title={t('inspector.frame')}>
          <Segmented<Reframe>
            label={t('inspector.reframe')}
            value={tr.reframe}
            options={[
              { value: 'fill', label: t('inspector.fill') },
              { value: 'fit', label: t('inspector.fit') },
              { value: 'blur', label: t('inspector.blur') },
            ]}
            onChange={(reframe) => patch(clip.id, { transform: { reframe } }, 'reframe')}
            testId="insp-reframe"
          />
          {tr.reframe === 'fit' && isMain && <ColorRow label={t('inspector.padColor')} value={tr.padColor} onChange={(padColor) => patch(clip.id, { transform: { padColor } }, 'pad')} />}
          <KeyedSlider clip={clip} field="x" label={t('inspector.x')} min={-0.5} max={1.5} step={0.01} format={pct} testId="insp-x" />
          <KeyedSlider clip={clip} field="y" label={t('inspector.y')} min={-0.5} max={1.5} step={0.01} format={pct} testId="insp-y" />
          <KeyedSlider clip={clip} field="scale" label={t('inspector.scale')} min={0.1} max={4} step={0.01} format={pct} testId="insp-scale" />
          <KeyedSlider clip={clip} field="rotation" label={t('inspector.rotation')} min={-180} max={180} step={1} format={deg} testId="insp-rotation" />
          <KeyedSlider clip={clip} field="opacity" label={t('inspector.opacity')} min={0} max={1} step={0.01} format={pct} testId="insp-opacity" />
          {(['left', 'top', 'right', 'bottom'] as const).map((side) => (
            <Slider
              key={side}
              label={t(`inspector.crop.${side}` as MessageKey)}
              value={tr.crop[side]}
              min={0}
              max={0.9}
              step={0.01}
              format={pct}
              onChange={(v) => patch(clip.id, { transform: { crop: { [side]: v } } }, `crop-${side}`)}
            />
          ))}
        </Section>
      )}
      {isMain && visual && (
        <Section title={t('inspector.transition')}>
          {isFirst ? (
            <p className="insp__note">{t('inspector.transitionFirst')}</p>
          ) : (
            <>
              <label className="insp-row">
                <span className="insp-row__label">{t('inspector.transitionKind')}</span>
                <select
                  className="select select--sm insp-row__wide"
                  value={clip.transitionIn?.kind ?? ''}
                  onChange={(e) =>
                    useEditor.getState().edit((d) => setTransition(d, clip.id, e.target.value ? { kind: e.target.value as TransitionKind, duration: clip.transitionIn?.duration ?? 0.5 } : null))
                  }
                  data-testid="insp-transition"
                >
                  <option value="">{t('inspector.transitionNone')}</option>
                  {transitionKinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`transition.${k}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              {clip.transitionIn && (
                <Slider
                  label={t('inspector.transitionDuration')}
                  value={clip.transitionIn.duration}
                  min={0.1}
                  max={3}
                  step={0.1}
                  format={secs}
                  onChange={(duration) => useEditor.getState().edit((d) => setTransition(d, clip.id, { kind: clip.transitionIn!.kind, duration }), { key: `transition:${clip.id}` })}
                />
              )}
            </>
          )}
        </Section>
      )}
    </div>
  );
});

const TextInspector = memo(function TextInspector({ clip }: { clip: TextClip }) {
  const st = clip.style;
  const fonts = useFontFamilies();
  const style = (p: Partial<TextStyle>, key: string) => patch(clip.id, { style: p }, key);
  // The words being typed on the preview, live (kept in the draft when that box closes).
  const typing = useEditor((s) => (s.typing?.clipId === clip.id ? s.typing.text : null));
  const words = useRef<HTMLTextAreaElement>(null);
  // A title just added whose words the preview cannot take (not shown at the playhead): they are typed here.
  useTextEntry('inspector', clip.id, () => {
    words.current?.focus();
    words.current?.select();
  });
  return (
    <div className="insp" data-testid="text-inspector">
      <h2 className="panel-title insp__title">{t('inspector.text')}</h2>
      <Section title={t('inspector.timing')}>
        <Timing clip={clip} />
      </Section>
      <Section title={t('inspector.content')}>
        <textarea
          ref={words}
          className="textarea"
          value={typing ?? clip.text}
          aria-label={t('inspector.text')}
          maxLength={2000}
          onChange={(e) => e.target.value.trim() && patch(clip.id, { text: e.target.value }, 'text')}
          data-testid="insp-text"
        />
        <TextPresets clip={clip} />
      </Section>
      <Section title={t('inspector.style')}>
        <label className="insp-row">
          <span className="insp-row__label">{t('inspector.font')}</span>
          <select className="select select--sm insp-row__wide" value={st.font} onChange={(e) => style(withFamily({ font: st.font, bold: st.bold }, e.target.value, fonts.faces), 'font')} data-testid="insp-font">
            {fonts.library.length > 0 && (
              <optgroup label={t('inspector.fontsLibrary')}>
                {fonts.library.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </optgroup>
            )}
            <optgroup label={t('inspector.fontsBuiltIn')}>
              {fonts.builtIn.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </optgroup>
            {/* A draft that names a font this library lacks keeps its value (the export says how to add it). */}
            {!fonts.builtIn.includes(st.font) && !fonts.library.some((f) => f.toLowerCase() === st.font.toLowerCase()) && (
              <option value={st.font}>{t('inspector.fontMissing', { font: st.font })}</option>
            )}
          </select>
        </label>
        <Slider label={t('inspector.size')} value={st.size} min={16} max={300} step={1} format={(v) => `${v}px`} onChange={(size) => style({ size }, 'size')} />
        <ColorRow label={t('inspector.color')} value={st.color} onChange={(color) => style({ color }, 'color')} testId="insp-text-color" />
        <div className="insp-row">
          <span className="insp-row__label">{t('inspector.weight')}</span>
          <div className="segmented">
            <BoldSwitch style={st} faces={fonts.faces} onChange={(bold) => style({ bold }, 'bold')} testId="insp-bold" />
            <button type="button" role="switch" aria-checked={st.italic} className="segmented__item" onClick={() => style({ italic: !st.italic }, 'italic')}>
              <i>I</i>
            </button>
          </div>
        </div>
        <SyntheticBoldNote style={st} faces={fonts.faces} testId="insp-bold-note" />
        <Segmented<TextStyle['align']>
          label={t('inspector.align')}
          value={st.align}
          options={[
            { value: 'left', label: t('inspector.alignLeft') },
            { value: 'center', label: t('inspector.alignCenter') },
            { value: 'right', label: t('inspector.alignRight') },
          ]}
          onChange={(align) => style({ align }, 'align')}
        />
        <label className="insp-row">
          <span className="insp-row__label">{t('inspector.stroke')}</span>
          <input type="checkbox" checked={st.stroke !== null} onChange={(e) => style({ stroke: e.target.checked ? { color: '#000000', width: 6 } : null }, 'stroke')} />
          <span />
        </label>
        {st.stroke && (
          <>
            <ColorRow label={t('inspector.strokeColor')} value={st.stroke.color} onChange={(color) => style({ stroke: { ...st.stroke!, color } }, 'strokeColor')} />
            <Slider label={t('inspector.strokeWidth')} value={st.stroke.width} min={0} max={40} step={1} format={(v) => `${v}px`} onChange={(width) => style({ stroke: { ...st.stroke!, width } }, 'strokeWidth')} />
          </>
        )}
        <label className="insp-row">
          <span className="insp-row__label">{t('inspector.box')}</span>
          <input type="checkbox" checked={st.box !== null} onChange={(e) => style({ box: e.target.checked ? { color: '#000000', opacity: 0.6, padding: 24, radius: 16 } : null }, 'box')} />
          <span />
        </label>
        {st.box && (
          <>
            <ColorRow label={t('inspector.boxColor')} value={st.box.color} onChange={(color) => style({ box: { ...st.box!, color } }, 'boxColor')} />
            <Slider label={t('inspector.boxOpacity')} value={st.box.opacity} min={0} max={1} step={0.05} format={pct} onChange={(opacity) => style({ box: { ...st.box!, opacity } }, 'boxOpacity')} />
          </>
        )}
      </Section>
      <Section title={t('inspector.position')}>
        <KeyedSlider clip={clip} field="x" label={t('inspector.x')} min={0} max={1} step={0.01} format={pct} testId="insp-text-x" />
        <KeyedSlider clip={clip} field="y" label={t('inspector.y')} min={0} max={1} step={0.01} format={pct} testId="insp-text-y" />
        <KeyedSlider clip={clip} field="rotation" label={t('inspector.rotation')} min={-180} max={180} step={1} format={deg} testId="insp-text-rotation" />
        <Slider label={t('inspector.wrap')} value={clip.maxWidth} min={0.1} max={1} step={0.01} format={pct} onChange={(maxWidth) => patch(clip.id, { maxWidth }, 'wrap')} />
      </Section>
      <Section title={t('inspector.fades')}>
        <Fades clip={clip} />
      </Section>
      <AnimateSection clip={clip} />
    </div>
  );
});

function CanvasInspector() {
  const canvas = useEditor((s) => s.doc!.canvas);
  const setCanvas = (p: Partial<typeof canvas>) => useEditor.getState().edit((d) => ({ ok: true, clipId: null, draft: { ...d, canvas: { ...d.canvas, ...p } } }));
  return (
    <div className="insp" data-testid="canvas-inspector">
      <h2 className="panel-title insp__title">{t('inspector.canvas')}</h2>
      <p className="insp__note">{t('inspector.canvasHint')}</p>
      <Section title={t('newDraft.shape')}>
        <Segmented<CanvasPreset>
          label={t('newDraft.shape')}
          value={canvas.preset}
          options={CanvasPreset.options.map((p) => ({ value: p, label: p }))}
          onChange={(preset) => setCanvas({ preset, width: canvasPresets[preset].width, height: canvasPresets[preset].height })}
        />
        <p className="insp__note mono">
          {formatDimensions(canvas.width, canvas.height)}
        </p>
        <Segmented<'24' | '30' | '60'>
          label={t('newDraft.fps')}
          value={String(canvas.fps) as '24' | '30' | '60'}
          options={(['24', '30', '60'] as const).map((f) => ({ value: f, label: f }))}
          onChange={(f) => useEditor.getState().edit((d) => setCanvasFps(d, Number(f) as 24 | 30 | 60, useEditor.getState().sourceInfo))}
        />
        <ColorRow label={t('inspector.background')} value={canvas.background} onChange={(background) => setCanvas({ background })} testId="insp-background" />
      </Section>
    </div>
  );
}

/**
 * Ready-made looks, scaled to this canvas; one click restyles and places the text. The draft kit's styles come
 * first, by role (the clip then remembers the role, so applying another kit restyles it); then the built-in ones.
 */
function TextPresets({ clip }: { clip: TextClip }) {
  const width = useEditor((s) => s.doc!.canvas.width);
  const kit = useDraftKit(useEditor((s) => s.doc?.kitId ?? null));
  const kitStyles = kit?.textStyles ?? [];
  return (
    <>
      {kitStyles.length > 0 && (
        <>
          <span className="insp-row__label text-presets__label">{t('kit.styles')}</span>
          <div className="text-presets" role="group" aria-label={t('kit.styles')} data-testid="kit-styles">
            {kitStyles.map((k) => {
              const name = t(`kit.role.${k.role}` as MessageKey);
              return (
                <PresetButton
                  key={k.role}
                  name={name}
                  style={k.style}
                  pressed={clip.styleRole === k.role}
                  onClick={() => patch(clip.id, { style: scaleTextStyle(k.style, width), styleRole: k.role, ...k.placement }, `kit-style-${k.role}`)}
                  testId={`kit-style-${k.role}`}
                />
              );
            })}
          </div>
          <span className="insp-row__label text-presets__label">{t('kit.builtIn')}</span>
        </>
      )}
      <div className="text-presets" role="group" aria-label={t('inspector.presets')}>
        {textPresets.map((p) => (
          <PresetButton
            key={p.id}
            name={t(`textPreset.${p.id}` as MessageKey)}
            style={p.style}
            onClick={() => patch(clip.id, { style: scaleTextStyle(p.style, width), styleRole: null, ...p.placement }, `preset-${p.id}`)}
            testId={`text-preset-${p.id}`}
          />
        ))}
      </div>
    </>
  );
}

function PresetButton({ name, style: st, pressed, onClick, testId }: { name: string; style: TextStyle; pressed?: boolean; onClick: () => void; testId: string }) {
  return (
    <button type="button" className="text-preset" title={name} aria-pressed={pressed} onClick={onClick} data-testid={testId}>
      <span
        className="text-preset__sample"
        style={{
          fontFamily: st.font,
          fontWeight: st.bold ? 700 : 400,
          fontStyle: st.italic ? 'italic' : 'normal',
          color: st.color,
          background: st.box ? st.box.color : 'transparent',
          WebkitTextStroke: st.stroke ? `1px ${st.stroke.color}` : undefined,
        }}
      >
        Aa
      </span>
      <span className="text-preset__name">{name}</span>
    </button>
  );
}
