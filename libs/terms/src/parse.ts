/**
 * parseTerm: phrase + roadmap period → TermResult. Pure and deterministic: no clock, no I/O, and it never
 * throws — anything it cannot read (or an internal fault) comes back as `unknown` with a reason.
 */
import type { TermContext, TermResult, TermSchedule } from './types';
import { parseIso } from './dates';
import { normalise } from './normalise';
import { parseItems } from './anchors';
import { Draft, NONE, RULES, decide } from './rules';
import { Period, expand, itemsWindow } from './expand';
import { REASON } from './reasons';

/** Each rule with a twin that has the `d` flag (group offsets), run only once the rule has matched. */
const COMPILED = RULES.map((rule) => ({
  rule,
  indexed: rule.quotes ? new RegExp(rule.pattern.source, rule.pattern.flags + 'd') : null,
}));

/** Longer cells are prose (a result fused with the term, a whole paragraph), not a term. */
const MAX_RAW = 2000;
const MAX_TEXT = 300;

function result(
  input: string,
  kind: TermResult['kind'],
  schedule: TermSchedule,
  rest: Partial<TermResult> = {},
  notes: string[] = [],
): TermResult {
  const r: TermResult = {
    input,
    kind,
    occurrences: rest.occurrences ?? [],
    window: rest.window ?? { start: null, end: null },
    needsReview: notes.length > 0,
  };
  if (notes.length > 0) r.reason = notes.join('; ');
  if (rest.external) r.external = rest.external;
  r.schedule = schedule;
  return r;
}

function unknown(input: string, reason: string): TermResult {
  return result(input, 'unknown', { type: 'unknown' }, {}, [reason]);
}

export function parseTerm(input: string, ctx: TermContext): TermResult {
  const raw = typeof input === 'string' ? input : String(input ?? '');
  try {
    return parseChecked(raw, ctx);
  } catch (e) {
    // Defensive: a bug must not take the importer down; it surfaces as a phrase to review.
    return unknown(raw, REASON.internalError(e instanceof Error ? e.message : String(e)));
  }
}

function parseChecked(raw: string, ctx: TermContext): TermResult {
  const period = periodOf(ctx);
  if (!period) return unknown(raw, REASON.invalidPeriod(ctx?.from, ctx?.to));
  if (raw.length > MAX_RAW) return unknown(raw, REASON.tooLong);

  const norm = normalise(raw);
  let text = norm.text;
  let display = norm.display;
  if (NONE.test(text)) return result(raw, 'none', { type: 'none' });
  if (text.length > MAX_TEXT) return unknown(raw, REASON.tooLong);

  const draft: Draft = { annual: false, notes: norm.repaired.map(REASON.dateTypo) };
  for (const { rule, indexed } of COMPILED) {
    if (!rule.hints.some((h) => text.includes(h))) continue;
    for (let guard = 0; guard < 4; guard++) {
      let m = rule.pattern.exec(text);
      if (!m) break;
      if (indexed) m = indexed.exec(text)!;
      const found = m;
      const shown = display;
      rule.handle(found, draft, (i) => {
        const span = found.indices?.[i];
        return span ? shown.slice(span[0], span[1]) : undefined;
      });
      // Cut the clause out of both strings at the same offsets; a comma keeps the dates around it apart.
      const a = m.index;
      const b = m.index + m[0].length;
      text = `${text.slice(0, a)} , ${text.slice(b)}`;
      display = `${display.slice(0, a)} , ${display.slice(b)}`;
      if (!rule.repeat) break;
    }
  }
  if (draft.unsupported) return unknown(raw, draft.unsupported);

  const parsed = parseItems(text);
  if ('error' in parsed) return unknown(raw, parsed.error);
  const decision = decide(draft, parsed.items, period.ty > period.fy);
  if (decision.kind === 'unknown') return unknown(raw, decision.notes.join('; '));

  let expanded = expand(decision.schedule, period);
  if (decision.kind === 'external' && decision.windowItems && decision.windowItems.length > 0)
    expanded = itemsWindow(decision.windowItems, period);
  const notes = [...parsed.notes, ...decision.notes, ...expanded.notes];
  if (
    (decision.kind === 'once' || decision.kind === 'recurring') &&
    expanded.occurrences.length === 0 &&
    expanded.notes.length === 0
  )
    notes.push(REASON.noOccurrence(period.from, period.to));
  return result(
    raw,
    decision.kind,
    decision.schedule,
    { occurrences: expanded.occurrences, window: expanded.window, external: decision.external },
    dedupe(notes),
  );
}

/** The period, validated; the last one is kept since an import parses many phrases with the same period. */
let lastPeriod: Period | null = null;
function periodOf(ctx: TermContext): Period | null {
  if (lastPeriod && ctx && lastPeriod.from === ctx.from && lastPeriod.to === ctx.to) return lastPeriod;
  const f = parseIso(ctx?.from);
  const t = parseIso(ctx?.to);
  if (!f || !t || ctx.from > ctx.to) return null;
  lastPeriod = { from: ctx.from, to: ctx.to, fy: f.y, ty: t.y };
  return lastPeriod;
}

function dedupe(notes: string[]): string[] {
  return notes.filter((n, i) => notes.indexOf(n) === i);
}
