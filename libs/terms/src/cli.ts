/**
 * `karta term [PHRASE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tz ZONE]`
 *
 * With PHRASE: one JSON object. Without: phrases from stdin, one per line, and one JSON object per input line
 * (JSON Lines) in order — a blank line gives `none`. The period defaults to the current calendar year in the
 * zone (the CLI may read the clock; the library may not). Bad flags: a message on stderr and exit code 2.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { DateTime, IANAZone } from 'luxon';
import { parseTerm } from './parse';
import { parseIso } from './dates';
import type { TermContext } from './types';

const USAGE = 'usage: karta term [PHRASE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--tz ZONE]';

function fail(message: string): number {
  process.stderr.write(`karta term: ${message}\n${USAGE}\n`);
  return 2;
}

async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk))
    await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
}

export async function termCommand(args: string[]): Promise<number> {
  let values: { from?: string; to?: string; tz?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        tz: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const tz = values.tz ?? 'Europe/Moscow';
  if (!IANAZone.isValidZone(tz)) return fail(`--tz: unknown time zone "${tz}"`);
  const year = DateTime.now().setZone(tz).year;
  const from = values.from ?? `${year}-01-01`;
  const to = values.to ?? `${year}-12-31`;
  if (!parseIso(from)) return fail(`--from: expected a date YYYY-MM-DD, got "${from}"`);
  if (!parseIso(to)) return fail(`--to: expected a date YYYY-MM-DD, got "${to}"`);
  if (from > to) return fail(`the period is empty: --from ${from} is after --to ${to}`);
  const ctx: TermContext = { from, to, tz };
  // A reader that stops early (`karta term < cells.txt | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });

  if (positionals.length > 0) {
    // Unquoted words are one phrase: `karta term до 1 сентября` means `karta term "до 1 сентября"`.
    await write(JSON.stringify(parseTerm(positionals.join(' '), ctx)) + '\n');
    return 0;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) await write(JSON.stringify(parseTerm(line, ctx)) + '\n');
  return 0;
}
