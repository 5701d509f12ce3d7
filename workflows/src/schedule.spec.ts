import { WorkingCalendar } from './calendar';
import { DEFAULT_POLICY, OccurrenceState, PartState } from './messages';
import {
  dueSteps,
  escalationStep,
  nextWake,
  planCheckpoints,
  planFor,
  reminderSteps,
  ScheduleContext,
} from './schedule';

// A calendar with the November 2023 holidays (4 Nov is a Saturday, moved to Monday 6 Nov).
const HOLIDAYS = new Set([
  '2023-11-06',
  '2024-01-01',
  '2024-01-02',
  '2024-01-03',
  '2024-01-04',
  '2024-01-05',
  '2024-01-08',
]);
const calendar: WorkingCalendar = {
  isWorkingDay: (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) && !HOLIDAYS.has(d),
};
const ctx: ScheduleContext = { policy: DEFAULT_POLICY, tz: 'Europe/Moscow', calendar };
const at = (ms: number) => new Date(ms).toISOString();
const msk = (date: string, time = '09:00') => Date.parse(`${date}T${time}:00+03:00`);

function occurrence(due: string, part: Partial<PartState> = {}): { occ: OccurrenceState; part: PartState } {
  const p: PartState = {
    organizationId: 'koiro',
    lead: true,
    status: 'open',
    due,
    reworkDue: null,
    firstSubmittedOn: null,
    lastSubmittedOn: null,
    overdue: false,
    escalationLevel: 0,
    armedAt: '2023-01-01T00:00:00.000Z',
    round: 0,
    epoch: 0,
    late: false,
    submissions: [],
    reviews: [],
    steps: [],
    ...part,
  };
  const occ: OccurrenceState = {
    occurrenceId: 'o1',
    kind: 'deadline',
    start: null,
    baselineDue: due,
    due,
    status: 'open',
    overdue: false,
    escalationLevel: 0,
    parts: [p],
  };
  return { occ, part: p };
}

describe('reminders', () => {
  it('go 10 and 3 working days before and on the due day, at 09:00 local', () => {
    const steps = reminderSteps('2023-10-31', 0, ctx);
    expect(steps.map((s) => [s.level, at(s.at)])).toEqual([
      ['d10', '2023-10-17T06:00:00.000Z'],
      ['d3', '2023-10-26T06:00:00.000Z'],
      ['d0', '2023-10-31T06:00:00.000Z'],
    ]);
  });

  it('count working days across holidays and fold a weekend due date onto Friday', () => {
    // Due Tuesday 7 Nov 2023: Monday 6 Nov is a holiday, so 3 working days before is Wednesday 1 Nov.
    expect(reminderSteps('2023-11-07', 0, ctx).map((s) => at(s.at).slice(0, 10))).toEqual([
      '2023-10-23',
      '2023-11-01',
      '2023-11-07',
    ]);
    // Due Saturday 4 Nov: the due-day reminder goes on Friday 3 Nov.
    expect(reminderSteps('2023-11-04', 0, ctx).map((s) => at(s.at).slice(0, 10))).toEqual([
      '2023-10-23',
      '2023-11-01',
      '2023-11-03',
    ]);
  });

  it('use the region zone (Amur is UTC+9)', () => {
    const steps = reminderSteps('2023-10-31', 0, { ...ctx, tz: 'Asia/Yakutsk' });
    expect(at(steps[2].at)).toBe('2023-10-31T00:00:00.000Z');
  });

  it('carry the re-plan epoch in their level', () => {
    expect(reminderSteps('2023-10-31', 2, ctx).map((s) => s.level)).toEqual(['d10@2', 'd3@2', 'd0@2']);
  });
});

describe('the Russian production calendar (libs/terms)', () => {
  const ru: ScheduleContext = { policy: DEFAULT_POLICY, tz: 'Europe/Moscow' };

  it('skips the New Year holidays and counts a working Saturday', () => {
    // 9 Jan 2025 is the first working day of 2025; 30–31 Dec 2024 are days off, Saturday 28 Dec 2024 is worked.
    expect(reminderSteps('2025-01-09', 0, ru).map((s) => at(s.at).slice(0, 10))).toEqual([
      '2024-12-17',
      '2024-12-26',
      '2025-01-09',
    ]);
  });

  it('moves the first escalation over a holiday', () => {
    // Due Friday 1 Nov 2024; Saturday 2 Nov 2024 is worked (transfer), so level 1 goes out then.
    expect(at(escalationStep('2024-11-01', 0, 1, ru).at).slice(0, 10)).toBe('2024-11-02');
  });
});

describe('escalation', () => {
  it('goes to executor and head on the first working day after the due date, the curator 5 working days later, then weekly to all', () => {
    const levels = [1, 2, 3, 4].map((l) => escalationStep('2023-11-03', 0, l, ctx));
    expect(levels.map((s) => [at(s.at).slice(0, 10), s.recipients])).toEqual([
      ['2023-11-07', ['executor', 'head']],
      ['2023-11-14', ['curator']],
      ['2023-11-21', ['executor', 'head', 'curator']],
      ['2023-11-28', ['executor', 'head', 'curator']],
    ]);
  });

  it('moves a weekly repeat that lands on a holiday to the next working day', () => {
    // Due 21 Dec 2023 → level 1 on 22 Dec, level 2 on 29 Dec; a week later is 5 Jan, a holiday → 9 Jan.
    const [l2, l3, l4] = [2, 3, 4].map((l) => escalationStep('2023-12-21', 0, l, ctx));
    expect(at(l2.at).slice(0, 10)).toBe('2023-12-29');
    expect(at(l3.at).slice(0, 10)).toBe('2024-01-09');
    expect(at(l4.at).slice(0, 10)).toBe('2024-01-12');
  });
});

describe('dueSteps', () => {
  it('sends only the latest of several steps that fell due together', () => {
    const { occ, part } = occurrence('2023-10-31');
    const { fire, skip } = dueSteps(occ, part, msk('2023-10-27'), ctx);
    expect(fire.map((s) => s.level)).toEqual(['d3']);
    expect(skip.map((s) => s.level)).toEqual(['d10']);
  });

  it('does not send reminders planned before the part was armed (launch, return, moved date)', () => {
    const { occ, part } = occurrence('2023-10-31', { armedAt: '2023-10-20T10:00:00.000Z' });
    expect(dueSteps(occ, part, msk('2023-10-20', '12:00'), ctx)).toEqual({ fire: [], skip: [] });
    expect(dueSteps(occ, part, msk('2023-10-26', '09:01'), ctx).fire.map((s) => s.level)).toEqual(['d3']);
  });

  it('escalates a long-overdue launch once, at the current level, and keeps level 1 beside level 2', () => {
    const { occ, part } = occurrence('2023-10-31');
    // Level 1 on 1 Nov, level 2 on 9 Nov (6 Nov is a holiday), 3 on 16 Nov, 4 on 23 Nov.
    const weeksLate = dueSteps(occ, part, msk('2023-11-25'), ctx);
    expect(weeksLate.fire.map((s) => s.level)).toEqual(['4']);
    expect(weeksLate.skip.map((s) => s.level).sort()).toEqual(['1', '2', '3', 'd0', 'd10', 'd3']);
    const atLevel2 = dueSteps(occ, part, msk('2023-11-09', '10:00'), ctx);
    expect(atLevel2.fire.map((s) => s.level)).toEqual(['1', '2']);
  });

  it('stops for a part that is not owed', () => {
    const { occ, part } = occurrence('2023-10-31', { status: 'submitted' });
    expect(dueSteps(occ, part, msk('2023-12-01'), ctx)).toEqual({ fire: [], skip: [] });
    expect(nextWake(occ, part, msk('2023-10-01'), ctx)).toBe(Infinity);
  });

  it('wakes at the next step or when the due date passes', () => {
    const { occ, part } = occurrence('2023-10-31');
    expect(at(nextWake(occ, part, msk('2023-10-01'), ctx))).toBe('2023-10-17T06:00:00.000Z');
    expect(at(nextWake(occ, part, msk('2023-10-31', '10:00'), ctx))).toBe('2023-10-31T21:00:00.000Z');
    expect(at(nextWake(occ, part, msk('2023-11-01', '00:00'), ctx))).toBe('2023-11-01T06:00:00.000Z');
  });
});

describe('planFor', () => {
  it('lists sent, skipped and planned steps in time order', () => {
    const { occ, part } = occurrence('2023-10-31');
    part.steps.push({
      key: 'd10',
      kind: 'reminder',
      level: 'd10',
      scheduledFor: '2023-10-17T06:00:00.000Z',
      at: '2023-10-17T06:00:01.000Z',
    });
    const plan = planFor(occ, part, ctx);
    expect(plan.map((p) => [p.kind, p.level, p.state])).toEqual([
      ['reminder', 'd10', 'sent'],
      ['reminder', 'd3', 'planned'],
      ['reminder', 'd0', 'planned'],
      ['escalation', '1', 'planned'],
      ['escalation', '2', 'planned'],
    ]);
    expect(plan[0].sentAt).toBe('2023-10-17T06:00:01.000Z');
  });
});

describe('planCheckpoints', () => {
  it('lays quarterly checkpoints over a year', () => {
    expect(planCheckpoints({ start: '2024-01-01', end: '2024-12-31' }, 'quarterly')).toEqual([
      { start: '2024-01-01', due: '2024-03-31', label: 'I квартал 2024' },
      { start: '2024-04-01', due: '2024-06-30', label: 'II квартал 2024' },
      { start: '2024-07-01', due: '2024-09-30', label: 'III квартал 2024' },
      { start: '2024-10-01', due: '2024-12-31', label: 'IV квартал 2024' },
    ]);
  });

  it('clips to a window that starts and ends mid-period', () => {
    expect(planCheckpoints({ start: '2024-02-15', end: '2024-08-10' }, 'halfyear')).toEqual([
      { start: '2024-02-15', due: '2024-06-30', label: '1 полугодие 2024' },
      { start: '2024-07-01', due: '2024-08-10', label: '2 полугодие 2024' },
    ]);
    expect(planCheckpoints({ start: '2023-11-20', end: '2024-01-31' }, 'monthly').map((c) => c.due)).toEqual([
      '2023-11-30',
      '2023-12-31',
      '2024-01-31',
    ]);
  });
});
