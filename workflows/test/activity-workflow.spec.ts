/**
 * The execution workflow end to end on the time-skipping test server: real timers, updates, signals and
 * continue-as-new; activities with in-memory outbox, mailer and projection. Dates are relative to the
 * server's clock and counted with the real production calendar.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { isWorkingDay } from '../../libs/terms/src/calendar';
import {
  changeDeadlineUpdate,
  closeRoadmapSignal,
  DEFAULT_POLICY,
  OccurrenceInput,
  reviewUpdate,
  setExternalDatesUpdate,
  stateQuery,
  submitEvidenceUpdate,
} from '../src/messages';
import { escalationStep, reminderSteps } from '../src/schedule';
import { addDays, localDate } from '../src/time';
import { createHarness, createTimeSkippingEnv, Harness } from './support/env';
import {
  CURATOR,
  curatorActor,
  deadline,
  EXECUTOR,
  executorActor,
  HEAD,
  launchInput,
  participants,
} from './support/fixtures';
import {
  at,
  currentRunId,
  eventually,
  launch,
  recordHistories,
  sentEntries,
  summary,
  travelTo,
  TZ,
} from './support/scenario';

const ctx = { policy: DEFAULT_POLICY, tz: TZ };
const firstEscalation = (due: string) => escalationStep(due, 0, 1, ctx).at;
const lastReminder = (due: string) => reminderSteps(due, 0, ctx).at(-1)!.at;

let env: TestWorkflowEnvironment;
let today: string;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

let h: Harness;
beforeEach(async () => {
  h = await createHarness(env);
  today = localDate(await env.currentTimeMs(), TZ);
});

/** Every reminder and escalation went out at 09:00 local on a working day, and nothing was sent twice. */
function expectWellFormedSending() {
  for (const e of sentEntries(h)) {
    if (e.kind === 'reminder' || e.kind === 'escalation') {
      const local = new Date(e.scheduledFor!.getTime() + 3 * 3_600_000).toISOString();
      expect(local.slice(11, 16)).toBe('09:00');
      expect(isWorkingDay(local.slice(0, 10))).toBe(true);
    }
  }
  expect(h.mailer.sent).toHaveLength(sentEntries(h).length);
  expect(new Set(h.mailer.sent.map((m) => m.messageId)).size).toBe(h.mailer.sent.length);
}

async function submit(
  handle: Awaited<ReturnType<typeof launch>>,
  occurrenceId: string,
  submissionId: string,
) {
  return handle.executeUpdate(submitEvidenceUpdate, {
    args: [{ occurrenceId, submissionId, actor: executorActor, comment: 'Приказ № 12' }],
  });
}

async function approve(
  handle: Awaited<ReturnType<typeof launch>>,
  occurrenceId: string,
  reviewId: string,
  outcomeReason?: string,
) {
  return handle.executeUpdate(reviewUpdate, {
    args: [
      {
        occurrenceId,
        reviewId,
        actor: curatorActor,
        decision: 'approve',
        ...(outcomeReason ? { outcomeReason } : {}),
      },
    ],
  });
}

test('a yearly term over two years: reminders each year, on time then late, continue-as-new between years', async () => {
  const due1 = addDays(today, 40);
  const due2 = addDays(due1, 365);
  const input = launchInput({
    activityId: 'yearly',
    termKind: 'recurring',
    occurrences: [deadline('y1', due1), deadline('y2', due2, addDays(due1, 1))],
  });
  const runs: string[] = [];
  await h.worker.runUntil(async () => {
    const handle = await launch(env, h, input);
    runs.push(await currentRunId(handle));

    await travelTo(env, lastReminder(due1) + 3_600_000);
    await eventually(() => expect(summary(sentEntries(h, { occurrenceId: 'y1' } as never))).toHaveLength(3));
    expect((await handle.query(stateQuery)).occurrences.map((o) => [o.occurrenceId, o.status])).toEqual([
      ['y1', 'open'],
      ['y2', 'planned'],
    ]);
    await submit(handle, 'y1', 'e1');
    expect(await approve(handle, 'y1', 'r1')).toMatchObject({ status: 'approved', outcome: 'выполнено' });

    await eventually(async () => expect(await currentRunId(handle)).not.toBe(runs[0]));
    runs.push(await currentRunId(handle));

    await travelTo(env, firstEscalation(due2) + 3_600_000);
    await eventually(() => expect(sentEntries(h, { kind: 'escalation' })).toHaveLength(2));
    await submit(handle, 'y2', 'e2');
    const late = await approve(handle, 'y2', 'r2', 'Задержка финансирования');
    expect(late).toMatchObject({
      status: 'approved',
      outcome: 'выполнено с нарушением срока',
      outcomeReason: 'Задержка финансирования',
    });

    await eventually(async () => expect(await currentRunId(handle)).not.toBe(runs[1]));
    runs.push(await currentRunId(handle));
    expect(await handle.query(stateQuery)).toMatchObject({
      occurrences: [],
      closedOccurrenceIds: ['y1', 'y2'],
    });
    await handle.signal(closeRoadmapSignal, {});
    expect(await handle.result()).toMatchObject({ status: 'closed' });
  });

  expect(summary(sentEntries(h))).toEqual([
    'reminder:d10→executor',
    'reminder:d3→executor',
    'reminder:d0→executor',
    'evidence-submitted:s1→curator',
    'approved:v1→executor',
    'reminder:d10→executor',
    'reminder:d3→executor',
    'reminder:d0→executor',
    'escalation:1→executor',
    'escalation:1→head',
    'evidence-submitted:s1→curator',
    'approved:v1→executor',
  ]);
  expectWellFormedSending();
  expect(h.projection.occurrences.get('y1')).toMatchObject({
    status: 'approved',
    outcome: 'выполнено',
    baselineDue: due1,
  });
  expect(h.projection.occurrences.get('y2')).toMatchObject({
    status: 'approved',
    outcome: 'выполнено с нарушением срока',
  });
  expect(h.projection.eventsOf('escalated').map((e) => [e.occurrenceId, e.level])).toEqual([['y2', 1]]);
  await recordHistories(env, 'activity-yearly', runs, 'yearly');
});

test('a monthly term over a year: 36 reminders, 12 approvals, one short history per month', async () => {
  const [y, m] = today.split('-').map(Number);
  const occurrences: OccurrenceInput[] = Array.from({ length: 12 }, (_, i) => {
    const start = new Date(Date.UTC(y, m + i, 1)).toISOString().slice(0, 10);
    const due = new Date(Date.UTC(y, m + i + 1, 0)).toISOString().slice(0, 10);
    return { occurrenceId: `m${i + 1}`, start, due, kind: 'deadline', label: start.slice(0, 7) };
  });
  const runs: string[] = [];
  await h.worker.runUntil(async () => {
    const handle = await launch(
      env,
      h,
      launchInput({ activityId: 'monthly', termKind: 'recurring', occurrences }),
    );
    runs.push(await currentRunId(handle));
    for (const [i, o] of occurrences.entries()) {
      await travelTo(env, lastReminder(o.due) + 3_600_000);
      await eventually(() => expect(sentEntries(h, { kind: 'reminder' })).toHaveLength(3 * (i + 1)));
      await submit(handle, o.occurrenceId, `e${i}`);
      await approve(handle, o.occurrenceId, `r${i}`);
      await eventually(async () => expect(await currentRunId(handle)).not.toBe(runs.at(-1)));
      runs.push(await currentRunId(handle));
    }
    await handle.signal(closeRoadmapSignal, {});
    await handle.result();
  });

  expect(sentEntries(h, { kind: 'reminder' })).toHaveLength(36);
  expect(sentEntries(h, { kind: 'escalation' })).toHaveLength(0);
  expect(
    [...h.projection.occurrences.values()].every((o) => o.status === 'approved' && o.outcome === 'выполнено'),
  ).toBe(true);
  expectWellFormedSending();
  // continue-as-new between occurrences keeps every run's history short, however long the term.
  expect(runs).toHaveLength(13);
  for (const runId of runs) {
    const history = await env.client.workflow.getHandle('activity-monthly', runId).fetchHistory();
    expect(history.events!.length).toBeLessThan(150);
  }
  await recordHistories(env, 'activity-monthly', [runs[0], runs[6], runs[12]], 'monthly');
});

test('return and resubmit: the rework date gets its own reminders; approval on time', async () => {
  const due = addDays(today, 20);
  const runs: string[] = [];
  await h.worker.runUntil(async () => {
    const handle = await launch(
      env,
      h,
      launchInput({ activityId: 'rework', occurrences: [deadline('w1', due)] }),
    );
    runs.push(await currentRunId(handle));
    await travelTo(env, at(addDays(due, -2), '15:00'));
    await submit(handle, 'w1', 'e1');
    await expect(
      handle.executeUpdate(reviewUpdate, {
        args: [{ occurrenceId: 'w1', reviewId: 'bad', actor: curatorActor, decision: 'return' }],
      }),
    ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const returned = await handle.executeUpdate(reviewUpdate, {
      args: [
        {
          occurrenceId: 'w1',
          reviewId: 'r1',
          actor: curatorActor,
          decision: 'return',
          comment: 'Приложите протокол заседания',
        },
      ],
    });
    expect(returned).toMatchObject({ status: 'returned', parts: [{ round: 1, epoch: 1 }] });
    const reworkDue = returned.parts[0].reworkDue!;
    await travelTo(env, reminderSteps(reworkDue, 1, ctx).at(-1)!.at + 3_600_000);
    await eventually(() =>
      expect(sentEntries(h, { kind: 'reminder' }).map((e) => e.level)).toContain('d0@1'),
    );
    await submit(handle, 'w1', 'e2');
    expect(await approve(handle, 'w1', 'r2')).toMatchObject({ status: 'approved', outcome: 'выполнено' });
    await handle.signal(closeRoadmapSignal, {});
    await handle.result();
  });
  const lines = summary(sentEntries(h));
  expect(lines.filter((l) => l.startsWith('returned'))).toEqual(['returned:v1→executor']);
  expect(lines.filter((l) => l.startsWith('evidence-submitted'))).toEqual([
    'evidence-submitted:s1→curator',
    'evidence-submitted:s2→curator',
  ]);
  expect(lines.some((l) => l.startsWith('escalation'))).toBe(false);
  expect(h.mailer.sent.find((m) => m.subject.startsWith('Отчёт возвращён'))!.text).toContain(
    'Приложите протокол заседания',
  );
  expectWellFormedSending();
  await recordHistories(env, 'activity-rework', runs, 'rework');
});

test('escalation to every level, each recorded once, until the late report is approved', async () => {
  const due = addDays(today, 5);
  const runs: string[] = [];
  await h.worker.runUntil(async () => {
    const handle = await launch(
      env,
      h,
      launchInput({ activityId: 'escalate', occurrences: [deadline('x1', due)] }),
    );
    runs.push(await currentRunId(handle));
    const level4 = escalationStep(due, 0, 4, ctx).at;
    await travelTo(env, level4 + 3_600_000);
    await eventually(() => expect(sentEntries(h, { kind: 'escalation' })).toHaveLength(2 + 1 + 3 + 3));
    const state = await handle.query(stateQuery);
    expect(state.occurrences[0]).toMatchObject({ overdue: true, escalationLevel: 4 });
    await submit(handle, 'x1', 'e1');
    expect(await approve(handle, 'x1', 'r1', 'Болезнь исполнителя')).toMatchObject({
      outcome: 'выполнено с нарушением срока',
    });
    await handle.signal(closeRoadmapSignal, {});
    await handle.result();
  });
  const escalations = summary(sentEntries(h, { kind: 'escalation' }));
  expect(escalations).toEqual([
    'escalation:1→executor',
    'escalation:1→head',
    'escalation:2→curator',
    'escalation:3→executor',
    'escalation:3→head',
    'escalation:3→curator',
    'escalation:4→executor',
    'escalation:4→head',
    'escalation:4→curator',
  ]);
  expect(h.projection.eventsOf('escalated').map((e) => e.level)).toEqual([1, 2, 3, 4]);
  const toHead = h.mailer.sent.find((m) => m.to.email === HEAD.email)!;
  expect(toHead.subject).toMatch(/^Просрочено на \d+ (день|дня|дней): 2\.3 /);
  expect(toHead.text).toContain('https://karta.example/occurrences/x1');
  expectWellFormedSending();
  await recordHistories(env, 'activity-escalate', runs, 'escalation');
});

test('an external term: curators are reminded monthly until the dates arrive, late; then the usual cycle', async () => {
  const runs: string[] = [];
  await h.worker.runUntil(async () => {
    const handle = await launch(
      env,
      h,
      launchInput({
        activityId: 'external',
        termKind: 'external',
        externalSource: 'ФГБУ «ФИОКО»',
        occurrences: [],
      }),
    );
    runs.push(await currentRunId(handle));
    expect(await handle.query(stateQuery)).toMatchObject({ waitingForExternalDates: true });
    await travelTo(env, at(addDays(today, 65), '12:00'));
    await eventually(() => expect(sentEntries(h, { kind: 'external-dates-missing' })).toHaveLength(3));
    const due = addDays(today, 90);
    await handle.executeUpdate(setExternalDatesUpdate, {
      args: [{ occurrences: [deadline('f1', due)], actor: curatorActor }],
    });
    expect(await handle.query(stateQuery)).toMatchObject({ waitingForExternalDates: false });
    await travelTo(env, lastReminder(due) + 3_600_000);
    await eventually(() => expect(sentEntries(h, { kind: 'reminder' })).toHaveLength(3));
    await submit(handle, 'f1', 'e1');
    await approve(handle, 'f1', 'r1');
    await handle.signal(closeRoadmapSignal, {});
    await handle.result();
  });
  expect(summary(sentEntries(h, { kind: 'external-dates-missing' }))).toEqual([
    'external-dates-missing:ext0→curator',
    'external-dates-missing:ext1→curator',
    'external-dates-missing:ext2→curator',
  ]);
  expect(h.mailer.sent[0].text).toContain('ФГБУ «ФИОКО»');
  expect(h.projection.occurrences.get('f1')).toMatchObject({ status: 'approved', outcome: 'выполнено' });
  expectWellFormedSending();
  await recordHistories(env, 'activity-external', runs, 'external');
});

test('a deadline change mid-way: the old plan stops, the new one runs, escalation is measured against the new date', async () => {
  const due = addDays(today, 30);
  const moved = addDays(due, 30);
  const runs: string[] = [];
  await h.worker.runUntil(async () => {
    const handle = await launch(
      env,
      h,
      launchInput({ activityId: 'moved', occurrences: [deadline('c1', due)] }),
    );
    runs.push(await currentRunId(handle));
    await travelTo(env, reminderSteps(due, 0, ctx)[0].at + 3_600_000);
    await eventually(() => expect(sentEntries(h, { kind: 'reminder' })).toHaveLength(1));
    const changed = await handle.executeUpdate(changeDeadlineUpdate, {
      args: [
        { occurrenceId: 'c1', due: moved, reason: 'Решение министерства от 01.02', actor: curatorActor },
      ],
    });
    expect(changed).toMatchObject({ due: moved, baselineDue: due });
    await travelTo(env, firstEscalation(due) + 3_600_000);
    expect(sentEntries(h, { kind: 'escalation' })).toHaveLength(0);
    await travelTo(env, lastReminder(moved) + 3_600_000);
    await eventually(() => expect(sentEntries(h, { kind: 'reminder' })).toHaveLength(4));
    await submit(handle, 'c1', 'e1');
    expect(await approve(handle, 'c1', 'r1')).toMatchObject({ outcome: 'выполнено' });
    await handle.signal(closeRoadmapSignal, {});
    await handle.result();
  });
  expect(summary(sentEntries(h))).toEqual([
    'reminder:d10→executor',
    'deadline-changed:c1→executor',
    'reminder:d10@1→executor',
    'reminder:d3@1→executor',
    'reminder:d0@1→executor',
    'evidence-submitted:s1→curator',
    'approved:v1→executor',
  ]);
  expect(h.projection.occurrences.get('c1')).toMatchObject({
    due: moved,
    baselineDue: due,
    escalationLevel: 0,
  });
  expectWellFormedSending();
  await recordHistories(env, 'activity-moved', runs, 'deadline-change');
});

test('several organizations: each part has its own escalation, the lead completes the occurrence', async () => {
  const due = addDays(today, 12);
  const runs: string[] = [];
  await h.worker.runUntil(async () => {
    const handle = await launch(
      env,
      h,
      launchInput({
        activityId: 'shared',
        participants: participants(true),
        occurrences: [deadline('p1', due)],
      }),
    );
    runs.push(await currentRunId(handle));
    await travelTo(env, at(addDays(due, -1), '15:00'));
    await submit(handle, 'p1', 'e1');
    await travelTo(env, firstEscalation(due) + 3_600_000);
    await eventually(() => expect(sentEntries(h, { kind: 'escalation' })).toHaveLength(2));
    const state = await handle.query(stateQuery);
    expect(
      state.occurrences[0].parts.map((p) => [p.organizationId, p.status, p.overdue, p.escalationLevel]),
    ).toEqual([
      ['koiro', 'submitted', false, 0],
      ['muni', 'open', true, 1],
    ]);
    expect(await approve(handle, 'p1', 'r1')).toMatchObject({
      status: 'approved',
      parts: [{ status: 'approved' }, { status: 'missed' }],
    });
    await handle.signal(closeRoadmapSignal, {});
    await handle.result();
  });
  expect(summary(sentEntries(h, { kind: 'escalation' }))).toEqual([
    'escalation:1→partner-executor',
    'escalation:1→partner-head',
  ]);
  expect(h.projection.occurrences.get('p1')!.parts.map((p) => p.status)).toEqual(['approved', 'missed']);
  await recordHistories(env, 'activity-shared', runs, 'several-organizations');
});

test('human actions are validated before they reach history', async () => {
  await h.worker.runUntil(async () => {
    const handle = await launch(
      env,
      h,
      launchInput({ activityId: 'validate', occurrences: [deadline('v1', addDays(today, 20))] }),
    );
    const refusal = await handle
      .executeUpdate(submitEvidenceUpdate, {
        args: [{ occurrenceId: 'v1', submissionId: 's', actor: { userId: 'someone', role: 'executor' } }],
      })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refusal as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'forbidden' });
    const history = await handle.fetchHistory();
    expect(history.events!.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
    // Idempotent: the same submission twice is one submission.
    await submit(handle, 'v1', 'same');
    const again = await submit(handle, 'v1', 'same');
    expect(again.parts[0].submissions).toHaveLength(1);
    await handle.signal(closeRoadmapSignal, {});
    await handle.result();
  });
  expect(sentEntries(h, { kind: 'evidence-submitted' })).toHaveLength(1);
  expect([CURATOR.userId, EXECUTOR.userId]).toContain(sentEntries(h)[0].recipientUserId);
});
