import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { onRadioGroupKey, radioTabStop } from './radioGroup';

type Props = { children: ReactNode; className?: string; 'aria-label'?: string; 'aria-labelledby'?: string; testId?: string };

/**
 * A `role="radiogroup"` of `role="radio"` buttons as the WAI-ARIA APG radio group: one Tab stop (the checked
 * choice, else the first that can be chosen) and arrows/Home/End to move and choose (ui/radioGroup.ts). The
 * choices are the caller's own buttons; the Tab stop is set on them after each render, so a caller only says
 * which one is `aria-checked` and which are `disabled`.
 */
export function RadioGroup({ children, className, testId, ...aria }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // Every render: a choice may have been checked, enabled or added. Cheap (a handful of buttons).
  useLayoutEffect(() => {
    if (ref.current) applyRadioTabStop(ref.current);
  });
  return (
    <div ref={ref} role="radiogroup" className={className} {...aria} onKeyDown={onRadioGroupKey} data-testid={testId}>
      {children}
    </div>
  );
}

/** Gives the group's choice that should hold the Tab stop tabIndex 0 and every other choice -1. */
export function applyRadioTabStop(group: HTMLElement): void {
  const radios = [...group.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
  const stop = radioTabStop(
    radios.map((r) => r.getAttribute('aria-checked') === 'true'),
    radios.map((r) => !r.disabled),
  );
  radios.forEach((r, i) => {
    r.tabIndex = i === stop ? 0 : -1;
  });
}
