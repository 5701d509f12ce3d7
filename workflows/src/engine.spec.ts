import {
  CURATOR,
  curatorActor,
  deadline,
  EXECUTOR,
  executorActor,
  launchInput,
  participants,
  PARTNER_EXECUTOR,
} from '../test/support/fixtures';
import { ActivityEngine, EngineError } from './engine';

const msk = (date: string, time = '09:00') => Date.parse(`${date}T${time}:00+03:00`);
const WF = 'activity-act-1';

function launch(overrides = {}, now = msk('2023-10-02', '12:00')) {
  return ActivityEngine.launch(
    WF,
    launchInput({ occurrences: [deadline('o1', '2023-10-31')], ...overrides }),
    now,
  );
}

function rejects(fn: () => unknown, kind: string, code?: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).kind).toBe(kind);
    if (code) expect((e as EngineError).code).toBe(code);
    return;
  }
  throw new Error('expected a rejection');
}

describe('ActivityEngine', () => {
  it('opens at launch, projects every occurrence and plans reminders at 09:00 Moscow', () => {
    const engine = launch();
    engine.tick(msk('2023-10-02', '12:00'));
    const projection = engine.takeProjection(msk('2023-10-02', '12:00'));
    expect(projection.occurrences).toHaveLength(1);
    expect(projection.occurrences[0].status).toBe('open');
    expect(
      projection.occurrences[0].plan.filter((p) => p.state === 'planned').map((p) => [p.level, p.at]),
    ).toEqual([
      ['d10', '2023-10-17T06:00:00.000Z'],
      ['d3', '2023-10-26T06:00:00.000Z'],
      ['d0', '2023-10-31T06:00:00.000Z'],
      ['1', '2023-11-01T06:00:00.000Z'],
      // 5 working days after 1 Nov: 4–6 Nov 2023 are days off (the 4 Nov holiday moved to Monday 6 Nov).
      ['2', '2023-11-09T06:00:00.000Z'],
    ]);
    expect(engine.takeOutbox()).toEqual([]);
    expect(new Date(engine.nextWakeAt(msk('2023-10-02', '12:00'))).toISOString()).toBe(
      '2023-10-17T06:00:00.000Z',
    );
  });

  it('sends a reminder once, keyed by workflow, occurrence, part, kind, level and person', () => {
    const engine = launch();
    engine.tick(msk('2023-10-17', '09:00'));
    engine.tick(msk('2023-10-17', '09:05'));
    const out = engine.takeOutbox();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      key: `${WF}|o1|koiro|reminder|d10|executor`,
      kind: 'reminder',
      scheduledFor: '2023-10-17T06:00:00.000Z',
      to: { email: EXECUTOR.email, role: 'executor' },
      context: { due: '2023-10-31', workingDaysLeft: 10, organizationName: 'КОИРО', tz: 'Europe/Moscow' },
    });
  });

  it('escalates an unsubmitted occurrence level by level, recording each level', () => {
    const engine = launch();
    for (const day of [
      '2023-10-17',
      '2023-10-26',
      '2023-10-31',
      '2023-11-01',
      '2023-11-09',
      '2023-11-16',
      '2023-11-23',
    ]) {
      engine.tick(msk(day, '09:00'));
    }
    const out = engine.takeOutbox();
    const byLevel = (lvl: string) =>
      out.filter((m) => m.kind === 'escalation' && m.level === lvl).map((m) => m.to.role);
    expect(byLevel('1')).toEqual(['executor', 'head']);
    expect(byLevel('2')).toEqual(['curator']);
    expect(byLevel('3')).toEqual(['executor', 'head', 'curator']);
    expect(byLevel('4')).toEqual(['executor', 'head', 'curator']);
    const events = engine.takeProjection(0).events.filter((e) => e.type === 'escalated');
    expect(events.map((e) => e.level)).toEqual([1, 2, 3, 4]);
    expect(engine.view().occurrences[0]).toMatchObject({ overdue: true, escalationLevel: 4 });
  });

  it('validates evidence: the part must be owed and the caller one of its people', () => {
    const engine = launch();
    const submission = { occurrenceId: 'o1', submissionId: 's1', actor: executorActor };
    rejects(
      () => engine.checkSubmit({ ...submission, actor: { userId: 'stranger', role: 'executor' } }),
      'forbidden',
    );
    rejects(() => engine.checkSubmit({ ...submission, occurrenceId: 'nope' }), 'not_found');
    const result = engine.submit(submission, msk('2023-10-20', '15:00'));
    expect(result.status).toBe('submitted');
    expect(engine.takeOutbox().map((m) => [m.kind, m.to.userId])).toEqual([
      ['evidence-submitted', CURATOR.userId],
    ]);
    // The same submission again (a retried update, another run) changes nothing; a second one is refused.
    expect(engine.submit(submission, msk('2023-10-20', '15:01')).parts[0].submissions).toHaveLength(1);
    rejects(() => engine.checkSubmit({ ...submission, submissionId: 's2' }), 'conflict', 'occurrence_state');
  });

  it('returns with a comment and a rework due 5 working days later, then reminds and escalates against it', () => {
    const engine = launch();
    engine.submit(
      { occurrenceId: 'o1', submissionId: 's1', actor: executorActor },
      msk('2023-10-20', '15:00'),
    );
    rejects(
      () =>
        engine.checkReview(
          { occurrenceId: 'o1', reviewId: 'r0', actor: executorActor, decision: 'approve' },
          0,
        ),
      'forbidden',
    );
    rejects(
      () =>
        engine.checkReview(
          { occurrenceId: 'o1', reviewId: 'r0', actor: curatorActor, decision: 'return' },
          0,
        ),
      'validation',
      'comment_required',
    );
    engine.takeOutbox();
    const returned = engine.review(
      { occurrenceId: 'o1', reviewId: 'r1', actor: curatorActor, decision: 'return', comment: 'Нет приказа' },
      msk('2023-10-23', '11:00'),
    );
    expect(returned).toMatchObject({
      status: 'returned',
      parts: [{ reworkDue: '2023-10-30', round: 1, epoch: 1 }],
    });
    expect(engine.takeOutbox().map((m) => [m.kind, m.context.comment, m.context.reworkDue])).toEqual([
      ['returned', 'Нет приказа', '2023-10-30'],
    ]);
    // d10 of the rework date lies before the return: not sent. d3 and d0 are.
    engine.tick(msk('2023-10-23', '11:01'));
    expect(engine.takeOutbox()).toEqual([]);
    engine.tick(msk('2023-10-25', '09:00'));
    engine.tick(msk('2023-10-30', '09:00'));
    engine.tick(msk('2023-10-31', '09:00'));
    expect(engine.takeOutbox().map((m) => `${m.kind}:${m.level}`)).toEqual([
      'reminder:d3@1',
      'reminder:d0@1',
      'escalation:1@1',
      'escalation:1@1',
    ]);
    // Resubmitted late against the rework date, approved: recorded as late.
    engine.submit(
      { occurrenceId: 'o1', submissionId: 's2', actor: executorActor },
      msk('2023-10-31', '12:00'),
    );
    const approved = engine.review(
      { occurrenceId: 'o1', reviewId: 'r2', actor: curatorActor, decision: 'approve' },
      msk('2023-11-01', '10:00'),
    );
    expect(approved).toMatchObject({ status: 'approved', outcome: 'выполнено с нарушением срока' });
    expect(engine.closedSinceStart).toBe(true);
  });

  it('tracks each organization of a shared activity; the lead’s approval completes the occurrence', () => {
    const engine = launch({ participants: participants(true) });
    engine.submit(
      { occurrenceId: 'o1', submissionId: 's1', actor: executorActor },
      msk('2023-10-30', '10:00'),
    );
    engine.tick(msk('2023-11-01', '09:00'));
    const escalations = engine.takeOutbox().filter((m) => m.kind === 'escalation');
    expect(escalations.map((m) => m.key)).toEqual([
      `${WF}|o1|muni|escalation|1|partner-executor`,
      `${WF}|o1|muni|escalation|1|partner-head`,
    ]);
    expect(engine.view().occurrences[0].parts.map((p) => [p.organizationId, p.status, p.overdue])).toEqual([
      ['koiro', 'submitted', false],
      ['muni', 'open', true],
    ]);
    // Partner executor submits for their own part without naming it.
    rejects(
      () =>
        engine.checkSubmit({
          occurrenceId: 'o1',
          submissionId: 'x',
          actor: { userId: 'partner-executor', role: 'executor' },
          organizationId: 'koiro',
        }),
      'conflict',
    );
    const approved = engine.review(
      { occurrenceId: 'o1', reviewId: 'r1', actor: curatorActor, decision: 'approve' },
      msk('2023-11-01', '12:00'),
    );
    expect(approved.status).toBe('approved');
    expect(approved.outcome).toBe('выполнено');
    expect(approved.parts.map((p) => p.status)).toEqual(['approved', 'missed']);
    expect(PARTNER_EXECUTOR.userId).toBe('partner-executor');
  });

  it('moves a deadline mid-way: a new plan from now on, nothing resent, escalation reset', () => {
    const engine = launch();
    engine.tick(msk('2023-10-17', '09:00'));
    engine.takeOutbox();
    const moved = engine.changeDeadline(
      { occurrenceId: 'o1', due: '2023-11-30', reason: 'Приказ министерства' },
      msk('2023-10-18', '10:00'),
    );
    expect(moved.due).toBe('2023-11-30');
    expect(moved.baselineDue).toBe('2023-10-31');
    expect(engine.takeOutbox().map((m) => [m.kind, m.context.previousDue, m.context.due])).toEqual([
      ['deadline-changed', '2023-10-31', '2023-11-30'],
    ]);
    for (const day of ['2023-10-26', '2023-10-31', '2023-11-01', '2023-11-16', '2023-11-27', '2023-11-30'])
      engine.tick(msk(day, '09:00'));
    expect(engine.takeOutbox().map((m) => m.level)).toEqual(['d10@1', 'd3@1', 'd0@1']);
  });

  it('reminds curators monthly while external dates are missing, and plans reminders once they arrive', () => {
    const engine = launch({ termKind: 'external', externalSource: 'ФГБУ «ФИОКО»', occurrences: [] });
    expect(engine.view().waitingForExternalDates).toBe(true);
    engine.tick(msk('2023-10-02', '12:00'));
    engine.tick(msk('2023-11-01', '09:00'));
    engine.tick(msk('2023-12-01', '09:00'));
    expect(engine.takeOutbox().map((m) => [m.kind, m.level, m.to.role])).toEqual([
      ['external-dates-missing', 'ext0', 'curator'],
      ['external-dates-missing', 'ext1', 'curator'],
      ['external-dates-missing', 'ext2', 'curator'],
    ]);
    rejects(() => engine.checkSetExternalDates({ occurrences: [] }), 'validation');
    engine.setExternalDates({ occurrences: [deadline('x1', '2024-03-29')] }, msk('2023-12-05', '10:00'));
    expect(engine.view().waitingForExternalDates).toBe(false);
    engine.tick(msk('2024-01-09', '09:00'));
    expect(engine.takeOutbox()).toEqual([]);
    engine.tick(msk('2024-03-15', '09:00'));
    expect(engine.takeOutbox().map((m) => m.level)).toEqual(['d10']);
  });

  it('corrects the term: known ids keep progress, missing ones are cancelled, new ones added', () => {
    const engine = launch({ occurrences: [deadline('o1', '2023-10-31'), deadline('o2', '2023-11-30')] });
    engine.submit(
      { occurrenceId: 'o1', submissionId: 's1', actor: executorActor },
      msk('2023-10-20', '10:00'),
    );
    engine.correctTerm(
      { termKind: 'recurring', occurrences: [deadline('o1', '2023-10-31'), deadline('o3', '2023-12-29')] },
      msk('2023-10-21', '10:00'),
    );
    engine.tick(msk('2023-10-21', '10:00'));
    const view = engine.view();
    expect(view.occurrences.map((o) => [o.occurrenceId, o.status])).toEqual([
      ['o1', 'submitted'],
      ['o2', 'cancelled'],
      ['o3', 'open'],
    ]);
    expect(engine.continueAsNewInput().carried).toMatchObject({ closedIds: ['o2'] });
    expect(engine.continueAsNewInput().carried!.occurrences.map((o) => o.occurrenceId)).toEqual(['o1', 'o3']);
  });

  it('cancels: tells the executors, closes every open occurrence, refuses further actions', () => {
    const engine = launch();
    engine.cancel({ reason: 'Исключено из дорожной карты' }, msk('2023-10-05', '10:00'));
    expect(engine.status).toBe('cancelled');
    expect(engine.takeOutbox().map((m) => [m.kind, m.to.userId])).toEqual([['cancelled', EXECUTOR.userId]]);
    expect(engine.view().occurrences[0].status).toBe('cancelled');
    rejects(
      () => engine.checkSubmit({ occurrenceId: 'o1', submissionId: 's', actor: executorActor }),
      'conflict',
      'activity_cancelled',
    );
  });

  it('closing the roadmap marks owed overdue occurrences as not done', () => {
    const engine = launch();
    engine.tick(msk('2023-11-02', '10:00'));
    engine.close({}, msk('2023-11-02', '11:00'));
    expect(engine.view().occurrences[0]).toMatchObject({ status: 'cancelled', outcome: 'не выполнено' });
  });

  it('rejects a launch with a bad zone or dates', () => {
    expect(() => launch({ tz: 'Mars/Olympus' })).toThrow(EngineError);
    expect(() => launch({ occurrences: [deadline('o1', '31.10.2023')] })).toThrow(/ГГГГ-ММ-ДД/);
  });

  it('launched weeks after the due date, escalates once to executor, head and curator — not level by level', () => {
    const launchedAt = msk('2023-11-24', '15:00');
    const engine = launch({}, launchedAt);
    engine.tick(launchedAt);
    engine.tick(launchedAt + 60_000);
    const out = engine.takeOutbox();
    expect(out.map((m) => `${m.kind}:${m.level}→${m.to.role}`)).toEqual([
      'escalation:4→executor',
      'escalation:4→head',
      'escalation:4→curator',
    ]);
    expect(
      engine
        .view()
        .occurrences[0].parts[0].steps.filter((s) => s.skipped)
        .map((s) => s.key),
    ).toEqual(['1', '2', '3']);
  });

  it('reassigns an executor: the newcomer is told, and later reminders go to them only', () => {
    const engine = launch();
    const newcomer = { userId: 'new-executor', email: 'new@demo.karta', name: 'Новикова Ольга' };
    engine.reassign({ organizationId: 'koiro', executors: [newcomer] }, msk('2023-10-05', '10:00'));
    expect(engine.takeOutbox().map((m) => [m.kind, m.to.userId, m.context.due])).toEqual([
      ['assigned', 'new-executor', '2023-10-31'],
    ]);
    engine.tick(msk('2023-10-17', '09:00'));
    expect(engine.takeOutbox().map((m) => m.to.userId)).toEqual(['new-executor']);
    expect(() => engine.checkSubmit({ occurrenceId: 'o1', submissionId: 's', actor: executorActor })).toThrow(
      EngineError,
    );
    expect(engine.continueAsNewInput().participants.organizations[0].executors).toEqual([newcomer]);
  });
});
