/**
 * What the engine's integration tests share: a migrated database with a region, a roadmap and activities
 * whose occurrences the workflows project into; an SMTP catcher; the worker as a real child process
 * (`apps/worker/src/main.ts`, so a SIGKILL is a real crash).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { openDataSource } from '../../../../libs/persistence/src/data-source';
import { REPO_ROOT, ServiceProcess, spawnService, waitFor } from '../../../../libs/devstack/src';
import type { ActivityWorkflowInput } from '../../../../workflows/src/messages';

export interface Seeded {
  regionId: string;
  roadmapId: string;
  organizationId: string;
  activities: Array<{ activityId: string; occurrenceId: string; title: string }>;
}

/** Region, ministry organization, an active roadmap and `n` activities with one occurrence each. */
export async function seed(ds: DataSource, n: number, due: string, tag: string): Promise<Seeded> {
  const regionId = randomUUID();
  const organizationId = randomUUID();
  const roadmapId = randomUUID();
  await ds.query(
    `INSERT INTO regions (id, code, name, tz) VALUES ($1, $2, 'Костромская область', 'Europe/Moscow')`,
    [regionId, `r-${tag}`],
  );
  await ds.query(
    `INSERT INTO organizations (id, region_id, kind, name) VALUES ($1, $2, 'institute', 'КОИРО')`,
    [organizationId, regionId],
  );
  await ds.query(
    `INSERT INTO roadmaps (id, region_id, title, status, source_file_name, source_format, source_sha256, source_size, source_storage_key, version)
     VALUES ($1, $2, 'Дорожная карта', 'active', 'plan.docx', 'docx', repeat('0', 64), 1, 'k', 1)`,
    [roadmapId, regionId],
  );
  const activities: Seeded['activities'] = [];
  for (let i = 0; i < n; i++) {
    const activityId = randomUUID();
    const occurrenceId = randomUUID();
    const title = `Мероприятие ${tag}-${i + 1}`;
    await ds.query(
      `INSERT INTO activities (id, roadmap_id, ordinal, number, title, term_raw, term, term_kind, imported)
       VALUES ($1, $2, $3, $4, $5, 'до 01.09.2026', '{}', 'once', '{}')`,
      [activityId, roadmapId, i, `${i + 1}`, title],
    );
    await ds.query(
      `INSERT INTO occurrences (id, activity_id, roadmap_id, region_id, seq, baseline_due, due, status)
       VALUES ($1, $2, $3, $4, 1, $5, $5, 'planned')`,
      [occurrenceId, activityId, roadmapId, regionId, due],
    );
    activities.push({ activityId, occurrenceId, title });
  }
  return { regionId, roadmapId, organizationId, activities };
}

export function inputFor(s: Seeded, a: Seeded['activities'][number], due: string): ActivityWorkflowInput {
  const person = (role: string) => ({
    userId: randomUUID(),
    email: `${role}-${a.activityId.slice(0, 8)}@demo.karta`,
    name: `${role} ${a.title}`,
  });
  return {
    roadmapId: s.roadmapId,
    activityId: a.activityId,
    title: a.title,
    tz: 'Europe/Moscow',
    termKind: 'once',
    occurrences: [{ occurrenceId: a.occurrenceId, start: null, due, kind: 'deadline' }],
    participants: {
      organizations: [
        {
          organizationId: s.organizationId,
          name: 'КОИРО',
          lead: true,
          executors: [person('executor')],
          heads: [person('head')],
        },
      ],
      curators: [person('curator')],
    },
  };
}

export async function migratedDatabase(url: string): Promise<DataSource> {
  return openDataSource(url);
}

/** The real worker (`main.ts`) as a child process; resolves once it polls. */
export async function startWorkerProcess(
  env: Record<string, string>,
  logDir: string,
  name: string,
): Promise<ServiceProcess> {
  const logFile = path.join(logDir, `${name}.log`);
  const worker = spawnService({
    name,
    command: process.execPath,
    args: [
      '--enable-source-maps',
      '-r',
      path.join(REPO_ROOT, 'scripts', 'register.js'),
      path.join(REPO_ROOT, 'apps', 'worker', 'src', 'main.ts'),
    ],
    env: { ...process.env, LOG_LEVEL: 'info', DIGEST_SCHEDULE: 'off', ...env },
    logFile,
  });
  await waitFor(
    async () => fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8').includes('worker polling'),
    {
      what: `${name} polling`,
      timeoutMs: 90_000,
      intervalMs: 100,
      abort: () => worker.describeExit(),
    },
  );
  return worker;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
