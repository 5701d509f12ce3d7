/**
 * Section headings inside the table (`Направление 1 «…»`, `1. Управление…`, `Задача: …`, `2021 год`,
 * bold rows spanning the table) and their nesting. Levels are not numbered in the documents, so the
 * stack works by kind: a heading of a kind already open closes that level and everything under it;
 * a heading of a new kind opens a level below the current one.
 */

export type SectionKind = 'direction' | 'task' | 'part' | 'year' | 'numbered' | 'roman' | 'plain';

const PATTERNS: ReadonlyArray<readonly [SectionKind, RegExp]> = [
  ['direction', /^направлени[ея]\s*(?:№\s*)?\d+/iu],
  ['task', /^(?:\d+\.?\s+)?задач[аи](?:\s*(?:№\s*)?\d+)?\s*[:.]/iu],
  ['task', /^задача\s+(?:№\s*)?\d+/iu],
  ['part', /^(?:раздел|подраздел|этап|блок|глава|модуль|подпрограмма)\s+(?:№\s*)?[\dIVX]+/iu],
  ['year', /^(?:на\s+)?20\d\d\s*(?:год|г\.?)?\s*$/iu],
  ['roman', /^[IVX]{1,5}\.\s+\p{Lu}/u],
];

/** The text names a section by itself (as opposed to a row that is a section only by its layout). */
export function explicitSectionKind(text: string): SectionKind | null {
  for (const [kind, re] of PATTERNS) if (re.test(text)) return kind;
  return null;
}

export function sectionKind(text: string): SectionKind {
  return explicitSectionKind(text) ?? (/^\d+\.?\s+\S/u.test(text) ? 'numbered' : 'plain');
}

/** `Направление 1`, `Задача 2.`: a label whose name follows on the next row. */
export function isLabelOnly(text: string): boolean {
  return /^(?:направлени[ея]|задача|раздел|этап|блок)\s*(?:№\s*)?[\dIVX]+\.?$/iu.test(text.trim());
}

export function sectionYear(text: string): number | null {
  const m = /^(?:на\s+)?(20\d\d)\s*(?:год|г\.?)?\s*$/iu.exec(text.trim());
  return m ? Number(m[1]) : null;
}

interface Level {
  kind: SectionKind;
  text: string;
  /** Parts of the heading's own number (`2.` → 1, `1.2.` → 2), when it has one. */
  depth: number | null;
}

function numberDepth(text: string): number | null {
  const m = /^(\d{1,3}(?:\.\d{1,3})*)\.?\s/u.exec(text);
  return m ? m[1]!.split('.').length : null;
}

export class SectionStack {
  private levels: Level[] = [];

  enter(text: string): void {
    const kind = sectionKind(text);
    const depth = numberDepth(text);
    // A heading's own number says its level best (`2. …` is a sibling of `1 Задача: …`); else its kind.
    const numbered = depth === null ? -1 : this.levels.findIndex((l) => l.depth !== null && l.depth >= depth);
    const same = numbered >= 0 ? numbered : this.levels.findIndex((l) => l.kind === kind);
    if (same >= 0) this.levels.length = same;
    this.levels.push({ kind, text, depth });
  }

  /** `Направление 1` + `«Управление…»` on the next row: one heading. */
  extendLast(text: string): void {
    const last = this.levels[this.levels.length - 1];
    if (last) last.text = `${last.text} ${text}`;
  }

  lastIsLabelOnly(): boolean {
    const last = this.levels[this.levels.length - 1];
    return !!last && isLabelOnly(last.text);
  }

  path(): string[] {
    return this.levels.map((l) => l.text);
  }

  /** The innermost `2021 год` heading: it narrows the period for the terms under it. */
  year(): number | null {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      if (this.levels[i]!.kind === 'year') return sectionYear(this.levels[i]!.text);
    }
    return null;
  }
}
