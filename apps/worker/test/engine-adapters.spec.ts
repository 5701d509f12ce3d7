/**
 * The engine's PostgreSQL adapters against a real, migrated database: the outbox's insert-if-absent and
 * exclusive delivery, the projection (snapshots by seq, audit once per event), deputies and digests.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { OccurrenceResult } from '../../../workflows/src/messages';
import { InvalidAddressError, OutboxEntry } from '../../../activities/src/ports';
import { PgDirectory, PgOutbox, PgProjection } from '../src/engine';
import { createTestDatabase, TestDatabase } from '../../../libs/devstack/src/testing';
import { migratedDatabase, seed, Seeded } from './support/engine-stack';

let database: TestDatabase;
let ds: DataSource;
let seeded: Seeded;

beforeAll(async () => {
  database = await createTestDatabase('adapters');
  ds = await migratedDatabase(database.url);
  seeded = await seed(ds, 2, '2026-03-31', 'x');
});

afterAll(async () => {
  await ds?.destroy();
  await database?.drop();
});

const entry = (key: string, overrides: Partial<OutboxEntry> = {}): OutboxEntry => ({
  key,
  workflowId: 'activity-x',
  occurrenceId: seeded.activities[0].occurrenceId,
  organizationId: seeded.organizationId,
  kind: 'reminder',
  level: 'd3',
  recipient: 'executor@demo.karta',
  recipientUserId: randomUUID(),
  onBehalfOfUserId: null,
  subject: 'Напоминание',
  text: 'text',
  html: '<p>html</p>',
  scheduledFor: new Date(),
  ...overrides,
});

describe('PgOutbox', () => {
  it('stores once, sends once, and records attempts', async () => {
    const outbox = new PgOutbox(ds);
    const key = `k-${randomUUID()}`;
    await outbox.record(entry(key));
    await outbox.record(entry(key, { subject: 'другое' }));
    let sends = 0;
    await expect(outbox.deliver(key, async () => Promise.reject(new Error('ECONNREFUSED')))).rejects.toThrow(
      'ECONNREFUSED',
    );
    expect(await outbox.deliver(key, async () => void sends++)).toBe('sent');
    expect(await outbox.deliver(key, async () => void sends++)).toBe('already-sent');
    expect(sends).toBe(1);
    const [row] = await ds.query(
      `SELECT subject, status, attempts, sent_at, last_error FROM notification_outbox WHERE idempotency_key = $1`,
      [key],
    );
    expect(row).toMatchObject({ subject: 'Напоминание', status: 'sent', attempts: 2, last_error: null });
    expect(row.sent_at).toBeInstanceOf(Date);
  });

  it('lets only one attempt hold a key while it sends', async () => {
    const outbox = new PgOutbox(ds);
    const key = `k-${randomUUID()}`;
    await outbox.record(entry(key));
    let release!: () => void;
    const first = outbox.deliver(key, () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 200));
    expect(await outbox.deliver(key, async () => undefined)).toBe('busy');
    release();
    expect(await first).toBe('sent');
  });

  it('marks a refused address failed for good', async () => {
    const outbox = new PgOutbox(ds);
    const key = `k-${randomUUID()}`;
    await outbox.record(entry(key));
    await expect(
      outbox.deliver(key, async () => Promise.reject(new InvalidAddressError('550'))),
    ).rejects.toBeInstanceOf(InvalidAddressError);
    expect(await outbox.deliver(key, async () => undefined)).toBe('failed');
  });
});

describe('PgProjection', () => {
  const snapshot = (overrides: Partial<OccurrenceResult> = {}): OccurrenceResult => ({
    occurrenceId: seeded.activities[1].occurrenceId,
    kind: 'deadline',
    start: null,
    baselineDue: '2026-03-31',
    due: '2026-03-31',
    status: 'open',
    overdue: true,
    escalationLevel: 1,
    parts: [
      {
        organizationId: seeded.organizationId,
        lead: true,
        status: 'open',
        due: '2026-03-31',
        reworkDue: null,
        firstSubmittedOn: null,
        lastSubmittedOn: null,
        overdue: true,
        escalationLevel: 1,
        armedAt: '2026-01-10T00:00:00.000Z',
        round: 0,
        epoch: 0,
        late: false,
        submissions: [],
        reviews: [],
        steps: [],
      },
    ],
    plan: [
      {
        at: '2026-03-17T06:00:00.000Z',
        kind: 'reminder',
        level: 'd10',
        organizationId: seeded.organizationId,
        recipients: ['executor'],
        state: 'sent',
        sentAt: '2026-03-17T06:00:01.000Z',
      },
      {
        at: '2026-04-01T06:00:00.000Z',
        kind: 'escalation',
        level: '1',
        organizationId: seeded.organizationId,
        recipients: ['executor', 'head'],
        state: 'sent',
        sentAt: '2026-04-01T06:00:02.000Z',
      },
      {
        at: '2026-04-08T06:00:00.000Z',
        kind: 'escalation',
        level: '2',
        organizationId: seeded.organizationId,
        recipients: ['curator'],
        state: 'planned',
      },
    ],
    ...overrides,
  });
  const input = (seq: number, o: OccurrenceResult, events = [] as never[]) => ({
    workflowId: 'activity-y',
    roadmapId: seeded.roadmapId,
    activityId: seeded.activities[1].activityId,
    seq,
    at: new Date().toISOString(),
    status: 'running' as const,
    waitingForExternalDates: false,
    occurrences: [o],
    events,
  });

  it('writes the occurrence, its parts and its plan; an older snapshot never overwrites a newer one', async () => {
    const projection = new PgProjection(ds);
    const escalated = {
      key: 'activity-y/esc1',
      type: 'escalated',
      at: new Date().toISOString(),
      occurrenceId: seeded.activities[1].occurrenceId,
      organizationId: seeded.organizationId,
      level: 1,
    };
    await projection.apply(input(5, snapshot(), [escalated] as never[]));
    await projection.apply(input(5, snapshot(), [escalated] as never[])); // a retried activity
    await projection.apply(input(4, snapshot({ status: 'planned', escalationLevel: 0 })));
    const [occ] = await ds.query(
      `SELECT status, overdue, escalation_level, projection_seq FROM occurrences WHERE id = $1`,
      [seeded.activities[1].occurrenceId],
    );
    expect(occ).toEqual({ status: 'open', overdue: true, escalation_level: 1, projection_seq: 5 });
    const plan = await ds.query(
      `SELECT kind, level, state, sent FROM reminders WHERE occurrence_id = $1 ORDER BY at`,
      [seeded.activities[1].occurrenceId],
    );
    expect(plan).toEqual([
      { kind: 'reminder', level: 'd10', state: 'sent', sent: true },
      { kind: 'escalation', level: '1', state: 'sent', sent: true },
      { kind: 'escalation', level: '2', state: 'planned', sent: false },
    ]);
    const audits = await ds.query(
      `SELECT action, entity_id, after FROM audit_events WHERE action = 'engine.escalated'`,
    );
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({ eventKey: 'activity-y/esc1', level: 1 });
  });
});

describe('PgDirectory', () => {
  it('finds the deputy standing in on a date', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await ds.query(
      `INSERT INTO users (id, email, full_name, calendar_token) VALUES ($1, $2, 'Иванова М. П.', $3), ($4, $5, 'Смирнов П. А.', $6)`,
      [a, `a-${a.slice(0, 6)}@demo.karta`, a, b, `b-${b.slice(0, 6)}@demo.karta`, b],
    );
    await ds.query(
      `INSERT INTO deputies (user_id, deputy_id, "from", "to") VALUES ($1, $2, '2026-07-01', '2026-07-14')`,
      [a, b],
    );
    const directory = new PgDirectory(ds);
    expect(await directory.deputyOf(a, '2026-07-05')).toMatchObject({ userId: b, name: 'Смирнов П. А.' });
    expect(await directory.deputyOf(a, '2026-07-15')).toBeNull();
  });

  it('builds an executor digest from the projection', async () => {
    const user = randomUUID();
    await ds.query(
      `INSERT INTO users (id, email, full_name, calendar_token) VALUES ($1, $2, 'Исполнитель', $3)`,
      [user, `e-${user.slice(0, 6)}@demo.karta`, user.replace(/-/g, '')],
    );
    await ds.query(
      `INSERT INTO role_assignments (user_id, organization_id, role) VALUES ($1, $2, 'executor')`,
      [user, seeded.organizationId],
    );
    await ds.query(
      `INSERT INTO activity_executors (activity_id, organization_id, user_id) VALUES ($1, $2, $3)`,
      [seeded.activities[1].activityId, seeded.organizationId, user],
    );
    const directory = new PgDirectory(ds);
    expect(await directory.recipients([seeded.regionId])).toContain(user);
    const digest = await directory.digestFor(user, '2026-03-25');
    expect(digest).toMatchObject({ tz: 'Europe/Moscow', person: { userId: user } });
    expect(digest!.content.sections.map((s) => s.title)).toEqual(['Ваши сроки на ближайшие две недели']);
    expect(digest!.content.sections[0].items[0]).toMatchObject({
      due: '2026-03-31',
      occurrenceId: seeded.activities[1].occurrenceId,
    });
  });
});
