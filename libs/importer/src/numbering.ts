/**
 * Numbering checks. Numbers are kept as written; mistakes in them (`1.4.` twice, a missing `1.14`, `2.2.`
 * under `1.2.`, a parent numbered like its child) become warnings for the curator, never silent fixes.
 */
import type { DraftActivity } from './assemble';
import { numberParts } from './text';
import type { ImportWarning } from './types';

/** `cur` follows `prev` in an outline: the same prefix with the last part + 1, or a next branch restarting at 1. */
export function isNaturalSuccessor(prev: number[], cur: number[]): boolean {
  for (let k = 0; k < Math.min(prev.length, cur.length); k++) {
    const samePrefix = prev.slice(0, k).every((v, i) => v === cur[i]);
    if (!samePrefix) return false;
    if (cur[k] === prev[k]! + 1 && cur.slice(k + 1).every((v) => v === 1)) return true;
  }
  // one level deeper: 1.2 → 1.2.1
  return cur.length === prev.length + 1 && prev.every((v, i) => v === cur[i]) && cur[cur.length - 1] === 1;
}

const key = (a: DraftActivity) => a.section.join('\u0001');

export function checkNumbering(activities: DraftActivity[]): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  const bySection = new Map<string, DraftActivity[]>();
  for (const a of activities) {
    const list = bySection.get(key(a)) ?? [];
    list.push(a);
    bySection.set(key(a), list);
  }
  for (const list of bySection.values()) {
    const numbered = list.filter((a) => a.number);
    if (!numbered.length) continue;
    const seen = new Map<string, number>();
    let prev: number[] | null = null;
    let beforePrev: number[] | null = null;
    for (const a of list) {
      if (!a.number) {
        if (numbered.length >= list.length / 2)
          warnings.push({ line: a.line, message: 'у мероприятия нет номера, хотя соседние пронумерованы' });
        prev = beforePrev = null;
        continue;
      }
      const parts = numberParts(a.number);
      const norm = parts.join('.');
      if (seen.has(norm) && !a.numberRepeated) {
        warnings.push({
          line: a.line,
          message: `номер ${a.number} повторяется (уже был в строке ${seen.get(norm)})`,
        });
      } else if (
        prev &&
        !a.numberRepeated &&
        !isNaturalSuccessor(prev, parts) &&
        !(beforePrev && isNaturalSuccessor(beforePrev, parts))
      ) {
        warnings.push({
          line: a.line,
          message: `номер ${a.number} не следует за ${prev.join('.')}: пропуск или ошибка нумерации`,
        });
      }
      if (!seen.has(norm)) seen.set(norm, a.line);
      beforePrev = prev;
      prev = parts;
    }
  }
  // a parent's own number must prefix its activities' numbers (`1.2.` over `1.2.1.`)
  const reported = new Set<unknown>();
  for (const a of activities) {
    const p = a.parent;
    if (!p || !a.number || reported.has(p)) continue;
    const pm = /^(\d+(?:\.\d+)*)\.?/.exec(p.text);
    if (!pm) continue;
    const pp = numberParts(pm[1]!);
    const ap = numberParts(a.number);
    const prefixed = ap.length > pp.length && pp.every((v, i) => v === ap[i]);
    if (!prefixed) {
      reported.add(p);
      const same = ap.length === pp.length && pp.every((v, i) => v === ap[i]);
      warnings.push({
        line: a.line,
        message: same
          ? `номер ${a.number} совпадает с номером системообразующего мероприятия над ним`
          : `номер ${a.number} не входит в номер системообразующего мероприятия ${pm[0]}`,
      });
    }
  }
  return warnings;
}
