import { DraftActivity, launchBlockers } from './roadmap';
import { sanitizeFileName, expectsDocumentDetails } from './evidence';

const activity = (over: Partial<DraftActivity>): DraftActivity => ({
  id: 'a1',
  number: '1.1.',
  title: 'Мероприятие',
  term: { raw: 'Май 2024', kind: 'once', needsReview: false, occurrences: 1 },
  termAccepted: false,
  warnings: [],
  assignments: [{ id: 's1', kind: 'responsible', raw: 'КОИРО', status: 'resolved' }],
  ...over,
});

describe('launch blockers', () => {
  it('is empty for a clean draft', () => {
    expect(launchBlockers([activity({})])).toEqual([]);
  });

  it('lists unresolved strings, flagged terms, warnings and activities without a responsible organization', () => {
    const blockers = launchBlockers(
      [
        activity({ assignments: [{ id: 's2', kind: 'responsible', raw: 'ЦНППИМ', status: 'suggested' }] }),
        activity({
          id: 'a2',
          number: '1.2.',
          term: { raw: 'по мере необходимости', kind: 'unknown', needsReview: true, occurrences: 0 },
          warnings: [{ message: 'строка без номера', accepted: false }],
        }),
      ],
      [{ message: 'текст после таблицы', line: 90, accepted: false }],
    );
    expect(blockers.map((b) => b.kind).sort()).toEqual([
      'document_warning',
      'no_responsible',
      'responsible',
      'term',
      'warning',
    ]);
    expect(blockers.find((b) => b.kind === 'responsible')?.message).toContain('ЦНППИМ');
  });

  it('lets a curator accept a term, a warning, or ignore a string', () => {
    const blockers = launchBlockers([
      activity({
        term: { raw: 'по мере необходимости', kind: 'unknown', needsReview: true, occurrences: 0 },
        termAccepted: true,
        warnings: [{ message: 'x', accepted: true }],
        assignments: [
          { id: 's1', kind: 'responsible', raw: 'КОИРО', status: 'resolved' },
          { id: 's3', kind: 'executor', raw: 'зав. кафедрами', status: 'ignored' },
        ],
      }),
    ]);
    expect(blockers).toEqual([]);
  });

  it('does not block continuous and external terms for having no dates yet', () => {
    expect(
      launchBlockers([
        activity({ term: { raw: 'постоянно', kind: 'continuous', needsReview: false, occurrences: 0 } }),
      ]),
    ).toEqual([]);
    expect(
      launchBlockers([
        activity({ term: { raw: 'по графику ФИОКО', kind: 'external', needsReview: false, occurrences: 0 } }),
      ]),
    ).toEqual([]);
  });
});

describe('evidence rules', () => {
  it('sanitises file names', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\docs\\Приказ №872 <final>.pdf')).toBe('Приказ №872 _final_.pdf');
    expect(sanitizeFileName('\u0000\u202e.pdf')).toBe('pdf');
    expect(sanitizeFileName('')).toBe('file');
  });

  it('asks for number and date when the result is an order or a protocol', () => {
    expect(expectsDocumentDetails('Приказ министерства')).toBe(true);
    expect(expectsDocumentDetails('Протокол заседания')).toBe(true);
    expect(expectsDocumentDetails('распорядительный акт министерства')).toBe(true);
    expect(expectsDocumentDetails('Аналитическая справка')).toBe(false);
  });
});
