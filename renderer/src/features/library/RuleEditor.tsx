import { useState } from 'react';
import { assetKinds, type AssetKind } from '../../../../electron/model/asset';
import { parseHex, toHex } from '../../../../electron/model/colour';
import { colourLabels, type LabelChoice } from '../../../../electron/model/organise';
import { defaultRule, licenceStates, orientations, smartRuleTypes, type SmartRule, type SmartRuleType } from '../../../../electron/model/smart-rules';
import { t, type MessageKey } from '../../i18n';
import { IconButton } from '../../ui/Button';
import { CloseIcon } from '../../ui/icons';
import { KitSwatches } from './KitSwatches';

const typeLabel: Record<SmartRuleType, MessageKey> = {
  kind: 'rule.kind',
  tags: 'rule.tags',
  rating: 'rule.rating',
  label: 'rule.label',
  date: 'rule.date',
  recent: 'rule.recent',
  size: 'rule.size',
  duration: 'rule.duration',
  orientation: 'rule.orientation',
  licence: 'rule.licence',
  usedInPost: 'rule.usedInPost',
  colour: 'rule.colour',
};
const MB = 1024 * 1024;

/** One row of the rule editor: the rule's type, then the values that type takes (Finder's smart folder rows). */
export function RuleRow({ rule, index, onChange, onRemove }: { rule: SmartRule; index: number; onChange: (r: SmartRule) => void; onRemove: () => void }) {
  const n = index + 1;
  return (
    <li className="rule" data-testid="rule-row" data-type={rule.type}>
      <select
        className="select select--sm"
        aria-label={t('smart.ruleType', { n })}
        value={rule.type}
        onChange={(e) => onChange(defaultRule(e.target.value as SmartRuleType))}
        data-testid="rule-type"
      >
        {smartRuleTypes.map((type) => (
          <option key={type} value={type}>
            {t(typeLabel[type])}
          </option>
        ))}
      </select>
      <div className="rule__values">
        <RuleValues rule={rule} onChange={onChange} n={n} />
      </div>
      <IconButton label={t('smart.removeRule', { n })} icon={<CloseIcon size={14} />} onClick={onRemove} data-testid="rule-remove" />
    </li>
  );
}

function Select<T extends string>({ value, options, onChange, label, testId }: { value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void; label: string; testId?: string }) {
  return (
    <select className="select select--sm" aria-label={label} value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

function NumberField({ value, onChange, label, min, step, unit, testId }: { value: number; onChange: (v: number) => void; label: string; min: number; step?: number; unit: string; testId?: string }) {
  return (
    <label className="rule__number">
      <input
        type="number"
        className="rule__input"
        aria-label={label}
        value={Number.isFinite(value) ? value : ''}
        min={min}
        step={step ?? 1}
        onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        data-testid={testId}
      />
      <span className="rule__unit">{unit}</span>
    </label>
  );
}

/** A set of toggles for multi-choice rules (kinds, labels, licence states). */
function Toggles<T extends string>({ values, options, onChange, label }: { values: readonly T[]; options: readonly { value: T; label: string }[]; onChange: (v: T[]) => void; label: string }) {
  return (
    <div className="rule__toggles" role="group" aria-label={label}>
      {options.map((o) => {
        const on = values.includes(o.value);
        return (
          <button
            key={o.value}
            type="button"
            className={on ? 'chip chip--toggle chip--selected' : 'chip chip--toggle'}
            aria-pressed={on}
            onClick={() => onChange(on ? values.filter((v) => v !== o.value) : [...values, o.value])}
            data-testid={`rule-toggle-${o.value}`}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}

function TagsField({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => void }) {
  const [text, setText] = useState(tags.join(', '));
  return (
    <input
      className="rule__input rule__input--wide"
      aria-label={t('rule.tags.placeholder')}
      placeholder={t('rule.tags.placeholder')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(e.target.value.split(',').map((x) => x.trim()).filter(Boolean));
      }}
      data-testid="rule-tags"
    />
  );
}

/**
 * The colour rule: a colour well and a hex field (either edits the same colour), and the tolerance as a ΔE slider
 * (the Library's colour filter's range). A hex being typed is kept here until it reads as a colour.
 */
function ColourFields({ hex, tolerance, onChange, label }: { hex: string; tolerance: number; onChange: (v: { hex: string; tolerance: number }) => void; label: string }) {
  const [text, setText] = useState(hex);
  const rgb = parseHex(text);
  return (
    <>
      <input type="color" className="rule__colour" aria-label={t('colour.pick')} value={hex} onChange={(e) => { setText(e.target.value); onChange({ hex: e.target.value, tolerance }); }} data-testid="rule-colour-picker" />
      <input
        className="rule__input rule__input--hex"
        aria-label={`${label}: ${t('colour.hex')}`}
        aria-invalid={rgb === null}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          const next = parseHex(e.target.value);
          if (next) onChange({ hex: toHex(next), tolerance });
        }}
        data-testid="rule-colour-hex"
      />
      <label className="rule__number">
        <span className="rule__unit">{t('colour.tolerance')}</span>
        <input type="range" min={2} max={50} step={1} value={tolerance} aria-label={t('colour.tolerance')} onChange={(e) => onChange({ hex, tolerance: Number(e.target.value) })} data-testid="rule-colour-tolerance" />
        <output className="rule__unit">{t('colour.toleranceValue', { value: tolerance })}</output>
      </label>
      {rgb === null && (
        <span className="field__error" role="alert">
          {t('colour.hexInvalid')}
        </span>
      )}
      <KitSwatches
        current={hex}
        onPick={(h) => {
          setText(h);
          onChange({ hex: h, tolerance });
        }}
      />
    </>
  );
}

function RuleValues({ rule, onChange, n }: { rule: SmartRule; onChange: (r: SmartRule) => void; n: number }) {
  const label = t('smart.ruleType', { n });
  const ops = <K extends 'gte' | 'lte' | 'eq'>(keys: readonly K[]) => keys.map((k) => ({ value: k, label: t(`rule.op.${k}`) }));
  const fields = [
    { value: 'imported' as const, label: t('rule.field.imported') },
    { value: 'created' as const, label: t('rule.field.created') },
  ];
  switch (rule.type) {
    case 'kind':
      return <Toggles values={rule.kinds} options={assetKinds.map((k: AssetKind) => ({ value: k, label: t(`kind.${k}`) }))} onChange={(kinds) => onChange({ ...rule, kinds })} label={label} />;
    case 'tags':
      return (
        <>
          <Select value={rule.mode} options={(['any', 'all', 'none'] as const).map((m) => ({ value: m, label: t(`rule.tags.${m}`) }))} onChange={(mode) => onChange({ ...rule, mode })} label={label} />
          <TagsField tags={rule.tags} onChange={(tags) => onChange({ ...rule, tags })} />
        </>
      );
    case 'rating':
      return (
        <>
          <Select value={rule.op} options={ops(['gte', 'eq', 'lte'])} onChange={(op) => onChange({ ...rule, op })} label={label} testId="rule-op" />
          <NumberField value={rule.value} min={0} onChange={(value) => onChange({ ...rule, value })} label={label} unit={t('rule.stars')} testId="rule-value" />
        </>
      );
    case 'label':
      return (
        <Toggles
          values={rule.labels}
          options={[...colourLabels, 'none' as const].map((l: LabelChoice) => ({ value: l, label: t(`label.${l}`) }))}
          onChange={(labels) => onChange({ ...rule, labels })}
          label={label}
        />
      );
    case 'date':
      return (
        <>
          <Select value={rule.field} options={fields} onChange={(field) => onChange({ ...rule, field })} label={label} />
          <Select value={rule.op} options={(['before', 'after'] as const).map((o) => ({ value: o, label: t(`rule.date.${o}`) }))} onChange={(op) => onChange({ ...rule, op })} label={label} />
          <input type="date" className="rule__input" aria-label={label} value={rule.date} onChange={(e) => onChange({ ...rule, date: e.target.value })} />
        </>
      );
    case 'recent':
      return (
        <>
          <Select value={rule.field} options={fields} onChange={(field) => onChange({ ...rule, field })} label={label} />
          <NumberField value={rule.days} min={1} onChange={(days) => onChange({ ...rule, days })} label={label} unit={t('rule.days')} />
        </>
      );
    case 'size':
      return (
        <>
          <Select value={rule.op} options={ops(['gte', 'lte'])} onChange={(op) => onChange({ ...rule, op })} label={label} />
          <NumberField value={Math.round((rule.bytes / MB) * 10) / 10} min={0} step={0.1} onChange={(mb) => onChange({ ...rule, bytes: Math.round(mb * MB) })} label={label} unit={t('rule.mb')} />
        </>
      );
    case 'duration':
      return (
        <>
          <Select value={rule.op} options={ops(['gte', 'lte'])} onChange={(op) => onChange({ ...rule, op })} label={label} />
          <NumberField value={rule.seconds} min={0} step={0.5} onChange={(seconds) => onChange({ ...rule, seconds })} label={label} unit={t('rule.seconds')} />
        </>
      );
    case 'orientation':
      return <Select value={rule.is} options={orientations.map((o) => ({ value: o, label: t(`orientation.${o}`) }))} onChange={(is) => onChange({ ...rule, is })} label={label} />;
    case 'licence':
      return <Toggles values={rule.states} options={licenceStates.map((s) => ({ value: s, label: t(`licenceState.${s}`) }))} onChange={(states) => onChange({ ...rule, states })} label={label} />;
    case 'usedInPost':
      return (
        <Select
          value={rule.used ? 'yes' : 'no'}
          options={[
            { value: 'yes' as const, label: t('rule.used.yes') },
            { value: 'no' as const, label: t('rule.used.no') },
          ]}
          onChange={(v) => onChange({ ...rule, used: v === 'yes' })}
          label={label}
          testId="rule-used"
        />
      );
    case 'colour':
      return <ColourFields hex={rule.hex} tolerance={rule.tolerance} onChange={(v) => onChange({ ...rule, ...v })} label={label} />;
  }
}
