/**
 * People and organisations written into one cell, split into a list:
 *
 *   `Шешерина Г.А. Полунина Н.Л. Афонина Е.В.`   → three people
 *   `КОПО ЛО ОМСУ ГАОУ ДПО «ЛОИРО»`               → `КОПО ЛО`, `ОМСУ`, `ГАОУ ДПО «ЛОИРО»`
 *   `министерство; ЦНППМ; …`                       → split at `;` only: the author did it already
 *   `Ректор Руководитель`                          → two positions
 *
 * A left-to-right scan over tokens: legal-form abbreviations (`ГАОУ`, `ДПО`) open a name that the next
 * abbreviation or quoted name completes; level and region tags (`СПО`, `ЛО`, `КК`) attach to the name
 * before them; a capitalised head noun (`Органы`, `Департамент`, `Руководитель`) or adjective in the
 * nominative starts a new entry, while genitive words (`Костромской`, `Центра`) continue the current one.
 */

type TokenKind = 'abbr' | 'quoted' | 'paren' | 'person' | 'cap' | 'word' | 'punct';
interface Token {
  kind: TokenKind;
  text: string;
}

/** Organisational legal forms (учреждение types): they open a name, never end one. */
const LEGAL_FORM =
  /^(?:Ф?Г[АБК]?[ОП]?[АБК]?О?У|ОГ[АБК]?[ОП]?[АБК]?О?У|М[АБК]?[ОД]?[ОУ]У?|[АБКЧН]?ОУ|АНО|ООО|ОАО|ПАО|АО|НКО|РОО|ФГАОУ|ФГБОУ|ГПОАУ|ГБПОУ|ГАПОУ|ГАУ|ГБУ|ГКУ|МБУ|МАУ|АОУ)$/u;
/** Level and region tags that qualify the name before them (`ДПО`, `ВО`, `СПО`, `ЛО`, `КК`, `АО`…). */
const TAG = /^(?:ДПО|ВО|СПО|ПО|ДО|ЛО|КК|КО|ТО|АО|РФ|РТ|РБ|НО)$/u;
/** Capitalised words that head a new entry (nominative nouns of organisations and positions). */
const HEAD =
  /^(?:Орган[ыа]?|Департамент|Министерство|Управление|Комитет|Центр|Отдел|Совет|Служб[аы]|Ректор|Проректор|Проектор|Руководител[ьи]|Декан|Директор|Председатель|Заведующ(?:ий|ие|ая)|Зав\.?|Начальник|Заместитель|Специалист[ыа]?|Методист[ыа]?|Субъект[ыа]?|Администрация|Институт|Академия|Ассоциация|Объединени[ея]|Учреждени[ея]|Организаци[ия]|Педагог[иа]?|Учител[ьяи]|Тьютор[ы]?|Эксперт[ы]?|Площадк[иа]|Стажировочные|Инновационные|Все|Общеобразовательные|Образовательные|Муниципальные|Региональн(?:ый|ая|ое|ые)|Государственн(?:ый|ая|ое|ые)|Федеральн(?:ый|ая|ое|ые)|Научно-\p{L}+)$/u;
/** Nominative adjective endings: a capitalised adjective opens a name (`Региональное учебно-методическое…`). */
const NOMINATIVE_ADJ = /(?:ый|ий|ое|ее|ая|яя|ые|ие)$/u;
const LINK = /^(?:и|в|во|на|при|по|для|с|со|к|от|из|под|над)$/u;
/** Words after which an abbreviation names what they govern (`кафедрами ТОИПКРО`, `субъекты РСНМС`). */
const GOVERNS = /^(?:\p{L}+(?:ами|ями)|субъект(?:ы|ов)|член(?:ы|ов)|участник(?:и|ов))$/u;
/** Genitive-looking endings: `Костромской`, `Краснодарского`, `Федерации`, `России`, `Центра`, `Минпросвещения`. */
const GENITIVE = /(?:ской|ского|ских|цкой|цкого|ого|его|ии|ения|ства|ации|[аяы])$/u;
const PERSON =
  /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+\p{Lu}\.\s?(?:\p{Lu}\.)?$|^\p{Lu}\.\s?(?:\p{Lu}\.)?\s?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u;

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  const re =
    /(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+\p{Lu}\.\s?(?:\p{Lu}\.)?)|(\p{Lu}\.\s?(?:\p{Lu}\.)?\s?\p{Lu}\p{Ll}+)|(«[^»]*»|"[^"]*"|“[^”]*”)|(\((?:[^()]|\([^()]*\))*\))|([;,:])|(\S+)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m[1] || m[2]) out.push({ kind: 'person', text: (m[1] ?? m[2])! });
    else if (m[3]) out.push({ kind: 'quoted', text: m[3] });
    else if (m[4]) out.push({ kind: 'paren', text: m[4] });
    else if (m[5]) out.push({ kind: 'punct', text: m[5] });
    else {
      const w = m[6]!;
      if (/^[\p{Lu}\d-]{2,}$/u.test(w) && /\p{Lu}{2}/u.test(w)) out.push({ kind: 'abbr', text: w });
      else if (/^\p{Lu}/u.test(w)) out.push({ kind: 'cap', text: w });
      else out.push({ kind: 'word', text: w });
    }
  }
  return out;
}

const joinTokens = (tokens: Token[]): string =>
  tokens
    .map((t) => t.text)
    .join(' ')
    .replace(/\s+([,.;:)])/g, '$1')
    .replace(/\(\s+/g, '(')
    .trim();

/** Where the current entry stands: nothing yet, an open legal form awaiting its name, a name, a finished name. */
type State = 'empty' | 'open' | 'words' | 'closed';

function splitSegment(segment: string): string[] {
  const tokens = tokenize(segment);
  const entries: Token[][] = [];
  let cur: Token[] = [];
  let state: State = 'empty';
  const start = (t: Token, next: State) => {
    if (cur.length) entries.push(cur);
    cur = [t];
    state = next;
  };
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    switch (t.kind) {
      case 'person':
        start(t, 'closed');
        state = 'closed';
        break;
      case 'abbr':
        if (LEGAL_FORM.test(t.text) && !TAG.test(t.text)) {
          if (state === 'open') cur.push(t);
          else start(t, 'open');
        } else if (TAG.test(t.text) && state !== 'empty' && prev?.kind !== 'person') {
          cur.push(t); // `ГАОУ ДПО`, `КОПО ЛО`, `РНМЦ СПО`
        } else if (state === 'open') {
          cur.push(t);
          state = 'closed';
        } else if (
          state === 'words' &&
          prev &&
          ((prev.kind === 'cap' && HEAD.test(prev.text)) ||
            (prev.kind === 'word' && GOVERNS.test(prev.text)) ||
            (prev.kind === 'abbr' && cur.includes(prev)))
        ) {
          cur.push(t); // `Руководитель ЦНППМ`, `Заведующие кафедрами ТОИПКРО`, `Субъекты РС НМС`
        } else start(t, 'closed');
        break;
      case 'quoted':
        if (state === 'empty') start(t, 'closed');
        else {
          cur.push(t);
          if (state === 'open') state = 'closed';
        }
        break;
      case 'paren':
      case 'punct':
        if (state === 'empty') start(t, 'words');
        else cur.push(t);
        break;
      case 'cap': {
        const genitive = GENITIVE.test(t.text) && !HEAD.test(t.text);
        const opens = HEAD.test(t.text) || NOMINATIVE_ADJ.test(t.text);
        if (state === 'empty') start(t, 'words');
        else if (state === 'open') cur.push(t);
        else if (genitive && state !== 'closed') cur.push(t);
        else if (genitive && state === 'closed' && prev?.kind !== 'person')
          cur.push(t); // `ГБОУ ИРО Краснодарского края`
        else if (opens || state === 'closed') start(t, 'words');
        else cur.push(t);
        break;
      }
      case 'word':
        // after a finished name a lower-case word opens the next one (`ЦНППМ все субъекты РСНМС`),
        // unless it links the two (`ЦНППМ при ГАУ ДПО …`)
        if (
          state === 'empty' ||
          (state === 'closed' &&
            (prev?.kind === 'person' ||
              ((prev?.kind === 'abbr' || prev?.kind === 'quoted') && !LINK.test(t.text))))
        )
          start(t, 'words');
        else {
          cur.push(t);
          if (state === 'closed') state = prev?.kind === 'abbr' || prev?.kind === 'quoted' ? 'open' : 'words';
        }
        break;
    }
  });
  if (cur.length) entries.push(cur);
  return entries.map(joinTokens).filter((e) => e !== '' && !/^[,;:]+$/.test(e));
}

/** One cell of responsible organisations or executors → the list of parties it names. */
export function splitParties(cell: string): string[] {
  const text = cell.replace(/\s+/g, ' ').trim();
  if (!text || /^[-–—хx]$/iu.test(text)) return [];
  if (text.includes(';')) {
    return text
      .split(';')
      .map((s) => s.trim().replace(/[,.]$/, '').trim())
      .filter(Boolean);
  }
  return splitSegment(text).map((s) => s.replace(/,$/, ''));
}

/** For header inference: short cells of abbreviations, people or organisation heads. */
export function isPartyLike(text: string): boolean {
  const words = text.split(' ');
  if (words.length > 12) return false;
  return tokenize(text).some(
    (t) =>
      t.kind === 'person' ||
      (t.kind === 'abbr' && !/^\d/.test(t.text)) ||
      (t.kind === 'cap' && HEAD.test(t.text)),
  );
}

export const isPersonName = (s: string): boolean => PERSON.test(s.trim());
