/**
 * Extracts the term ("Срок") cells of the seed roadmaps in ../shared/seeds at run time, so the table-driven
 * suite and the bench see every phrase without copying seed text into the repo.
 *
 * The seeds are tab-separated text renderings of the tables. The rules below are just enough to recover the
 * term cell of each activity row (see ../shared/notes/reading-roadmaps.md):
 * - the header row is the first with a cell starting with `Срок` (Срок, Сроки, Срок реализации); its width is
 *   the table width and its index the term column;
 * - a row of bare column numbers (`1 2 3 4 5`, repeated after page breaks in 001) or of dashes only (the
 *   `-- -- --` rulers of 002 and 003) is skipped;
 * - a continuation row (page break inside a row: first cell empty and the next empty or lower-case, or the
 *   first cell itself lower-case) appends its term cell to the previous row's term;
 * - a row narrower than the header lost cells on the left (003: the merged first column), so the term column
 *   shifts left by the difference — unless its last cell starts with a term word followed by a capitalised
 *   result (`Ежегодно Тиражирование…`): then the term was fused into the result cell after a page break.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface SeedTerm {
  seed: string;
  line: number;
  term: string;
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** The seeds live beside the repository, never inside it (no seed text is copied into the repo). */
export const SEEDS_DIR = path.resolve(repoRoot, '..', 'shared', 'seeds');

const LOWER_START = /^\s*(?:<[^>]*>\s*)*\p{Ll}/u;
const FUSED_TERM = /^\s*(ежегодно|постоянно|ежемесячно|ежеквартально)\s+(?=\p{Lu})/iu;

export function extractSeedTerms(file: string): SeedTerm[] {
  const seed = path.basename(file);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  let col = -1;
  let width = 0;
  const out: SeedTerm[] = [];
  lines.forEach((line, i) => {
    const cells = line.split('\t');
    if (cells.length < 2) return;
    if (col < 0) {
      const h = cells.findIndex((c) => /^\s*(?:\*\*)?Срок/u.test(c));
      if (h >= 0) {
        col = h;
        width = cells.length;
      }
      return;
    }
    // Column-number rows (`1 2 3 4 5`) and page-break rulers (`-- -- --`) are not activities.
    if (cells.every((c) => /^\s*(?:\d*|-+)\s*$/.test(c))) return;
    let term: string | undefined;
    if (cells.length === width) term = cells[col];
    else {
      const fused = cells.length < width ? FUSED_TERM.exec(cells[cells.length - 1]) : null;
      term = fused ? fused[1] : cells[col - (width - cells.length)];
    }
    term = (term ?? '').trim();
    const continuation =
      out.length > 0 &&
      (LOWER_START.test(cells[0]) ||
        (cells[0].trim() === '' && (cells[1].trim() === '' || LOWER_START.test(cells[1]))));
    if (continuation) {
      if (term) out[out.length - 1].term += ' ' + term;
      return;
    }
    if (term) out.push({ seed, line: i + 1, term });
  });
  return out;
}

export function seedFiles(dir = SEEDS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function allSeedTerms(dir = SEEDS_DIR): SeedTerm[] {
  return seedFiles(dir).flatMap((f) => extractSeedTerms(f));
}
