/**
 * `karta import FILE [--format auto|text|docx|pdf|html|xlsx] [--json] [--tz ZONE] [--from D --to D]`
 *
 * With --json: one ImportResult object on stdout. Without: a summary for a person (counts by term kind,
 * rows needing review, warnings). Exit 0 on success; 1 with a one-line reason when the file cannot be
 * read as a roadmap; 2 on bad usage. Large files show a progress bar on stderr when it is a terminal.
 */
import { readFile, stat } from 'fs/promises';
import { basename } from 'path';
import { parseArgs } from 'util';
import { isImportError } from './errors';
import { DEFAULT_MAX_BYTES, importRoadmap, tooLarge } from './import';
import { firstWords } from './text';
import { IMPORT_FORMATS, type FormatOption, type ImportResult, type IsoPeriod } from './types';

export interface CliStreams {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
}

const USAGE = `Usage: karta import FILE [--format auto|${IMPORT_FORMATS.join('|')}] [--json] [--tz ZONE] [--from YYYY-MM-DD --to YYYY-MM-DD]

Reads a roadmap document and prints its activities. --from/--to give the plan's period when the
document states none.`;

/** Files this large get a progress bar (when stderr is a terminal). */
export const PROGRESS_MIN_BYTES = 1024 * 1024;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export async function importCommand(args: string[], io: CliStreams = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'auto' },
        json: { type: 'boolean', default: false },
        tz: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.stderr.write(`karta import: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format as FormatOption;
  const file = positionals[0];
  const usageError = !file
    ? 'no FILE given'
    : positionals.length > 1
      ? `one FILE expected, got ${positionals.length}`
      : format !== 'auto' && !(IMPORT_FORMATS as readonly string[]).includes(format)
        ? `unknown format '${format}'`
        : !!values.from !== !!values.to ||
            (values.from && (!ISO.test(values.from) || !ISO.test(values.to ?? '')))
          ? '--from and --to go together, as YYYY-MM-DD'
          : null;
  if (usageError || !file) {
    io.stderr.write(`karta import: ${usageError}\n${USAGE}\n`);
    return 2;
  }

  if (io.stdout === process.stdout) {
    // a reader that stops early (`| head`) is not an error
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  let bytes: Uint8Array;
  try {
    // a file over the limit is refused before it is read into memory
    const size = (await stat(file)).size;
    if (size > DEFAULT_MAX_BYTES) {
      io.stderr.write(`karta import: ${basename(file)}: ${tooLarge(size, DEFAULT_MAX_BYTES).message}\n`);
      return 1;
    }
    bytes = await readFile(file);
  } catch (e) {
    io.stderr.write(
      `karta import: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return 1;
  }

  const bar =
    bytes.length >= PROGRESS_MIN_BYTES && io.stderr.isTTY ? progressBar(io.stderr, basename(file)) : null;
  const defaultPeriod: IsoPeriod | undefined =
    values.from && values.to ? { from: values.from, to: values.to } : undefined;
  try {
    const result = await importRoadmap({
      bytes,
      fileName: file,
      format,
      tz: values.tz,
      defaultPeriod,
      onProgress: bar?.update,
    });
    bar?.done();
    io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result));
    return 0;
  } catch (e) {
    bar?.done();
    const message = isImportError(e) ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
    io.stderr.write(`karta import: ${basename(file)}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    if (!isImportError(e) && process.env.KARTA_DEBUG) io.stderr.write(`${(e as Error)?.stack}\n`);
    return 1;
  }
}

/** `[████████░░░░░░] 57% roadmap.pdf`, redrawn in place; cleared when done. */
export function progressBar(stream: CliStreams['stderr'], label: string) {
  const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 12));
  let shown = -1;
  return {
    update: (fraction: number) => {
      const pct = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
      if (pct === shown) return;
      shown = pct;
      const full = Math.round((pct / 100) * width);
      stream.write(`\r[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${String(pct).padStart(3)}% ${label}`);
    },
    done: () => {
      if (shown >= 0) stream.write(`\r${' '.repeat(width + label.length + 8)}\r`);
    },
  };
}

const KINDS = ['once', 'recurring', 'continuous', 'external', 'none', 'unknown'] as const;

/** The readable report: what was found, what a curator must look at. */
export function summary(r: ImportResult): string {
  const lines: string[] = [];
  lines.push(
    `Файл: ${r.source.file ?? '—'} (${r.source.format}${r.source.encoding ? `, ${r.source.encoding}` : ''})`,
  );
  lines.push(`Документ: ${r.title ?? '— (название не найдено)'}`);
  if (r.approved) {
    const a = r.approved;
    const instrument =
      a.instrument && !a.by.toLowerCase().startsWith(a.instrument.slice(0, 5)) ? a.instrument : '';
    lines.push(
      `Утверждён: ${[instrument, a.by, a.date ? `от ${a.date}` : '', a.number ? `№ ${a.number}` : ''].filter(Boolean).join(' ')}`,
    );
  }
  const basis = {
    document: 'по документу',
    default: 'задан при запуске',
    inferred: 'выведен из дат документа',
  }[r.termContext.basis];
  lines.push(
    `Период: ${r.termContext.from} — ${r.termContext.to} (${basis}), часовой пояс ${r.termContext.tz}`,
  );
  const sections = new Set(r.activities.map((a) => a.section.join(' / ')).filter(Boolean));
  lines.push(`Мероприятий: ${r.activities.length}${sections.size ? ` в ${sections.size} разд.` : ''}`);
  const counts = KINDS.map((k) => `${k} ${r.activities.filter((a) => a.term.kind === k).length}`);
  lines.push(`Сроки: ${counts.join(' · ')}`);
  const review = r.activities.filter((a) => a.term.needsReview);
  lines.push('', `Требуют проверки срока: ${review.length}`);
  for (const a of review) {
    const head = [a.number, firstWords(a.title, 7)].filter(Boolean).join(' ');
    lines.push(
      `  стр. ${String(a.source.line).padEnd(5)} ${head} — «${a.term.raw}»${a.term.reason ? `: ${a.term.reason}` : ''}`,
    );
  }
  lines.push('', `Предупреждения: ${r.warnings.length}`);
  for (const w of r.warnings)
    lines.push(`  ${w.line === null ? 'документ ' : `стр. ${String(w.line).padEnd(5)}`} ${w.message}`);
  return `${lines.join('\n')}\n`;
}
