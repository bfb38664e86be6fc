import { fitName, memoByKey } from './nameFit';

/**
 * Space for a cell's name on its line: the label's padding (2 + 2), the kind icon (14), the gap (6), and 2 px
 * kept free so that a width measured on a canvas a hair under the laid-out text's still ends inside the cell.
 */
const NAME_INSET = 26;

let ctx: CanvasRenderingContext2D | null | undefined;
let ctxFont = '';
const fonts: Partial<Record<'normal' | 'medium', string>> = {};

/** The grid name's font (`.cell__name`; a selected cell's name is medium weight), from the theme's tokens. */
function fontOf(weight: 'normal' | 'medium'): string {
  let font = fonts[weight];
  if (font === undefined) {
    const css = getComputedStyle(document.documentElement);
    const w = weight === 'medium' ? css.getPropertyValue('--weight-medium').trim() || '500' : '400';
    font = `${w} ${css.getPropertyValue('--text-md').trim() || '13px'} ${css.getPropertyValue('--font-sans').trim() || 'sans-serif'}`;
    fonts[weight] = font;
  }
  return font;
}

const charWidths = new Map<string, number>();
/** One character's width in `font` (the canvas already set to it), remembered (as many as the names' distinct characters). */
function charWidth(c: CanvasRenderingContext2D, font: string, char: string): number {
  const key = `${font}\n${char}`;
  let w = charWidths.get(key);
  if (w === undefined) {
    w = c.measureText(char).width;
    charWidths.set(key, w);
  }
  return w;
}

const fitted = memoByKey((key) => {
  // weight \n width \n name (the name last: it may hold anything).
  const a = key.indexOf('\n');
  const b = key.indexOf('\n', a + 1);
  const [weight, width, name] = [key.slice(0, a) as 'normal' | 'medium', Number(key.slice(a + 1, b)), key.slice(b + 1)];
  if (ctx === undefined) ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return name;
  const c = ctx;
  const font = fontOf(weight);
  if (ctxFont !== font) c.font = ctxFont = font;
  return fitName(name, width, (char) => charWidth(c, font, char));
});

/** `name` as a grid cell of `cellWidth` shows it: whole, or cut with an ellipsis to fit its line. */
export function cellNameText(name: string, cellWidth: number, selected: boolean): string {
  return fitted(`${selected ? 'medium' : 'normal'}\n${cellWidth - NAME_INSET}\n${name}`);
}
