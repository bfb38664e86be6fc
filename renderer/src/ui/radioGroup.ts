import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/**
 * Segmented choices built from `role="radio"` buttons, made one Tab stop per question as the WAI-ARIA APG radio
 * group is (walk finding #26): the checked choice (else the first one that can be chosen) is the group's only Tab
 * stop, and arrows move to the next or previous choice and choose it, wrapping and skipping disabled ones.
 */

/** The index of the choice that takes the group's Tab stop, or -1 when none can be chosen. */
export function radioTabStop(checked: readonly boolean[], enabled: readonly boolean[]): number {
  const on = checked.findIndex((c, i) => c && enabled[i]);
  return on >= 0 ? on : enabled.indexOf(true);
}

/** The choice an arrow key (or Home/End) moves to from `from`, or null when the key is not the group's. */
export function radioKeyTarget(key: string, from: number, enabled: readonly boolean[]): number | null {
  const n = enabled.length;
  if (key === 'Home') return firstEnabled(enabled, 0, 1);
  if (key === 'End') return firstEnabled(enabled, n - 1, -1);
  const dir = key === 'ArrowRight' || key === 'ArrowDown' ? 1 : key === 'ArrowLeft' || key === 'ArrowUp' ? -1 : 0;
  if (dir === 0 || n === 0) return null;
  for (let k = 1; k <= n; k++) {
    const i = (((from + dir * k) % n) + n) % n;
    if (enabled[i]) return i === from ? null : i;
  }
  return null;
}

function firstEnabled(enabled: readonly boolean[], start: number, dir: 1 | -1): number | null {
  for (let i = start; i >= 0 && i < enabled.length; i += dir) if (enabled[i]) return i;
  return null;
}

/** The group's keydown: moves the focus to the target choice and chooses it (a click, so its own handler runs). */
export function onRadioGroupKey(e: ReactKeyboardEvent<HTMLElement>): void {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const radios = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
  const from = radios.findIndex((r) => r === document.activeElement);
  if (from < 0) return;
  const to = radioKeyTarget(e.key, from, radios.map((r) => !r.disabled));
  if (to === null) return;
  e.preventDefault();
  radios[to]!.focus();
  radios[to]!.click();
}
