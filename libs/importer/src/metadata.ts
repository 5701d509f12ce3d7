/**
 * Document metadata from the prose before the table: the plan's title, who approved it (the
 * `Утвержден приказом … от … № …` stamp, or the order the plan is attached to), and the plan's period
 * (`на период до 2024 года`, `на 2021 - 2022 гг.`, `в 2023 году`, `на период 2020-2024 годы`).
 */
import type { SourceParagraph } from './model';
import { collapse, parseRussianDate } from './text';
import type { Approval, IsoPeriod } from './types';

const PLAN_WORDS =
  /дорожн\p{L}*\s+карт|комплекс\p{L}*\s+мер|план\p{L}*\s+(?:мероприяти|действи|работ|основн)|^план\b|программ\p{L}*\s+мероприяти/iu;
const ORDER_TITLE = /^(?:об?\s|о\s|по\s+вопрос)/iu;

/** The plan's own title: the last bold paragraph before the table naming a plan, else the last such paragraph. */
export function findTitle(paragraphs: SourceParagraph[]): string | null {
  const naming = paragraphs.filter(
    (p) => PLAN_WORDS.test(p.text) && p.text.split(' ').length <= 80 && !ORDER_TITLE.test(p.text),
  );
  const bold = naming.filter((p) => p.bold);
  const pick = bold[bold.length - 1] ?? naming.filter((p) => !/^\d+(?:\.\d+)*\.?\s/.test(p.text)).pop();
  return pick ? collapse(pick.text) : null;
}

const APPROVED = /^[«"]?утвержд[её]н[аоы]?[»"]?(?:\s|$|:)/iu;
const INSTRUMENT = /(приказ|распоряжени|постановлени|решени)\p{L}*/iu;
const NUMBER = /№\s*([\p{L}\d][\p{L}\d\-/.]*[\p{L}\d]|\d+)/u;

function instrumentOf(text: string): string | undefined {
  const m = INSTRUMENT.exec(text);
  if (!m) return undefined;
  return { приказ: 'приказ', распоряжени: 'распоряжение', постановлени: 'постановление', решени: 'решение' }[
    m[1]!.toLowerCase()
  ];
}

/** `Утвержден приказом … от «31» мая 2023 г. № 872` (possibly over several paragraphs). */
function stampApproval(paragraphs: SourceParagraph[]): Approval | null {
  const at = paragraphs.findIndex((p) => APPROVED.test(p.text));
  if (at < 0) return null;
  let text = paragraphs[at]!.text.replace(APPROVED, '').trim();
  for (let k = at + 1; k < paragraphs.length && k <= at + 4 && !NUMBER.test(text); k++) {
    const p = paragraphs[k]!;
    if (p.bold || PLAN_WORDS.test(p.text)) break;
    text = `${text} ${p.text}`.trim();
  }
  text = text.replace(/\(\s*приложение[^)]*\)/iu, '').trim();
  const fromAt = text.search(/(?:^|\s)от\s+[«"]?\d/u);
  const by = collapse(fromAt >= 0 ? text.slice(0, fromAt) : text.replace(NUMBER, ''));
  const rest = fromAt >= 0 ? text.slice(fromAt) : text;
  if (!by && !rest) return null;
  return {
    by,
    date: parseRussianDate(rest),
    number: NUMBER.exec(rest)?.[1] ?? null,
    ...(instrumentOf(by) ? { instrument: instrumentOf(by) } : {}),
  };
}

const DOC_TYPE = /^(приказ|распоряжение|постановление)$/iu;

/**
 * A plan attached to an order that approves it (`П Р И К А З … 12.05.2023 № 464 … 1. Утвердить: …`): the
 * issuer is the heading above the document type, the date and number follow it.
 */
function orderApproval(paragraphs: SourceParagraph[]): Approval | null {
  const at = paragraphs.findIndex((p) => DOC_TYPE.test(p.text.replace(/\s+/g, '')) || DOC_TYPE.test(p.text));
  if (at < 0 || !paragraphs.some((p) => /утвердить/iu.test(p.text))) return null;
  const type = paragraphs[at]!.text.replace(/\s+/g, '').toLowerCase();
  const issuer = paragraphs
    .slice(0, at)
    .filter((p) => !/^(российская федерация|г\.\s)/iu.test(p.text))
    .map((p) => p.text)
    .join(' ');
  let date: string | null = null;
  let number: string | null = null;
  for (const p of paragraphs.slice(at + 1, at + 8)) {
    if (p.text.split(' ').length > 12) break;
    date ??= parseRussianDate(p.text);
    number ??= NUMBER.exec(p.text)?.[1] ?? null;
  }
  if (!issuer && !date) return null;
  return { by: collapse(issuer), date, number, instrument: type };
}

export function findApproval(paragraphs: SourceParagraph[]): Approval | null {
  return stampApproval(paragraphs) ?? orderApproval(paragraphs);
}

const DASH_CHARS = '\\-–—‐';
const DASH = `[${DASH_CHARS}]`;
const year = (y: string) => Number(y);
const span = (from: number, to: number): IsoPeriod => ({ from: `${from}-01-01`, to: `${to}-12-31` });

export interface PeriodFinding {
  period: IsoPeriod;
  /** The phrase it was read from. */
  phrase: string;
  /** `до 2024 года` names only the end; the start came from the approval year. */
  startAssumed: boolean;
}

/**
 * The plan's period from a title or order text. `на период до 2024 года` names only the end: the plan
 * then runs from the year it was approved (`approvedYear`), else from the end year itself.
 */
export function findPeriod(texts: string[], approvedYear: number | null): PeriodFinding | null {
  for (const text of texts) {
    const t = text.replace(/\s+/g, ' ');
    let m = new RegExp(
      `(?:на|в)\\s+(20\\d\\d)\\s*[/${DASH_CHARS}]\\s*(20\\d\\d)\\s+учебн\\p{L}*\\s+год`,
      'iu',
    ).exec(t);
    if (m)
      return { period: { from: `${m[1]}-09-01`, to: `${m[2]}-08-31` }, phrase: m[0], startAssumed: false };
    m = new RegExp(
      `(?:на\\s+период\\s+(?:с\\s+)?|на\\s+|в\\s+(?:период\\s+)?|в\\s+течение\\s+)(20\\d\\d)\\s*(?:год\\p{L}*\\s*)?(?:${DASH}|по|до)\\s*(20\\d\\d)`,
      'iu',
    ).exec(t);
    if (m && year(m[1]!) <= year(m[2]!))
      return { period: span(year(m[1]!), year(m[2]!)), phrase: m[0], startAssumed: false };
    m = /на\s+период\s+до\s+(20\d\d)/iu.exec(t);
    if (m) {
      const end = year(m[1]!);
      const start = approvedYear && approvedYear <= end ? approvedYear : end;
      return { period: span(start, end), phrase: m[0], startAssumed: true };
    }
    m = /(?:^|\s)(?:в|на)\s+(20\d\d)\s+(?:год|г\.)/iu.exec(t);
    if (m) return { period: span(year(m[1]!), year(m[1]!)), phrase: m[0].trim(), startAssumed: false };
  }
  return null;
}
