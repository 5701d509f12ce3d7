import { readFileSync } from 'fs';
import { resolve } from 'path';
import type { ImportResult } from '../src';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** The seed documents live beside the repository and are never copied into it. */
export const SEEDS_DIR = resolve(REPO_ROOT, '..', 'shared', 'seeds');
export const FIXTURES_DIR = resolve(__dirname, 'fixtures');
export const EXPECTED_DIR = resolve(__dirname, 'expected');

export const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(resolve(FIXTURES_DIR, name)));

/** The first `n` words: enough to identify a row without copying the document into the repository. */
export const words = (s: string | null, n = 6): string | null =>
  s === null ? null : s.split(' ').slice(0, n).join(' ');

/** The last `n` words: a continuation fragment lost after a page break shows here. */
export const lastWords = (s: string | null, n = 4): string | null =>
  s === null ? null : s.split(' ').slice(-n).join(' ');

/** The short view of an activity the seed expectation files hold. */
export interface BriefActivity {
  line: number;
  number: string | null;
  /** Index of its section path among the document's distinct section paths. */
  section: number;
  title: string;
  titleEnd: string;
  parent: string | null;
  /** How many parties the responsible and executors cells were split into. */
  parties: [number, number];
  term: string;
  kind: string;
  review: boolean;
  result: string | null;
  resultEnd: string | null;
}

export function brief(r: ImportResult): BriefActivity[] {
  const sections: string[] = [];
  return r.activities.map((a) => {
    const key = a.section.join(' / ');
    if (!sections.includes(key)) sections.push(key);
    return {
      line: a.source.line,
      number: a.number,
      section: sections.indexOf(key),
      title: words(a.title)!,
      titleEnd: lastWords(a.title)!,
      parent: words(a.parent, 4),
      parties: [a.responsible.length, a.executors.length],
      term: a.term.raw,
      kind: a.term.kind,
      review: a.term.needsReview,
      result: words(a.result),
      resultEnd: lastWords(a.result),
    };
  });
}
