import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../devstack/src/testing';
import { openDataSource } from '../src/data-source';
import { AuditRepository, OrganizationRepository, ProjectionRepository } from '../src/repositories';

describe('control-plane schema on real PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('persistence');
    ds = await openDataSource(db.url, { logging: false });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('matches the entities exactly after the hand-written migration (schema:log is empty)', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps the audit log append-only', async () => {
    await new AuditRepository(ds.manager).append({
      actorId: null,
      action: 'test',
      entityType: 'x',
      entityId: '1',
    });
    await expect(ds.query(`UPDATE audit_events SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });

  it('walks organization subtrees and refuses cycles', async () => {
    const [{ id: region }] = await ds.query(
      `INSERT INTO regions (code, name, tz) VALUES ('t', 'Т', 'Europe/Moscow') RETURNING id`,
    );
    const org = async (name: string, parent: string | null) =>
      (
        await ds.query(
          `INSERT INTO organizations (region_id, kind, name, parent_id) VALUES ($1, 'other', $2, $3) RETURNING id`,
          [region, name, parent],
        )
      )[0].id as string;
    const a = await org('A', null);
    const b = await org('B', a);
    const c = await org('C', b);
    const d = await org('D', null);
    const repo = new OrganizationRepository(ds.manager);
    expect((await repo.subtreeIds([a])).sort()).toEqual([a, b, c].sort());
    expect(await repo.subtreeIds([d])).toEqual([d]);
    expect(await repo.wouldCycle(a, c)).toBe(true);
    expect(await repo.wouldCycle(c, a)).toBe(false);
  });

  it('applies workflow snapshots newest-first by seq and keeps the plan', async () => {
    const [{ id: region }] = await ds.query(
      `INSERT INTO regions (code, name, tz) VALUES ('p', 'П', 'Europe/Moscow') RETURNING id`,
    );
    const [{ id: roadmap }] = await ds.query(
      `INSERT INTO roadmaps (region_id, title, status, source_file_name, source_format, source_sha256, source_size, source_storage_key, version)
       VALUES ($1, 'R', 'active', 'f.txt', 'text', repeat('0', 64), 1, 'k', 1) RETURNING id`,
      [region],
    );
    const [{ id: activity }] = await ds.query(
      `INSERT INTO activities (roadmap_id, ordinal, title, term_raw, term, term_kind, imported) VALUES ($1, 0, 'A', 'май', '{}', 'once', '{}') RETURNING id`,
      [roadmap],
    );
    const [{ id: occ }] = await ds.query(
      `INSERT INTO occurrences (activity_id, roadmap_id, region_id, seq, baseline_due, due, status) VALUES ($1, $2, $3, 1, '2024-05-31', '2024-05-31', 'open') RETURNING id`,
      [activity, roadmap, region],
    );
    const org = '00000000-0000-4000-8000-000000000001';
    const snapshot = (status: string, overdue: boolean) => ({
      occurrenceId: occ,
      kind: 'deadline' as const,
      start: null,
      baselineDue: '2024-05-31',
      due: '2024-05-31',
      status: status as never,
      overdue,
      escalationLevel: overdue ? 1 : 0,
      parts: [
        {
          organizationId: org,
          lead: true,
          status: status as never,
          due: '2024-05-31',
          reworkDue: null,
          firstSubmittedOn: null,
          lastSubmittedOn: null,
          overdue,
          escalationLevel: overdue ? 1 : 0,
          round: 0,
          late: false,
          submissions: [],
          reviews: [],
          done: [],
        },
      ],
      plan: [
        {
          at: '2024-05-17T06:00:00.000Z',
          kind: 'reminder' as const,
          level: 'd10',
          organizationId: org,
          recipients: ['executor' as const],
          state: 'sent' as const,
          sentAt: '2024-05-17T06:00:01.000Z',
        },
        {
          at: '2024-06-03T06:00:00.000Z',
          kind: 'escalation' as const,
          level: '1',
          organizationId: org,
          recipients: ['executor' as const, 'head' as const],
          state: 'planned' as const,
        },
      ],
    });
    const repo = new ProjectionRepository(ds.manager);
    expect(await repo.applyOccurrence(snapshot('open', true) as never, 5)).toBe(true);
    expect(await repo.applyOccurrence(snapshot('planned', false) as never, 4)).toBe(false); // older: ignored
    const [row] = await ds.query(
      `SELECT status, overdue, escalation_level, projection_seq FROM occurrences WHERE id = $1`,
      [occ],
    );
    expect(row).toEqual({ status: 'open', overdue: true, escalation_level: 1, projection_seq: 5 });
    const reminders = await ds.query(
      `SELECT kind, level, sent FROM reminders WHERE occurrence_id = $1 ORDER BY at`,
      [occ],
    );
    expect(reminders).toEqual([
      { kind: 'reminder', level: 'd10', sent: true },
      { kind: 'escalation', level: '1', sent: false },
    ]);
    const [part] = await ds.query(`SELECT status, overdue FROM occurrence_parts WHERE occurrence_id = $1`, [
      occ,
    ]);
    expect(part).toEqual({ status: 'open', overdue: true });
  });

  it('reverts cleanly', async () => {
    await ds.undoLastMigration();
    expect(await ds.query(`SELECT to_regclass('public.occurrences') AS t`)).toEqual([{ t: null }]);
    await ds.runMigrations();
  });
});
