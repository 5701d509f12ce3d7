/**
 * Word's automatic numbering, recomputed: `numbering.xml` defines per list (`w:num` → `w:abstractNum`)
 * and level a start value, a format (`decimal`, `upperRoman`, `russianLower`, `bullet`…) and a label
 * template (`%1.%2.`). Counters run per list in document order; a level restarts its deeper levels.
 * Paragraph styles may carry the numbering too (`styles.xml`).
 */
import { attr, child, kids, tagOf, type XNode } from './xml';

export interface NumRef {
  numId: string;
  ilvl: number;
}

interface Level {
  start: number;
  format: string;
  text: string;
  isLegal: boolean;
}

const RUSSIAN = 'абвгдежзиклмнопрстуфхцчшщэюя';

function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

const letters = (n: number, alphabet: string) =>
  alphabet[(n - 1) % alphabet.length]!.repeat(Math.floor((n - 1) / alphabet.length) + 1);

function format(n: number, fmt: string): string {
  switch (fmt) {
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letters(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    case 'lowerLetter':
      return letters(n, 'abcdefghijklmnopqrstuvwxyz');
    case 'russianLower':
      return letters(n, RUSSIAN);
    case 'russianUpper':
      return letters(n, RUSSIAN.toUpperCase());
    case 'decimalZero':
      return String(n).padStart(2, '0');
    default:
      return String(n);
  }
}

/** Symbol-font bullets are private-use code points; show them as the bullet they draw. */
const bulletText = (t: string) => (!t || /[\ue000-\uf8ff]/u.test(t) || t === 'o' || t === '§' ? '•' : t);

export class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  private readonly styleNum = new Map<string, NumRef>();
  private readonly counters = new Map<string, Array<number | undefined>>();

  constructor(numberingXml: XNode[], stylesXml: XNode[]) {
    const numbering = numberingXml.find((n) => tagOf(n) === 'w:numbering');
    for (const n of numbering ? kids(numbering) : []) {
      if (tagOf(n) === 'w:abstractNum') {
        const levels = new Map<number, Level>();
        for (const lvl of kids(n).filter((k) => tagOf(k) === 'w:lvl')) {
          const val = (tag: string) => attr(child(lvl, tag) ?? {}, 'w:val');
          levels.set(Number(attr(lvl, 'w:ilvl') ?? 0), {
            start: Number(val('w:start') ?? 1),
            format: val('w:numFmt') ?? 'decimal',
            text: val('w:lvlText') ?? '',
            isLegal: !!child(lvl, 'w:isLgl'),
          });
        }
        this.abstracts.set(attr(n, 'w:abstractNumId') ?? '', levels);
      } else if (tagOf(n) === 'w:num') {
        const starts = new Map<number, number>();
        for (const o of kids(n).filter((k) => tagOf(k) === 'w:lvlOverride')) {
          const s = attr(child(o, 'w:startOverride') ?? {}, 'w:val');
          if (s !== undefined) starts.set(Number(attr(o, 'w:ilvl') ?? 0), Number(s));
        }
        this.nums.set(attr(n, 'w:numId') ?? '', {
          abstractId: attr(child(n, 'w:abstractNumId') ?? {}, 'w:val') ?? '',
          starts,
        });
      }
    }
    const styles = stylesXml.find((n) => tagOf(n) === 'w:styles');
    for (const s of styles ? kids(styles) : []) {
      if (tagOf(s) !== 'w:style') continue;
      const numPr = child(child(s, 'w:pPr') ?? {}, 'w:numPr');
      const numId = numPr && attr(child(numPr, 'w:numId') ?? {}, 'w:val');
      if (numId)
        this.styleNum.set(attr(s, 'w:styleId') ?? '', {
          numId,
          ilvl: Number(attr(child(numPr, 'w:ilvl') ?? {}, 'w:val') ?? 0) || 0,
        });
    }
  }

  /** The label of the next paragraph in this list (and advances the counters), or '' when not numbered. */
  label(ref: NumRef | null, styleId?: string): string {
    const r = ref ?? (styleId ? this.styleNum.get(styleId) : undefined);
    if (!r || r.numId === '0') return '';
    const num = this.nums.get(r.numId);
    const levels = num && this.abstracts.get(num.abstractId);
    const level = levels?.get(r.ilvl);
    if (!num || !levels || !level) return '';
    const startOf = (ilvl: number) => num.starts.get(ilvl) ?? levels.get(ilvl)?.start ?? 1;
    const state = this.counters.get(r.numId) ?? [];
    this.counters.set(r.numId, state);
    state[r.ilvl] = state[r.ilvl] === undefined ? startOf(r.ilvl) : state[r.ilvl]! + 1;
    for (let k = r.ilvl + 1; k < 9; k++) state[k] = undefined;
    if (level.format === 'bullet') return bulletText(level.text);
    if (level.format === 'none') return level.text.replace(/%\d/g, '');
    return level.text.replace(/%(\d)/g, (_, d: string) => {
      const k = Number(d) - 1;
      const value = state[k] ?? startOf(k);
      return format(value, level.isLegal ? 'decimal' : (levels.get(k)?.format ?? 'decimal'));
    });
  }
}
