import {
  approve,
  cancel,
  changeDue,
  effectiveDue,
  isLate,
  isOverdue,
  markNotDone,
  OccurrenceState,
  returnForRework,
  submit,
  validateOutcome,
} from './occurrence';
import { DomainError } from './errors';

const base: OccurrenceState = {
  status: 'open',
  baselineDue: '2024-05-31',
  due: '2024-05-31',
  reworkDue: null,
  firstSubmittedOn: null,
  lastSubmittedOn: null,
  delayNote: null,
  outcome: null,
  outcomeReason: null,
};
const kindOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).kind + ':' + (e as DomainError).code;
  }
  return 'ok';
};

describe('occurrence state transitions', () => {
  it('submits from planned, open or returned, and keeps the first submission date', () => {
    expect(submit(base, '2024-05-20')).toMatchObject({
      status: 'submitted',
      firstSubmittedOn: '2024-05-20',
      lastSubmittedOn: '2024-05-20',
    });
    expect(
      submit({ ...base, status: 'returned', firstSubmittedOn: '2024-05-20' }, '2024-06-03'),
    ).toMatchObject({ firstSubmittedOn: '2024-05-20', lastSubmittedOn: '2024-06-03' });
    expect(kindOf(() => submit({ ...base, status: 'submitted' }, '2024-05-20'))).toBe(
      'conflict:occurrence_state',
    );
    expect(kindOf(() => submit({ ...base, status: 'approved' }, '2024-05-20'))).toBe(
      'conflict:occurrence_state',
    );
  });

  it('approves on time as «выполнено» without a reason', () => {
    const s = {
      ...base,
      status: 'submitted' as const,
      firstSubmittedOn: '2024-05-30',
      lastSubmittedOn: '2024-05-30',
    };
    expect(approve(s)).toMatchObject({ status: 'approved', outcome: 'выполнено', outcomeReason: null });
  });

  it('requires a reason for a late approval, taking the head’s delay note when there is one', () => {
    const late = {
      ...base,
      status: 'submitted' as const,
      firstSubmittedOn: '2024-06-05',
      lastSubmittedOn: '2024-06-05',
    };
    expect(kindOf(() => approve(late))).toBe('validation:reason_required');
    expect(approve(late, 'Болезнь исполнителя')).toMatchObject({
      outcome: 'выполнено с нарушением срока',
      outcomeReason: 'Болезнь исполнителя',
    });
    expect(approve({ ...late, delayNote: 'Задержка подписи' })).toMatchObject({
      outcomeReason: 'Задержка подписи',
    });
  });

  it('counts a rework submitted after its own date as late', () => {
    const s = {
      ...base,
      status: 'submitted' as const,
      firstSubmittedOn: '2024-05-30',
      reworkDue: '2024-06-07',
      lastSubmittedOn: '2024-06-10',
    };
    expect(isLate(s)).toBe(true);
    expect(isLate({ ...s, lastSubmittedOn: '2024-06-07' })).toBe(false);
  });

  it('returns only a submitted report, with a comment', () => {
    const s = { ...base, status: 'submitted' as const, firstSubmittedOn: '2024-05-30' };
    expect(returnForRework(s, 'Нет подписи', '2024-06-07')).toEqual({
      status: 'returned',
      reworkDue: '2024-06-07',
    });
    expect(kindOf(() => returnForRework(s, '  ', '2024-06-07'))).toBe('validation:comment_required');
    expect(kindOf(() => returnForRework(base, 'x', '2024-06-07'))).toBe('conflict:occurrence_state');
  });

  it('is overdue while owed and past the date held to; waiting for review is not overdue', () => {
    expect(isOverdue(base, '2024-06-01')).toBe(true);
    expect(isOverdue(base, '2024-05-31')).toBe(false);
    expect(isOverdue({ ...base, status: 'submitted' }, '2024-07-01')).toBe(false);
    const returned = { ...base, status: 'returned' as const, reworkDue: '2024-06-07' };
    expect(effectiveDue(returned)).toBe('2024-06-07');
    expect(isOverdue(returned, '2024-06-05')).toBe(false);
    expect(isOverdue(returned, '2024-06-08')).toBe(true);
  });

  it('moves the due date but never the baseline; cancels and closes as not done with a reason', () => {
    expect(changeDue(base, '2024-06-30')).toEqual({ due: '2024-06-30' });
    expect(kindOf(() => changeDue(base, '30.06.2024'))).toBe('validation:bad_date');
    expect(cancel(base)).toMatchObject({ status: 'cancelled' });
    expect(kindOf(() => cancel({ ...base, status: 'approved' }))).toBe('conflict:occurrence_state');
    expect(kindOf(() => markNotDone(base, ''))).toBe('validation:reason_required');
    expect(markNotDone(base, 'Не профинансировано')).toMatchObject({
      outcome: 'не выполнено',
      outcomeReason: 'Не профинансировано',
    });
  });

  it('validates outcomes given by hand', () => {
    expect(kindOf(() => validateOutcome('выполнено', null))).toBe('ok');
    expect(kindOf(() => validateOutcome('не выполнено', ' '))).toBe('validation:reason_required');
  });
});
