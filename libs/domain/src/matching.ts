/**
 * Matching the responsible / executor strings of an imported roadmap against the directory.
 * Documents name organizations by alias (`КОИРО`), abbreviation (`ЦНППМ` for «Центр непрерывного
 * повышения профессионального мастерства»), with typos (`ЦНППИМ`) and legal-form prefixes (`ОГБОУ ДПО`),
 * and people by surname with initials (`Шешерина Г.А.`) or by position (`Ректор`). Pure and deterministic.
 */
export interface OrgCandidate {
  id: string;
  name: string;
  shortName?: string | null;
  aliases?: readonly string[];
}

export interface PersonCandidate {
  id: string;
  fullName: string;
}

export interface Suggestion {
  id: string;
  label: string;
  /** 0..1, higher is better. */
  score: number;
  /** Why it matched, for the curator: `alias`, `abbreviation`, `typo`, `name`, `initials`, `surname`. */
  reason: string;
}

const LEGAL_FORMS = new Set([
  'огбоу',
  'огаоу',
  'огбу',
  'огау',
  'гаоу',
  'гбоу',
  'гоау',
  'гау',
  'гбу',
  'гку',
  'гоу',
  'гаудпо',
  'гбудпо',
  'дпо',
  'во',
  'спо',
  'мбоу',
  'маоу',
  'мкоу',
  'мбу',
  'мау',
  'мку',
  'моу',
  'фгбу',
  'фгбоу',
  'фгаоу',
  'ано',
  'нко',
  'оо',
]);
const STOP_WORDS = new Set([
  'и',
  'в',
  'во',
  'по',
  'для',
  'на',
  'о',
  'об',
  'с',
  'со',
  'к',
  'при',
  'из',
  'от',
  'а',
]);

export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/[«»"“”„'`]/gu, ' ')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** «Муниципальное бюджетное общеобразовательное учреждение …», spelled out, is a legal form like `МБОУ`. */
const LEGAL_FORM_PHRASE =
  /^(?:(?:муниципальн|государственн|областн|краев|федеральн|региональн|частн)\p{L}*\s+)?(?:(?:бюджетн|автономн|казенн|некоммерческ)\p{L}*\s+)?(?:(?:обще|профессиональн\p{L}*\s+)?образовательн\p{L}*\s+)?(?:учреждени|организаци)\p{L}*(?:\s+дополнительного\s+профессионального\s+образования|\s+высшего\s+образования)?\s+/u;

export function tokens(text: string): string[] {
  return normalize(text)
    .replace(LEGAL_FORM_PHRASE, '')
    .split(' ')
    .filter((t) => t && !LEGAL_FORMS.has(t));
}

/** «Центр непрерывного повышения профессионального мастерства» → `цнппм`. */
export function acronym(name: string): string {
  return normalize(name)
    .split(/[\s-]+/u)
    .filter((t) => t && !STOP_WORDS.has(t) && !LEGAL_FORMS.has(t))
    .map((t) => t[0])
    .join('');
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

const stem = (t: string) => t.slice(0, Math.max(4, Math.min(t.length, 6)));

function scoreOrg(raw: string, org: OrgCandidate): { score: number; reason: string } {
  const rawNorm = tokens(raw).join(' ');
  const rawTokens = tokens(raw);
  if (!rawNorm) return { score: 0, reason: '' };
  let best = { score: 0, reason: '' };
  const consider = (score: number, reason: string) => {
    if (score > best.score) best = { score, reason };
  };
  const shortKeys: { key: string; reason: string }[] = [];
  for (const alias of [org.shortName ?? '', ...(org.aliases ?? [])]) {
    const key = tokens(alias).join(' ');
    if (key) shortKeys.push({ key, reason: 'alias' });
  }
  const abbr = acronym(org.name);
  if (abbr.length >= 3) shortKeys.push({ key: abbr, reason: 'abbreviation' });
  const nameKey = tokens(org.name).join(' ');
  if (rawNorm === nameKey) consider(1, 'name');

  for (const { key, reason } of shortKeys) {
    if (rawNorm === key) consider(1, reason);
    else if (` ${rawNorm} `.includes(` ${key} `)) consider(0.95, reason);
    for (const t of rawTokens.length > 1 ? [rawNorm, ...rawTokens] : [rawNorm]) {
      if (key.includes(' ') || t.length < 4 || key.length < 4) continue;
      const d = levenshtein(t, key);
      const sim = 1 - d / Math.max(t.length, key.length);
      if (d > 0 && d <= 2 && sim >= 0.6) consider(Math.min(0.9, 0.55 + sim * 0.35), 'typo');
    }
  }
  // Long names: the share of the directory name's words (by stem) that the string contains.
  const nameTokens = tokens(org.name).filter((t) => !STOP_WORDS.has(t) && t.length > 2);
  if (nameTokens.length && rawTokens.length >= 2) {
    const rawStems = new Set(rawTokens.map(stem));
    const common = nameTokens.filter((t) => rawStems.has(stem(t))).length;
    const coverage = common / nameTokens.length;
    const precision = common / rawTokens.filter((t) => !STOP_WORDS.has(t) && t.length > 2).length || 0;
    if (common >= 2) consider(Math.min(0.92, 0.9 * (0.6 * coverage + 0.4 * precision)), 'name');
  }
  return best;
}

export function suggestOrganizations(raw: string, orgs: readonly OrgCandidate[], limit = 3): Suggestion[] {
  return rank(
    orgs.map((o) => ({
      id: o.id,
      label: o.shortName ? `${o.name} (${o.shortName})` : o.name,
      ...scoreOrg(raw, o),
    })),
    limit,
  );
}

/** `Шешерина Г.А.` / `Г.А. Шешерина` / `Шешерина Галина Александровна` → surname + initials. */
export function parsePersonName(raw: string): { surname: string; initials: string } | null {
  const clean = raw.replace(/ё/gu, 'е').replace(/Ё/gu, 'Е').trim();
  const m =
    /^(\p{Lu}[\p{Ll}-]+)\s+(\p{Lu})\.\s*(?:(\p{Lu})\.?)?$/u.exec(clean) ??
    /^(\p{Lu}[\p{Ll}-]+)\s+(\p{Lu})[\p{Ll}]+(?:\s+(\p{Lu})[\p{Ll}]+)?$/u.exec(clean);
  if (m) return { surname: m[1].toLowerCase(), initials: (m[2] + (m[3] ?? '')).toLowerCase() };
  const r = /^(\p{Lu})\.\s*(?:(\p{Lu})\.)?\s*(\p{Lu}[\p{Ll}-]+)$/u.exec(clean);
  if (r) return { surname: r[3].toLowerCase(), initials: (r[1] + (r[2] ?? '')).toLowerCase() };
  return null;
}

export function suggestPeople(raw: string, people: readonly PersonCandidate[], limit = 3): Suggestion[] {
  const wanted = parsePersonName(raw);
  if (!wanted) return [];
  return rank(
    people.map((p) => {
      const have = parsePersonName(p.fullName);
      if (!have) return { id: p.id, label: p.fullName, score: 0, reason: '' };
      const d = levenshtein(wanted.surname, have.surname);
      const initialsMatch = wanted.initials && have.initials.startsWith(wanted.initials);
      const initialsClash = wanted.initials && !initialsMatch;
      let score = 0;
      let reason = '';
      if (d === 0 && initialsMatch) [score, reason] = [0.97, 'initials'];
      else if (d === 0 && !initialsClash) [score, reason] = [0.75, 'surname'];
      else if (d === 1 && wanted.surname.length >= 5 && initialsMatch) [score, reason] = [0.85, 'typo'];
      else if (d === 0) [score, reason] = [0.4, 'surname'];
      return { id: p.id, label: p.fullName, score, reason };
    }),
    limit,
  );
}

const POSITION =
  /^(ректор|проректор|директор|руководител\p{L}*|начальник\p{L}*|заведующ\p{L}*|председател\p{L}*|министр|заместитель\p{L}*|зав\.)/iu;

/** `Ректор`, `Директор`, `Руководитель Центра`: a position, resolved to the head of the responsible organization. */
export const isPositionTitle = (raw: string) => POSITION.test(raw.trim());

function rank(all: Suggestion[], limit: number): Suggestion[] {
  return all
    .filter((s) => s.score >= 0.5)
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label, 'ru'))
    .slice(0, limit)
    .map((s) => ({ ...s, score: Math.round(s.score * 100) / 100 }));
}

/** Confident enough to resolve without asking: an exact hit with no close runner-up. */
export function isConfident(suggestions: readonly Suggestion[]): boolean {
  const [top, second] = suggestions;
  return !!top && top.score >= 0.95 && (!second || top.score - second.score >= 0.1);
}
