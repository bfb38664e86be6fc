import { useEffect, useState } from 'react';
import { defaultRule, SmartRules, type SmartRule } from '../../../../electron/model/smart-rules';
import { call } from '../../api/client';
import { t, tn } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { PlusIcon } from '../../ui/icons';
import { RuleRow } from './RuleEditor';

/** The first thing wrong with the rules, said with the rule's number; null when they can be saved. */
function rulesProblem(match: 'all' | 'any', rules: SmartRule[]): string | null {
  const r = SmartRules.safeParse({ match, rules });
  if (r.success) return null;
  const issue = r.error.issues[0]!;
  const n = typeof issue.path[1] === 'number' ? issue.path[1] + 1 : null;
  return n ? t('smart.invalidRule', { n, reason: issue.message }) : issue.message;
}

/** Finder's smart folder / Eagle's smart folder: name, all/any, rule rows, and how many assets match, live. */
export function SmartCollectionDialog() {
  const editor = useStore((s) => s.smartEditor);
  const close = () => useStore.setState({ smartEditor: null });
  return editor ? <SmartForm key={editor.id ?? 'new'} id={editor.id} onClose={close} /> : null;
}

function SmartForm({ id, onClose }: { id: string | null; onClose: () => void }) {
  const existing = useStore((s) => (id ? s.smartCollections.find((c) => c.id === id) : undefined));
  const save = useStore((s) => s.saveSmartCollection);
  const setQuery = useStore((s) => s.setQuery);
  const [name, setName] = useState(existing?.name ?? '');
  const [match, setMatch] = useState<'all' | 'any'>(existing?.rules.match ?? 'all');
  const [rules, setRules] = useState<SmartRule[]>(existing?.rules.rules ?? [defaultRule('rating')]);
  const [error, setError] = useState<string | null>(null);
  const problem = rulesProblem(match, rules);
  const count = useLiveCount(match, rules, problem === null);

  const submit = async () => {
    if (!name.trim()) return setError(t('smart.nameEmpty'));
    if (problem) return setError(problem);
    const saved = await save(id, name.trim(), SmartRules.parse({ match, rules }));
    if (saved) {
      onClose();
      setQuery({ smartCollectionId: saved, collectionId: null, trashed: false });
    }
  };

  return (
    <Dialog
      open
      wide
      title={id ? t('smart.titleEdit') : t('smart.titleNew')}
      onClose={onClose}
      testId="smart-dialog"
      footer={
        <>
          <span className="smart__count" role="status" data-testid="smart-live-count">
            {problem ? '' : count === null ? t('smart.counting') : tn('smart.count', count)}
          </span>
          <Button variant="ghost" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button variant="primary" onClick={() => void submit()} data-testid="smart-save">
            {t('smart.save')}
          </Button>
        </>
      }
    >
      <form
        className="smart"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span className="field__label">{t('smart.name')}</span>
          <span className="input">
            <input value={name} maxLength={80} placeholder={t('smart.namePlaceholder')} onChange={(e) => setName(e.target.value)} data-testid="smart-name" />
          </span>
        </label>
        <div className="smart__match">
          <span>{t('smart.match')}</span>
          <select className="select select--sm" aria-label={t('smart.match')} value={match} onChange={(e) => setMatch(e.target.value as 'all' | 'any')} data-testid="smart-match">
            <option value="all">{t('smart.matchAll')}</option>
            <option value="any">{t('smart.matchAny')}</option>
          </select>
        </div>
        {rules.length === 0 && <p className="smart__hint">{t('smart.noRules')}</p>}
        <ol className="smart__rules">
          {rules.map((r, i) => (
            <RuleRow
              // Rows have no identity of their own; index keys are right here because rows are only appended or removed.
              key={i}
              rule={r}
              index={i}
              onChange={(next) => setRules(rules.map((x, j) => (j === i ? next : x)))}
              onRemove={() => setRules(rules.filter((_, j) => j !== i))}
            />
          ))}
        </ol>
        <Button size="sm" variant="ghost" icon={<PlusIcon size={16} />} onClick={() => setRules([...rules, defaultRule('kind')])} data-testid="smart-add-rule">
          {t('smart.addRule')}
        </Button>
        {(error || problem) && (
          <p className="field__error" role="alert" data-testid="smart-error">
            {error ?? problem}
          </p>
        )}
      </form>
    </Dialog>
  );
}

/** How many live assets the rules match, asked of the engine (in SQL) a moment after the last change. */
function useLiveCount(match: 'all' | 'any', rules: SmartRule[], valid: boolean): number | null {
  const [count, setCount] = useState<number | null>(null);
  const key = JSON.stringify({ match, rules });
  useEffect(() => {
    if (!valid) return;
    let live = true;
    const timer = setTimeout(() => {
      call('smartCollections.count', { rules: SmartRules.parse(JSON.parse(key)) }).then(
        (r) => live && setCount(r.count),
        () => live && setCount(null),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key, valid]);
  return count;
}
