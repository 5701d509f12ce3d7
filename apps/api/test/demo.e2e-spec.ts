/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read from supertest */
import { addDays, todayIn } from '@karta/domain';
import { loadDemo, describeDemo } from '../src/demo';
import { bearer, E2e, eventually, login, startE2e } from './support/e2e';

describe('demo loader (real importer, real launch)', () => {
  let e: E2e;
  beforeAll(async () => {
    e = await startE2e();
  });
  afterAll(() => e?.close());

  it('loads a region, users for every role and a launched roadmap with dates around today; twice is harmless', async () => {
    const summary = await loadDemo(e.api.app);
    expect(summary.created).toBe(true);
    expect(summary.launch).toMatchObject({ workflows: { failed: 0, pending: 0 } });
    expect(summary.launch!.activities).toBe(7);
    expect(describeDemo(summary)).toContain('curator@demo.karta');
    const again = await loadDemo(e.api.app);
    expect(again).toMatchObject({ created: false, roadmapId: summary.roadmapId });
    expect(again.launch!.occurrences).toBe(summary.launch!.occurrences);

    const tokens: Record<string, string> = {};
    for (const who of ['curator', 'head', 'executor', 'admin'])
      tokens[who] = await login(e.http, `${who}@demo.karta`, summary.password);

    const today = todayIn('Europe/Moscow');
    const tasks = (await e.http.get('/api/me/tasks').set(bearer(tokens.executor)).expect(200)).body as Array<{
      id: string;
      due: string;
      overdue: boolean;
      title: string;
    }>;
    expect(tasks.some((t) => t.overdue && t.due < addDays(today, -14))).toBe(true);
    expect(tasks.some((t) => t.overdue && t.due >= addDays(today, -7))).toBe(true);
    expect(tasks.some((t) => !t.overdue && t.due >= today && t.due <= addDays(today, 14))).toBe(true);

    const roadmap = (
      await e.http.get(`/api/roadmaps/${summary.roadmapId}`).set(bearer(tokens.curator)).expect(200)
    ).body;
    const kinds = roadmap.activities.map((a: { term: { kind: string } }) => a.term.kind);
    expect(kinds).toEqual(expect.arrayContaining(['external', 'continuous']));
    // The typo ЦНППИМ was matched to the institute (alias ЦНППМ) through a suggestion.
    const typo = roadmap.activities.flatMap((a: any) => a.assignments).find((s: any) => s.raw === 'ЦНППИМ');
    expect(typo).toMatchObject({
      status: 'resolved',
      suggestions: [expect.objectContaining({ reason: 'typo' })],
    });

    // An upcoming item lists its planned reminders once the engine has projected its plan.
    const upcoming = tasks.find((t) => !t.overdue && t.due > addDays(today, 10))!;
    const detail = await eventually(
      async () =>
        (await e.http.get(`/api/occurrences/${upcoming.id}`).set(bearer(tokens.executor)).expect(200)).body,
      (d) => d.reminders.some((r: any) => r.kind === 'reminder' && r.sent === false),
    );
    expect(detail.reminders[0]).toEqual(
      expect.objectContaining({
        at: expect.any(String),
        kind: expect.any(String),
        sent: expect.any(Boolean),
      }),
    );

    // 1.1 expects an order: its report names the order's number and date, or is refused.
    const order = tasks.find((t) => t.title.startsWith('Актуализация регионального положения'))!;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const send = (fields: Record<string, string>) => {
      const req = e.http.post(`/api/occurrences/${order.id}/evidence`).set(bearer(tokens.executor));
      for (const [k, v] of Object.entries(fields)) req.field(k, v);
      return req.attach('files', pdf, 'prikaz.pdf');
    };
    const missing = await send({}).expect(400);
    expect(JSON.stringify(missing.body)).toMatch(/documentNumber/u);
    await send({ documentNumber: '101-р' }).expect(400);
    const accepted = await send({ documentNumber: '101-р', documentDate: addDays(today, -1) }).expect(201);
    const view = (await e.http.get(`/api/occurrences/${order.id}`).set(bearer(tokens.executor)).expect(200))
      .body;
    expect(view.evidence).toEqual([
      expect.objectContaining({
        id: accepted.body.id,
        documentNumber: '101-р',
        documentDate: addDays(today, -1),
      }),
    ]);
  });
});
