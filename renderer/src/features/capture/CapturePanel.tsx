import type { ReactNode } from 'react';
import { t, type MessageKey } from '../../i18n';
import { Button } from '../../ui/Button';
import { ScreenIcon } from '../../ui/icons';
import type { Corner } from './captureLogic';
import { type CaptureSettings, type Framing, useCapture } from './captureStore';
import { NO_MIC } from './streams';
import { RadioGroup } from '../../ui/RadioGroup';

const CORNERS: Corner[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];
const FRAMINGS: { value: Framing; key: MessageKey }[] = [
  { value: 'off', key: 'capture.framing.off' },
  { value: '9:16', key: 'capture.framing.916' },
  { value: '4:5', key: 'capture.framing.45' },
  { value: '1:1', key: 'capture.framing.11' },
];

/** The right-hand settings: devices, screen and bubble, quality, framing and countdown, teleprompter. */
export function CapturePanel() {
  const s = useCapture((st) => st.settings);
  const set = useCapture((st) => st.setSettings);
  const devices = useCapture((st) => st.devices);
  const locked = useCapture((st) => st.phase !== 'idle');
  const screenPicked = useCapture((st) => st.screenPicked);
  const pickScreen = useCapture((st) => st.pickScreen);
  const camera = s.mode === 'camera';

  return (
    <aside className="capture-panel" aria-label={t('capture.title')} data-testid="capture-panel">
      {!camera && (
        <Section title={t('capture.section.screen')}>
          <Button icon={<ScreenIcon size={16} />} onClick={() => void pickScreen()} disabled={locked} data-testid="screen-choose-panel">
            {screenPicked ? t('capture.screen.change') : t('capture.screen.choose')}
          </Button>
          <Toggle label={t('capture.bubble.show')} checked={s.bubble} disabled={locked} onChange={(bubble) => set({ bubble })} testId="bubble-toggle" />
          {s.bubble && (
            <Row label={t('capture.bubble.corner')}>
              <select className="select select--sm" value={s.corner} onChange={(e) => set({ corner: e.target.value as Corner })} data-testid="bubble-corner">
                {CORNERS.map((c) => (
                  <option key={c} value={c}>
                    {t(`capture.corner.${c}` as MessageKey)}
                  </option>
                ))}
              </select>
            </Row>
          )}
        </Section>
      )}

      <Section title={t('capture.section.devices')}>
        {(camera || s.bubble) && (
          <Row label={t('capture.camera')}>
            <select className="select select--sm" value={s.cameraId ?? ''} disabled={locked} onChange={(e) => set({ cameraId: e.target.value || null })} data-testid="camera-select">
              <option value="">{t('capture.deviceDefault')}</option>
              {devices.cameras.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
          </Row>
        )}
        <Row label={t('capture.microphone')}>
          <select className="select select--sm" value={s.micId ?? ''} disabled={locked} onChange={(e) => set({ micId: e.target.value || null })} data-testid="mic-select">
            <option value="">{t('capture.deviceDefault')}</option>
            {devices.mics.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
            <option value={NO_MIC}>{t('capture.noMicrophone')}</option>
          </select>
        </Row>
      </Section>

      <Section title={t('capture.section.quality')}>
        {camera && (
          <Choice<CaptureSettings['height']>
            label={t('capture.resolution')}
            value={s.height}
            disabled={locked}
            options={[
              { value: 720, label: '720p' },
              { value: 1080, label: '1080p' },
            ]}
            onChange={(height) => set({ height })}
            testId="res"
          />
        )}
        <Choice<CaptureSettings['fps']>
          label={t('capture.fps')}
          value={s.fps}
          disabled={locked}
          options={[24, 30].map((fps) => ({ value: fps as CaptureSettings['fps'], label: t('capture.fpsValue', { fps }) }))}
          onChange={(fps) => set({ fps })}
          testId="capture-fps"
        />
      </Section>

      <Section title={t('capture.section.framing')}>
        {camera && (
          <Row label={t('capture.framing')} hint={t('capture.framingHint')}>
            <select className="select select--sm" value={s.framing} onChange={(e) => set({ framing: e.target.value as Framing })} data-testid="framing-select">
              {FRAMINGS.map((f) => (
                <option key={f.value} value={f.value}>
                  {t(f.key)}
                </option>
              ))}
            </select>
          </Row>
        )}
        <Choice<CaptureSettings['countdown']>
          label={t('capture.countdown')}
          value={s.countdown}
          disabled={locked}
          options={([0, 3, 5, 10] as const).map((n) => ({ value: n, label: n === 0 ? t('capture.countdown.off') : t('capture.countdown.seconds', { n }) }))}
          onChange={(countdown) => set({ countdown })}
          testId="countdown"
        />
      </Section>

      <Section title={t('capture.section.prompter')}>
        <Toggle label={t('capture.prompter.show')} checked={s.prompterOn} onChange={(prompterOn) => set({ prompterOn })} testId="prompter-on" />
        <label className="cap-field">
          <span className="cap-field__label">{t('capture.prompter.script')}</span>
          <textarea className="textarea cap-script" value={s.script} placeholder={t('capture.prompter.placeholder')} onChange={(e) => set({ script: e.target.value })} data-testid="prompter-script" />
        </label>
        <Slider label={t('capture.prompter.speed')} value={s.prompterSpeed} min={1} max={10} onChange={(prompterSpeed) => set({ prompterSpeed })} testId="prompter-speed" />
        <Slider label={t('capture.prompter.size')} value={s.prompterSize} min={20} max={64} onChange={(prompterSize) => set({ prompterSize })} format={(v) => `${v}px`} />
      </Section>
    </aside>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="cap-section">
      <h2 className="cap-section__title">{title}</h2>
      {children}
    </section>
  );
}

function Row({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="cap-field">
      <span className="cap-field__label">{label}</span>
      {children}
      {hint && <span className="cap-field__hint">{hint}</span>}
    </label>
  );
}

function Choice<T extends string | number>({ label, value, options, onChange, disabled, testId }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void; disabled?: boolean; testId: string }) {
  return (
    <div className="cap-field">
      <span className="cap-field__label">{label}</span>
      <RadioGroup className="segmented cap-segmented" aria-label={label}>
        {options.map((o) => (
          <button key={String(o.value)} type="button" role="radio" aria-checked={value === o.value} disabled={disabled} className="segmented__item" onClick={() => onChange(o.value)} data-testid={`${testId}-${o.value}`}>
            {o.label}
          </button>
        ))}
      </RadioGroup>
    </div>
  );
}

function Toggle({ label, checked, onChange, disabled, testId }: { label: string; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean; testId: string }) {
  return (
    <label className="cap-toggle">
      <input type="checkbox" role="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <span>{label}</span>
    </label>
  );
}

function Slider({ label, value, min, max, onChange, format = String, testId }: { label: string; value: number; min: number; max: number; onChange: (v: number) => void; format?: (v: number) => string; testId?: string }) {
  return (
    <label className="cap-slider">
      <span className="cap-field__label">{label}</span>
      <input type="range" min={min} max={max} step={1} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId} />
      <span className="cap-slider__value mono">{format(value)}</span>
    </label>
  );
}
