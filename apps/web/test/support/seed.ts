/**
 * Test data of a test's own, made over the API the way a curator would (import → resolve → launch), so the
 * suites do not compete for the demo's few items.
 */
import { call, DEMO, login } from './api';
import { seedFixture } from './roadmap-fixture';

interface Draft {
  id: string;
  status: string;
  warnings: { accepted: boolean }[];
  activities: {
    id: string;
    term: { kind: string; needsReview: boolean; occurrences: unknown[] };
    termAccepted: boolean;
    warnings: { accepted: boolean }[];
    assignments: { id: string; kind: string; status: string; suggestions: { id: string }[] }[];
  }[];
  blockers: { message: string }[];
}

export interface SeedTask {
  id: string;
  activityId: string;
  roadmapId: string;
  title: string;
  status: string;
  due: string;
  overdue: boolean;
}

export async function importText(token: string, fileName: string, text: string): Promise<{ id: string }> {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(text, 'utf8')], { type: 'text/plain' }), fileName);
  return call<{ id: string }>(token, 'POST', '/roadmaps/import', form);
}

/** Takes every suggestion, accepts every warning and flagged term: what a hurried curator would do. */
export async function resolveEverything(token: string, roadmapId: string): Promise<Draft> {
  await call(token, 'POST', `/roadmaps/${roadmapId}/suggestions/accept`, { minScore: 0.5 });
  let draft = await call<Draft>(token, 'GET', `/roadmaps/${roadmapId}`);
  for (let i = 0; i < draft.warnings.length; i++) {
    if (!draft.warnings[i].accepted)
      await call(token, 'POST', `/roadmaps/${roadmapId}/warnings/accept`, { index: i });
  }
  for (const a of draft.activities) {
    for (let i = 0; i < a.warnings.length; i++) {
      if (!a.warnings[i].accepted)
        await call(token, 'POST', `/roadmaps/${roadmapId}/warnings/accept`, { activityId: a.id, index: i });
    }
    if (!a.termAccepted && (a.term.needsReview || a.term.kind === 'unknown')) {
      await call(token, 'PATCH', `/roadmaps/${roadmapId}/activities/${a.id}`, { acceptTerm: true });
    }
    for (const s of a.assignments) {
      if ((s.status === 'suggested' || s.status === 'unresolved') && s.suggestions[0]) {
        const body =
          s.kind === 'executor' ? { userId: s.suggestions[0].id } : { organizationId: s.suggestions[0].id };
        await call(token, 'PATCH', `/roadmaps/${roadmapId}/assignments/${s.id}`, body);
      }
    }
  }
  draft = await call<Draft>(token, 'GET', `/roadmaps/${roadmapId}`);
  return draft;
}

/** A launched roadmap of `n` activities for the demo executor; answers his new tasks, earliest first. */
export async function seedTasks(label: string, n: number): Promise<SeedTask[]> {
  const curator = await login(DEMO.curator);
  const fixture = seedFixture(label, n);
  const { id } = await importText(curator, `${label}.txt`, fixture.text);
  const draft = await resolveEverything(curator, id);
  if (draft.blockers.length)
    throw new Error(`seed roadmap not launchable: ${draft.blockers.map((b) => b.message).join('; ')}`);
  await call(curator, 'POST', `/roadmaps/${id}/launch`);
  const executor = await login(DEMO.executor);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const tasks = (await call<SeedTask[]>(executor, 'GET', '/me/tasks')).filter((t) => t.roadmapId === id);
    if (tasks.length >= n) return tasks.sort((a, b) => a.due.localeCompare(b.due));
    if (Date.now() > deadline) throw new Error(`the seeded roadmap gave ${tasks.length} tasks, wanted ${n}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function waitForStatus(
  token: string,
  id: string,
  statuses: string[],
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const o = await call<{ status: string }>(token, 'GET', `/occurrences/${id}`);
    if (statuses.includes(o.status)) return o.status;
    if (Date.now() > deadline)
      throw new Error(`occurrence ${id} stayed ${o.status}, wanted ${statuses.join('/')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
