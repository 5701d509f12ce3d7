/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read from supertest */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { ALLOWED_EVIDENCE_MIME } from '@karta/domain';
import { bearer, createAdmin, E2e, eventually, login, pdf, startE2e } from './support/e2e';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const SEEDS = path.resolve(repoRoot, '..', 'shared', 'seeds');
const KRASNODAR = path.join(SEEDS, '001_4c3a0cf4b06a9e3c.txt');

/**
 * The whole path over HTTP: directory (bulk CSV + invitations) → import a seed → review and resolve the
 * draft → launch (real workflows) → evidence → return → resubmit → approve → XLSX export; and every
 * authorization rule tried from the wrong side.
 */
describe('control plane, end to end (real PostgreSQL, real Temporal, real engine)', () => {
  let e: E2e;
  const t: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    e = await startE2e();
    const admin = await createAdmin(e.db);
    t.admin = await login(e.http, admin.email, admin.password);
  });
  afterAll(() => e?.close());

  const get = (token: string, url: string) => e.http.get(url).set(bearer(token));
  const post = (token: string, url: string, body?: object) =>
    e.http
      .post(url)
      .set(bearer(token))
      .send(body ?? {});
  const patch = (token: string, url: string, body: object) => e.http.patch(url).set(bearer(token)).send(body);

  async function acceptInvite(email: string): Promise<string> {
    const mail = await eventually(
      async () =>
        (
          (await e.http.get('/api/dev/mailbox').query({ to: email })).body as Array<{
            to: string;
            subject: string;
            text: string;
          }>
        ).filter((m) => m.to.replace(/^.*</u, '').replace(/>.*$/u, '').trim() === email),
      (list) => list.some((m) => m.subject.includes('Приглашение')),
    );
    const token = /"token": "([^"]+)"/u.exec(mail.find((m) => m.subject.includes('Приглашение'))!.text)![1];
    const res = await e.http
      .post('/api/auth/invitations/accept')
      .send({ token, password: 'a-good-password' });
    if (res.status !== 200) throw new Error(`accept ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token;
  }

  it('builds two regions’ directories: organizations by API, people by CSV import, invitations by email', async () => {
    ids.krasnodar = (
      await post(t.admin, '/api/regions', {
        code: 'krasnodar',
        name: 'Краснодарский край',
        tz: 'Europe/Moscow',
      }).expect(201)
    ).body.id;
    ids.amur = (
      await post(t.admin, '/api/regions', {
        code: 'amur',
        name: 'Амурская область',
        tz: 'Asia/Yakutsk',
      }).expect(201)
    ).body.id;
    const org = async (body: object) =>
      (await post(t.admin, '/api/organizations', body).expect(201)).body.id as string;
    ids.ministry = await org({
      regionId: ids.krasnodar,
      kind: 'ministry',
      name: 'Министерство образования, науки и молодежной политики Краснодарского края',
      aliases: ['министерство'],
    });
    ids.iro = await org({
      regionId: ids.krasnodar,
      kind: 'institute',
      name: 'Институт развития образования Краснодарского края',
      shortName: 'ГБОУ ИРО Краснодарского края',
      aliases: ['ИРО', 'ЦНППМ'],
      parentId: ids.ministry,
    });
    ids.nmc = await org({
      regionId: ids.krasnodar,
      kind: 'institute',
      name: 'Научно-методический центр',
      shortName: 'ГБУ КК НМЦ',
      parentId: ids.ministry,
    });
    ids.sochi = await org({
      regionId: ids.krasnodar,
      kind: 'municipal',
      name: 'Управление по образованию и науке администрации города Сочи',
      shortName: 'УОН Сочи',
    });
    ids.amurMinistry = await org({
      regionId: ids.amur,
      kind: 'ministry',
      name: 'Министерство образования и науки Амурской области',
    });

    const csv = [
      'email;full_name;position;organization;role',
      'curator@kk.test;Кравченко Ирина Павловна;Консультант;министерство;curator',
      'minister@kk.test;Бережная Елена Васильевна;Министр;министерство;head',
      'nmc.head@kk.test;Орлов Дмитрий Сергеевич;Директор;ГБУ КК НМЦ;head',
      'head@kk.test;Терзиди Сергей Николаевич;Ректор;ГБОУ ИРО Краснодарского края;head',
      'executor@kk.test;Гайдук Анна Викторовна;Руководитель ЦНППМ;ИРО;executor',
      'other.executor@kk.test;Зорин Олег Ильич;Методист;УОН Сочи;executor',
      'sochi.head@kk.test;Лебедева Нина Петровна;Начальник;УОН Сочи;head',
      'broken-email;Кто-то;;ИРО;executor',
    ].join('\n');
    const report = await e.http
      .post('/api/users/import')
      .set(bearer(t.admin))
      .field('regionId', ids.krasnodar)
      .attach('file', Buffer.from(csv), 'users.csv')
      .expect(201);
    expect(report.body).toMatchObject({ created: 7, errors: [{ row: 9 }] });
    expect(report.body.errors[0].message).toMatch(/электронной почты/u);

    // Organizations in bulk from XLSX: a parent named by alias, and a row with no name reported by its line.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Организации');
    sheet.addRows([
      ['name', 'short_name', 'kind', 'parent', 'aliases'],
      [
        'Управление образования администрации города Краснодара',
        'УО Краснодара',
        'municipal',
        '',
        'ДО Краснодара',
      ],
      ['Средняя общеобразовательная школа № 7 г. Краснодара', 'СОШ № 7', 'school', 'УО Краснодара', ''],
      ['', '', 'school', '', ''],
    ]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const orgReport = await e.http
      .post('/api/organizations/import')
      .set(bearer(t.admin))
      .field('regionId', ids.krasnodar)
      .attach('file', xlsx, 'orgs.xlsx')
      .expect(201);
    expect(orgReport.body).toMatchObject({ created: 2, errors: [{ row: 4 }] });
    const orgs = (await get(t.admin, `/api/organizations?regionId=${ids.krasnodar}`).expect(200))
      .body as Array<{ id: string; shortName: string; parentId: string }>;
    const uo = orgs.find((o) => o.shortName === 'УО Краснодара')!;
    expect(orgs.find((o) => o.shortName === 'СОШ № 7')).toMatchObject({ parentId: uo.id });
    await patch(t.admin, `/api/organizations/${uo.id}`, {
      parentId: orgs.find((o) => o.shortName === 'СОШ № 7')!.id,
    }).expect(400); // a cycle

    const amurCurator = await post(t.admin, '/api/users', {
      email: 'curator@amur.test',
      fullName: 'Морозова Елена Игоревна',
      roles: [{ organizationId: ids.amurMinistry, role: 'curator' }],
      invite: true,
    }).expect(201);
    expect(amurCurator.body.invited).toBe(true);
    const users = (await get(t.admin, `/api/users?regionId=${ids.krasnodar}`).expect(200)).body as Array<{
      id: string;
      email: string;
    }>;
    for (const u of users) {
      ids[u.email] = u.id;
      await post(t.admin, `/api/users/${u.id}/invite`).expect(200);
    }
    t.curator = await acceptInvite('curator@kk.test');
    t.head = await acceptInvite('head@kk.test');
    t.executor = await acceptInvite('executor@kk.test');
    t.other = await acceptInvite('other.executor@kk.test');
    t.sochiHead = await acceptInvite('sochi.head@kk.test');
    t.amur = await acceptInvite('curator@amur.test');
    const me = await get(t.curator, '/api/auth/me').expect(200);
    expect(me.body.roles).toEqual([
      expect.objectContaining({ role: 'curator', organizationId: ids.ministry }),
    ]);
  });

  it('imports a seed into a draft listing what needs a human, with ranked directory suggestions', async () => {
    const res = await e.http
      .post('/api/roadmaps/import')
      .set(bearer(t.curator))
      .attach('file', fs.readFileSync(KRASNODAR), 'Краснодар.txt')
      .expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      activities: 20,
      needsReview: expect.any(Number),
    });
    expect(res.body.needsReview).toBeGreaterThan(0);
    ids.roadmap = res.body.id;

    const draft = (await get(t.curator, `/api/roadmaps/${ids.roadmap}`).expect(200)).body;
    expect(draft.status).toBe('draft');
    expect(draft.activities).toHaveLength(20);
    const all = draft.activities.flatMap((a: any) => a.assignments);
    expect(
      all.some(
        (s: any) =>
          s.raw === 'ГБОУ ИРО Краснодарского края' && s.status === 'resolved' && s.organizationId === ids.iro,
      ),
    ).toBe(true);
    expect(all.some((s: any) => /^министерство$/iu.test(s.raw) && s.organizationId === ids.ministry)).toBe(
      true,
    );
    await post(t.curator, `/api/roadmaps/${ids.roadmap}/launch`)
      .expect(409)
      .expect((r) => {
        expect(r.body.code).toBe('launch_blocked');
        expect(r.body.blockers.length).toBeGreaterThan(0);
        expect(r.body.message).toMatch(/Запуск невозможен/u);
      });
  });

  it('resolves the draft: suggestions, ignored strings, a corrected term (re-parsed), accepted warnings', async () => {
    const url = `/api/roadmaps/${ids.roadmap}`;
    await post(t.curator, `${url}/suggestions/accept`, { minScore: 0.8 }).expect(200);
    let draft = (await get(t.curator, url).expect(200)).body;

    // A term corrected by hand is parsed again on save.
    const target = draft.activities[0];
    const fixed = (
      await patch(t.curator, `${url}/activities/${target.id}`, { term: 'до 15.12.2024' }).expect(200)
    ).body;
    expect(fixed.term).toMatchObject({ raw: 'до 15.12.2024', kind: 'once' });
    expect(fixed.term.occurrences.at(-1).due).toBe('2024-12-15');

    for (let round = 0; round < 3; round++) {
      draft = (await get(t.curator, url).expect(200)).body;
      for (const b of draft.blockers) {
        if (b.kind === 'document_warning')
          await post(t.curator, `${url}/warnings/accept`, { index: b.ref }).expect(200);
        else if (b.kind === 'warning')
          await post(t.curator, `${url}/warnings/accept`, { activityId: b.activityId, index: b.ref }).expect(
            200,
          );
        else if (b.kind === 'term')
          await patch(t.curator, `${url}/activities/${b.activityId}`, { acceptTerm: true }).expect(200);
        else if (b.kind === 'responsible' || b.kind === 'executor')
          await patch(t.curator, `${url}/assignments/${b.ref}`, { ignore: true }).expect(200);
        else if (b.kind === 'no_responsible')
          await post(t.curator, `${url}/activities/${b.activityId}/assignments`, {
            kind: 'responsible',
            organizationId: ids.iro,
          }).expect(201);
      }
    }
    expect((await get(t.curator, `${url}/blockers`).expect(200)).body).toEqual([]);
    // The seed's period (2021–2024) is over: keep the catch-up small — yearly checkpoints, yearly repeats.
    await patch(t.curator, `${url}/policy`, {
      checkpointCadence: 'yearly',
      escalation: { repeatEveryDays: 365 },
      sendAt: '25:00',
    }).expect(400);
    const policy = await patch(t.curator, `${url}/policy`, {
      checkpointCadence: 'yearly',
      escalation: { repeatEveryDays: 365 },
    }).expect(200);
    expect(policy.body.policy).toEqual({ checkpointCadence: 'yearly', escalation: { repeatEveryDays: 365 } });
  });

  it('launches one workflow per activity; a second launch changes nothing', async () => {
    const first = (await post(t.curator, `/api/roadmaps/${ids.roadmap}/launch`).expect(200)).body;
    expect(first).toMatchObject({
      status: 'active',
      activities: 20,
      workflows: { started: 20, pending: 0, failed: 0 },
    });
    expect(first.occurrences).toBeGreaterThan(0);
    // The seed's period is over: every dated occurrence was past at launch and is listed for the curator.
    expect(first.pastDue.length).toBeGreaterThan(0);
    const again = (await post(t.curator, `/api/roadmaps/${ids.roadmap}/launch`).expect(200)).body;
    expect(again).toMatchObject({
      activities: 20,
      occurrences: first.occurrences,
      workflows: { started: 20, pending: 0, failed: 0 },
    });
    const [{ n }] = await e.db.query(
      `SELECT count(DISTINCT workflow_id)::int AS n FROM activities WHERE roadmap_id = $1 AND workflow_started_at IS NOT NULL`,
      [ids.roadmap],
    );
    expect(n).toBe(20);

    // Pick an occurrence of an activity the institute leads, for the rest of the path.
    const [row] = await e.db.query(
      `SELECT o.id, o.activity_id FROM occurrences o JOIN activity_parts p ON p.activity_id = o.activity_id AND p.lead AND p.organization_id = $2
        WHERE o.roadmap_id = $1 AND o.kind = 'deadline' ORDER BY o.due DESC LIMIT 1`,
      [ids.roadmap, ids.iro],
    );
    ids.occurrence = row.id;
    ids.activity = row.activity_id;
  });

  it('the head reassigns his organization’s part to an executor, who then sees it in /me/tasks', async () => {
    await post(t.head, `/api/activities/${ids.activity}/executors`, {
      organizationId: ids.iro,
      userIds: [ids['executor@kk.test']],
    }).expect(200);
    await post(t.sochiHead, `/api/activities/${ids.activity}/executors`, {
      organizationId: ids.iro,
      userIds: [ids['other.executor@kk.test']],
    }).expect(403);
    const tasks = (await get(t.executor, '/api/me/tasks').expect(200)).body as any[];
    const task = tasks.find((x) => x.id === ids.occurrence);
    expect(task).toMatchObject({
      id: ids.occurrence,
      activityId: ids.activity,
      title: expect.any(String),
      due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u),
      status: expect.any(String),
      overdue: true,
    });
    const overview = (await get(t.head, '/api/heads/overview').expect(200)).body;
    expect(overview.overdue.some((x: any) => x.id === ids.occurrence)).toBe(true);
  });

  it('evidence → return → resubmit → approve, each seen by the workflow and projected', async () => {
    const occ = `/api/occurrences/${ids.occurrence}`;
    const first = await e.http
      .post(`${occ}/evidence`)
      .set(bearer(t.executor))
      .field('comment', 'Первая версия')
      .attach('files', pdf('v1'), 'Отчёт о мероприятии.pdf')
      .expect(201);
    expect(first.body).toMatchObject({ version: 1, state: 'accepted', occurrence: { status: 'submitted' } });
    const queue = (await get(t.curator, '/api/curators/review-queue').expect(200)).body as Array<{
      id: string;
      evidence: { version: number };
    }>;
    expect(queue.find((q) => q.id === ids.occurrence)).toMatchObject({ evidence: { version: 1 } });
    expect((await get(t.amur, '/api/curators/review-queue').expect(200)).body).toEqual([]);
    await get(t.executor, '/api/curators/review-queue').expect(403);
    expect(first.body.files[0]).toMatchObject({
      fileName: 'Отчёт о мероприятии.pdf',
      mimeType: 'application/pdf',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/u),
    });

    // Submitting twice while it waits for review is refused by the rules.
    await e.http
      .post(`${occ}/evidence`)
      .set(bearer(t.executor))
      .attach('files', pdf('again'), 'again.pdf')
      .expect(409);

    await post(t.curator, `${occ}/return`, { comment: '' })
      .expect(400)
      .expect((r) =>
        expect(r.body.message.join(' ')).toMatch(/comment: не может быть пустым|comment: слишком короткое/u),
      );
    const returned = await post(t.curator, `${occ}/return`, { comment: 'Нет подписи руководителя' }).expect(
      200,
    );
    expect(returned.body.occurrence).toMatchObject({ status: 'returned', reworkDue: expect.any(String) });

    const second = await e.http
      .post(`${occ}/evidence`)
      .set(bearer(t.executor))
      .field('comment', 'С подписью')
      .attach('files', pdf('v2'), 'Отчёт подписан.pdf')
      .expect(201);
    expect(second.body).toMatchObject({ version: 2, state: 'accepted', occurrence: { status: 'submitted' } });

    // Late (the seed's dates are past): the reason is required, in Russian.
    const noReason = await post(t.curator, `${occ}/approve`, {}).expect(400);
    expect(noReason.body.message).toMatch(/причину/u);
    const approved = await post(t.curator, `${occ}/approve`, {
      outcomeReason: 'Дорожная карта получена после срока',
    }).expect(200);
    expect(approved.body.occurrence).toMatchObject({
      status: 'approved',
      outcome: 'выполнено с нарушением срока',
      outcomeReason: 'Дорожная карта получена после срока',
    });

    const detail = (await get(t.executor, occ).expect(200)).body;
    expect(detail.status).toBe('approved');
    expect(detail.evidence.map((v: any) => [v.version, v.state])).toEqual([
      [2, 'accepted'],
      [1, 'accepted'],
    ]);
    expect(detail.reviews.map((r: any) => r.decision)).toEqual(['approve', 'return']);
    expect(Array.isArray(detail.reminders)).toBe(true);
    for (const r of detail.reminders)
      expect(r).toEqual(
        expect.objectContaining({
          at: expect.any(String),
          kind: expect.any(String),
          sent: expect.any(Boolean),
        }),
      );
    ids.file = detail.evidence[0].files[0].id;
    const download = await get(t.executor, `/api/evidence/files/${ids.file}`).expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    const history = (await get(t.curator, `${occ}/history`).expect(200)).body as any[];
    expect(history.map((h) => h.action)).toEqual(
      expect.arrayContaining(['evidence.submitted', 'review.return', 'review.approve']),
    );
  });

  it('exports the roadmap’s execution as an XLSX report in Russian', async () => {
    const res = await get(t.curator, `/api/roadmaps/${ids.roadmap}/export.xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/u);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body);
    const sheet = book.getWorksheet('Исполнение')!;
    expect(sheet.getRow(4).values).toEqual(
      expect.arrayContaining([
        '№ п/п',
        'Наименование мероприятия',
        'Утверждённый срок',
        'Статус',
        'Итог исполнения',
      ]),
    );
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push((row.values as unknown[]).join(' | ')));
    expect(texts.some((x) => x.includes('Принято') && x.includes('выполнено с нарушением срока'))).toBe(true);
    expect(sheet.rowCount).toBeGreaterThanOrEqual(4 + 20);
  });

  it('delivers a human action once even when the API crashes after Temporal accepted it', async () => {
    // An occurrence still owed, of an activity the institute takes part in; its executor is ours.
    const [row] = await e.db.query(
      `SELECT o.id, o.activity_id FROM occurrences o JOIN activity_parts p ON p.activity_id = o.activity_id AND p.organization_id = $2
        WHERE o.roadmap_id = $1 AND o.status IN ('open', 'planned') AND o.id <> $3 ORDER BY o.due LIMIT 1`,
      [ids.roadmap, ids.iro, ids.occurrence],
    );
    expect(row).toBeDefined();
    await post(t.head, `/api/activities/${row.activity_id}/executors`, {
      organizationId: ids.iro,
      userIds: [ids['executor@kk.test']],
    }).expect(200);
    const sent = await e.http
      .post(`/api/occurrences/${row.id}/evidence`)
      .set(bearer(t.executor))
      .attach('files', pdf('crash'), 'crash.pdf')
      .expect(201);
    // Simulate the crash: the workflow has the update, the database forgot it was delivered.
    await e.db.query(
      `UPDATE workflow_commands SET state = 'pending', next_attempt_at = now() WHERE id = $1`,
      [sent.body.id],
    );
    await e.db.query(`UPDATE evidence SET state = 'pending' WHERE id = $1`, [sent.body.id]);
    const { CommandDispatcher } = await import('../src/temporal/command-dispatcher');
    const outcome = await e.api.app.get(CommandDispatcher).deliver(sent.body.id);
    expect(outcome.state).toBe('delivered');
    const [ev] = await e.db.query(`SELECT state FROM evidence WHERE id = $1`, [sent.body.id]);
    expect(ev.state).toBe('accepted');
    const { WorkflowGateway } = await import('../src/temporal/workflow-gateway');
    const { stateQuery } = await import('../../../workflows/src/messages');
    const [{ workflow_id }] = await e.db.query(
      `SELECT a.workflow_id FROM activities a JOIN occurrences o ON o.activity_id = a.id WHERE o.id = $1`,
      [row.id],
    );
    const state = await e.api.app.get(WorkflowGateway).query(workflow_id, stateQuery, 5_000);
    const occ = state.occurrences.find((o) => o.occurrenceId === row.id)!;
    expect(
      occ.parts.flatMap((p) => p.submissions).filter((s) => s.submissionId === sent.body.id),
    ).toHaveLength(1);
  });

  it('shows progress and the personal calendar feed', async () => {
    const progress = (await get(t.curator, `/api/roadmaps/${ids.roadmap}/progress`).expect(200)).body;
    expect(progress.byStatus.approved).toBeGreaterThanOrEqual(1);
    expect(progress.byOrganization.some((o: any) => o.organizationId === ids.iro)).toBe(true);
    const { url } = (await get(t.head, '/api/me/calendar').expect(200)).body;
    const ics = await e.http.get(new URL(url).pathname).expect(200);
    expect(ics.headers['content-type']).toMatch(/text\/calendar/u);
    expect(ics.text).toContain('BEGIN:VCALENDAR');
    await e.http.get('/api/calendar/not-a-real-token-at-all-123.ics').expect(404);
  });

  it('moves a due date through a request and the curator’s decision; the baseline stays', async () => {
    const [row] = await e.db.query(
      `SELECT o.id, o.due::text AS due, o.baseline_due::text AS baseline FROM occurrences o JOIN activity_executors x ON x.activity_id = o.activity_id AND x.user_id = $2
        WHERE o.roadmap_id = $1 AND o.status IN ('open', 'planned', 'returned') ORDER BY o.due LIMIT 1`,
      [ids.roadmap, ids['executor@kk.test']],
    );
    const change = (
      await post(t.executor, `/api/occurrences/${row.id}/deadline-changes`, {
        proposedDue: '2031-03-31',
        reason: 'Перенос сроков курсов',
      }).expect(201)
    ).body;
    await post(t.executor, `/api/occurrences/${row.id}/deadline-changes`, {
      proposedDue: '2031-04-30',
      reason: 'Ещё раз',
    }).expect(409);
    const queue = (await get(t.curator, '/api/curators/deadline-changes').expect(200)).body;
    expect(queue.map((c: { id: string }) => c.id)).toContain(change.id);
    await post(t.executor, `/api/deadline-changes/${change.id}/approve`).expect(403);
    const decided = (
      await post(t.curator, `/api/deadline-changes/${change.id}/approve`, { comment: 'Согласовано' }).expect(
        200,
      )
    ).body;
    expect(decided).toMatchObject({ status: 'approved', due: '2031-03-31' });
    const detail = (await get(t.executor, `/api/occurrences/${row.id}`).expect(200)).body;
    expect(detail).toMatchObject({ due: '2031-03-31', baselineDue: row.baseline, overdue: false });

    await post(t.head, `/api/occurrences/${row.id}/delay-note`, {
      note: 'Курсы перенесены федеральным оператором',
    }).expect(200);
    await post(t.executor, `/api/occurrences/${row.id}/delay-note`, { note: 'сам себе' }).expect(403);
    const tasks = (await get(t.executor, '/api/me/tasks').expect(200)).body as any[];
    expect(tasks.find((x) => x.id === row.id)).toMatchObject({
      delayNote: 'Курсы перенесены федеральным оператором',
    });
    expect(tasks.filter((x) => x.id !== row.id).every((x) => x.delayNote === null)).toBe(true);
  });

  it('shows the head’s latest delay note on his overview', async () => {
    const before = (await get(t.head, '/api/heads/overview').expect(200)).body;
    const item = before.overdue.find((x: any) => x.id !== ids.occurrence && x.status !== 'submitted');
    expect(item).toMatchObject({ delayNote: null });
    await post(t.head, `/api/occurrences/${item.id}/delay-note`, { note: 'Первая причина' }).expect(200);
    await post(t.head, `/api/occurrences/${item.id}/delay-note`, {
      note: 'Ждём приказа министерства',
    }).expect(200);
    const after = (await get(t.head, '/api/heads/overview').expect(200)).body;
    const noted = after.overdue.filter((x: any) => x.id === item.id);
    expect(noted.length).toBeGreaterThan(0);
    for (const x of noted) expect(x.delayNote).toBe('Ждём приказа министерства');
  });

  it('lists every occurrence of the roadmap for the timeline, with dates, direction and status', async () => {
    const list = (await get(t.curator, `/api/roadmaps/${ids.roadmap}/occurrences`).expect(200)).body as any[];
    const [{ n }] = await e.db.query(`SELECT count(*)::int AS n FROM occurrences WHERE roadmap_id = $1`, [
      ids.roadmap,
    ]);
    expect(list).toHaveLength(n);
    const mine = list.find((x) => x.id === ids.occurrence);
    expect(Object.keys(mine).sort()).toEqual(
      [
        'activityId',
        'baselineDue',
        'direction',
        'due',
        'id',
        'label',
        'number',
        'overdue',
        'start',
        'status',
        'title',
      ].sort(),
    );
    expect(mine).toMatchObject({
      activityId: ids.activity,
      title: expect.any(String),
      due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u),
      baselineDue: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u),
      status: 'approved',
      overdue: false,
    });
    expect(list.some((x) => x.overdue)).toBe(true);
    expect(list.some((x) => x.baselineDue !== x.due)).toBe(true); // the one moved by the approved request
    expect(list.some((x) => typeof x.direction === 'string' && x.direction.length > 0)).toBe(true);
    const admin = (await get(t.admin, `/api/roadmaps/${ids.roadmap}/occurrences`).expect(200)).body;
    expect(admin).toHaveLength(n);
    await get(t.curator, '/api/roadmaps/00000000-0000-4000-8000-000000000000/occurrences').expect(404);
  });

  it('tells an authenticated client the evidence upload limits the server enforces', async () => {
    await e.http.get('/api/uploads/limits').expect(401);
    const limits = (await get(t.executor, '/api/uploads/limits').expect(200)).body;
    const { AppConfig } = await import('../src/config');
    const config = e.api.app.get(AppConfig);
    expect(limits).toEqual({
      maxFileBytes: config.upload.maxFileBytes,
      maxFiles: config.upload.maxFiles,
      mimeTypes: [...ALLOWED_EVIDENCE_MIME],
      extensions: expect.arrayContaining(['pdf', 'docx', 'xlsx', 'jpg', 'png', 'zip', 'txt', 'csv']),
    });
  });

  it('lists occurrences past due at launch and lets the curator re-plan one', async () => {
    const pastDue = (await get(t.curator, `/api/roadmaps/${ids.roadmap}/past-due`).expect(200))
      .body as Array<{ occurrenceId: string; decision: string; status: string; expectsDocument: boolean }>;
    const pending = pastDue.find((p) => p.decision === 'pending' && ['open', 'planned'].includes(p.status));
    expect(pending).toBeDefined();
    await post(t.executor, `/api/occurrences/${pending!.occurrenceId}/past-due`, {
      decision: 'overdue',
    }).expect(403);
    await post(t.curator, `/api/occurrences/${pending!.occurrenceId}/past-due`, {
      decision: 'replan',
    }).expect(400);
    const replanned = (
      await post(t.curator, `/api/occurrences/${pending!.occurrenceId}/past-due`, {
        decision: 'replan',
        due: '2031-06-30',
      }).expect(200)
    ).body;
    expect(replanned).toMatchObject({ decision: 'replanned', due: '2031-06-30' });

    // Done before launch: the curator records the evidence on the executors' behalf and approves it.
    // The seed's first activity results in an administrative act: its number and date are asked for.
    const done = pastDue.find(
      (p) =>
        p.decision === 'pending' &&
        p.occurrenceId !== pending!.occurrenceId &&
        p.status === 'open' &&
        p.expectsDocument === true,
    );
    expect(done).toBeDefined();
    {
      const decide = (fields: Record<string, string>) => {
        const req = e.http.post(`/api/occurrences/${done!.occurrenceId}/past-due`).set(bearer(t.curator));
        for (const [k, v] of Object.entries({ decision: 'done', ...fields })) req.field(k, v);
        return req.attach('files', pdf('done'), 'Приказ.pdf');
      };
      await decide({}).expect(400); // reason required
      await decide({ reason: 'Выполнено до утверждения дорожной карты' }).expect(400); // number and date
      const res = await decide({
        reason: 'Выполнено до утверждения дорожной карты',
        documentNumber: '2625',
        documentDate: '2021-08-13',
      }).expect(200);
      expect(res.body).toMatchObject({
        decision: 'done',
        occurrence: { status: 'approved', outcome: 'выполнено с нарушением срока' },
      });
      // Sent again (a retry after a lost answer or a crash mid-way): the same result, nothing doubled.
      const again = await decide({
        reason: 'Выполнено до утверждения дорожной карты',
        documentNumber: '2625',
        documentDate: '2021-08-13',
      }).expect(200);
      expect(again.body).toMatchObject({ decision: 'done', occurrence: { status: 'approved' } });
      const [{ n }] = await e.db.query(`SELECT count(*)::int AS n FROM evidence WHERE occurrence_id = $1`, [
        done!.occurrenceId,
      ]);
      expect(n).toBe(1);
    }
  });

  it('corrects the term of a running activity and cancels another, without restarting their workflows', async () => {
    const [a] = await e.db.query(
      `SELECT id FROM activities WHERE roadmap_id = $1 AND id <> $2 AND cancelled_at IS NULL ORDER BY ordinal LIMIT 1`,
      [ids.roadmap, ids.activity],
    );
    await post(t.curator, `/api/activities/${a.id}/term`, { term: 'до 15.12.2030' }).expect(400); // outside 2021–2024
    const corrected = (
      await post(t.curator, `/api/activities/${a.id}/term`, { term: 'до 15.12.2024' }).expect(200)
    ).body;
    expect(corrected).toMatchObject({ state: 'delivered', term: { kind: 'once' } });
    expect(corrected.occurrences.at(-1).due).toBe('2024-12-15');
    await post(t.executor, `/api/activities/${a.id}/term`, { term: 'до 15.12.2030' }).expect(403);
    const cancelled = (
      await post(t.curator, `/api/activities/${a.id}/cancel`, { reason: 'Исключено приказом' }).expect(200)
    ).body;
    expect(cancelled).toMatchObject({ cancelled: true, delivery: 'delivered' });
    const statuses = await e.db.query(`SELECT DISTINCT status FROM occurrences WHERE activity_id = $1`, [
      a.id,
    ]);
    expect(
      statuses
        .map((r: { status: string }) => r.status)
        .every((x: string) => ['cancelled', 'approved'].includes(x)),
    ).toBe(true);
    // A cancelled activity takes no more dates.
    const refused = await post(t.curator, `/api/activities/${a.id}/external-dates`, {
      occurrences: [{ due: '2030-06-30' }],
    }).expect(409);
    expect(refused.body.code).toBe('activity_cancelled');
  });

  it('documents every control-plane route in OpenAPI, with a summary', async () => {
    const spec = (await e.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
    };
    for (const p of [
      '/api/auth/login',
      '/api/me/tasks',
      '/api/occurrences/{id}',
      '/api/occurrences/{id}/evidence',
      '/api/occurrences/{id}/approve',
      '/api/occurrences/{id}/return',
      '/api/roadmaps/import',
      '/api/roadmaps/{id}/launch',
      '/api/roadmaps/{id}/occurrences',
      '/api/uploads/limits',
    ]) {
      expect(spec.paths[p]).toBeDefined();
    }
    const ours = Object.entries(spec.paths).filter(([p]) => !/\/(health|dev\/mailbox)/u.test(p));
    const missing = ours.flatMap(([p, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !op.summary)
        .map(([m]) => `${m} ${p}`),
    );
    expect(missing).toEqual([]);
  });

  describe('authorization, tried from the wrong side', () => {
    it('refuses anonymous calls and bad tokens', async () => {
      await e.http.get('/api/me/tasks').expect(401);
      await e.http.get('/api/me/tasks').set(bearer('not.a.jwt')).expect(401);
    });

    it('a curator of another region cannot read, change, launch or export this roadmap', async () => {
      await get(t.amur, `/api/roadmaps/${ids.roadmap}`).expect(403);
      await post(t.amur, `/api/roadmaps/${ids.roadmap}/launch`).expect(403);
      await get(t.amur, `/api/roadmaps/${ids.roadmap}/export.xlsx`).expect(403);
      await get(t.amur, `/api/roadmaps/${ids.roadmap}/occurrences`).expect(403);
      await get(t.executor, `/api/roadmaps/${ids.roadmap}/occurrences`).expect(403);
      await get(t.head, `/api/roadmaps/${ids.roadmap}/occurrences`).expect(403);
      await get(t.amur, `/api/occurrences/${ids.occurrence}`).expect(403);
      await post(t.amur, `/api/occurrences/${ids.occurrence}/return`, { comment: 'чужое' }).expect(403);
      await get(t.amur, `/api/organizations?regionId=${ids.krasnodar}`).expect(403);
    });

    it('an executor of another organization cannot see the occurrence or download its evidence', async () => {
      await get(t.other, `/api/occurrences/${ids.occurrence}`).expect(403);
      await get(t.other, `/api/evidence/files/${ids.file}`).expect(403);
      await get(t.sochiHead, `/api/evidence/files/${ids.file}`).expect(403);
      expect((await get(t.other, '/api/me/tasks').expect(200)).body).toEqual([]);
    });

    it('an executor cannot approve, return, launch or import', async () => {
      const [{ id }] = await e.db
        .query(
          `SELECT o.id FROM occurrences o JOIN activity_executors x ON x.activity_id = o.activity_id AND x.user_id = $2
          WHERE o.roadmap_id = $1 AND o.status <> 'approved' LIMIT 1`,
          [ids.roadmap, ids['executor@kk.test']],
        )
        .then((rows: any[]) => (rows.length ? rows : [{ id: ids.occurrence }]));
      await post(t.executor, `/api/occurrences/${id}/approve`, {}).expect(403);
      await post(t.executor, `/api/occurrences/${id}/return`, { comment: 'сам себе' }).expect(403);
      await post(t.executor, `/api/roadmaps/${ids.roadmap}/launch`).expect(403);
      await e.http
        .post('/api/roadmaps/import')
        .set(bearer(t.executor))
        .attach('file', fs.readFileSync(KRASNODAR), 'x.txt')
        .expect(403);
      await post(t.executor, '/api/organizations', {
        regionId: ids.krasnodar,
        kind: 'school',
        name: 'Школа',
      }).expect(403);
    });

    it('a curator cannot grant the admin role', async () => {
      await post(t.curator, `/api/users/${ids['executor@kk.test']}/roles`, {
        organizationId: ids.ministry,
        role: 'admin',
      }).expect(403);
    });

    it('answers invalid input with 400, Russian messages and English field names', async () => {
      const res = await e.http
        .post('/api/auth/login')
        .send({ email: 'not-an-email', password: '' })
        .expect(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'email', message: 'должно быть адресом электронной почты' }),
        ]),
      );
      await get(t.curator, '/api/occurrences/not-a-uuid')
        .expect(400)
        .expect((r) => expect(r.body.message[0]).toBe('id: должно быть идентификатором (UUID)'));
      const [open] = await e.db.query(
        `SELECT o.id FROM occurrences o JOIN activity_executors x ON x.activity_id = o.activity_id AND x.user_id = $2
          WHERE o.roadmap_id = $1 AND o.status IN ('open', 'planned', 'returned') LIMIT 1`,
        [ids.roadmap, ids['executor@kk.test']],
      );
      if (open) {
        const bad = await e.http
          .post(`/api/occurrences/${open.id}/evidence`)
          .set(bearer(t.executor))
          .attach(
            'files',
            Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
            'virus.pdf',
          )
          .expect(400);
        expect(bad.body).toMatchObject({ code: 'file_type_not_allowed', field: 'files' });
        const none = await e.http
          .post(`/api/occurrences/${open.id}/evidence`)
          .set(bearer(t.executor))
          .field('comment', 'без файлов')
          .expect(400);
        expect(none.body.message).toMatch(/файл/u);
      }
    });

    it('a deputy acts for the person he stands in for, and the audit shows both names', async () => {
      const today = new Date().toISOString().slice(0, 10);
      await post(t.other, `/api/users/${ids['executor@kk.test']}/deputies`, {
        deputyId: ids['other.executor@kk.test'],
        from: today,
        to: today,
      }).expect(403);
      const deputy = (
        await post(t.executor, `/api/users/${ids['executor@kk.test']}/deputies`, {
          deputyId: ids['other.executor@kk.test'],
          from: today,
          to: today,
          reason: 'Отпуск',
        }).expect(201)
      ).body;
      const tasks = (await get(t.other, '/api/me/tasks').expect(200)).body as Array<{
        id: string;
        status: string;
      }>;
      const open = tasks.find((x) => ['open', 'planned', 'returned'].includes(x.status));
      expect(open).toBeDefined();
      const sent = await e.http
        .post(`/api/occurrences/${open!.id}/evidence`)
        .set(bearer(t.other))
        .attach('files', pdf('deputy'), 'deputy.pdf')
        .expect(201);
      const [audit] = await e.db.query(
        `SELECT actor_name, on_behalf_of_name FROM audit_events WHERE entity_id = $1 AND action = 'evidence.submitted'`,
        [sent.body.id],
      );
      expect(audit).toEqual({
        actor_name: 'Зорин Олег Ильич',
        on_behalf_of_name: 'Гайдук Анна Викторовна',
      });
      await e.http
        .delete(`/api/users/${ids['executor@kk.test']}/deputies/${deputy.id}`)
        .set(bearer(t.executor))
        .expect(204);
      expect((await get(t.other, '/api/me/tasks').expect(200)).body).toEqual([]);
    });

    it('no one becomes an administrator by standing in for one', async () => {
      const regionalAdmin = (
        await post(t.admin, '/api/users', {
          email: 'regional.admin@kk.test',
          fullName: 'Белова Ольга Петровна',
          roles: [{ organizationId: ids.ministry, role: 'admin' }],
        }).expect(201)
      ).body as { id: string };
      // A curator of the same region may not touch an administrator's deputies…
      await post(t.curator, `/api/users/${regionalAdmin.id}/deputies`, {
        deputyId: ids['curator@kk.test'],
        from: '2020-01-01',
        to: '2099-12-31',
      }).expect(403);
      // …and when an administrator names one himself, the deputy gets his items, not administration.
      await post(t.admin, `/api/users/${regionalAdmin.id}/deputies`, {
        deputyId: ids['curator@kk.test'],
        from: '2020-01-01',
        to: '2099-12-31',
      }).expect(201);
      const region = { code: 'captured', name: 'Захваченная область', tz: 'Europe/Moscow' };
      await post(t.curator, '/api/regions', region).expect(403);
      await post(t.curator, `/api/users/${ids['executor@kk.test']}/roles`, {
        organizationId: ids.ministry,
        role: 'admin',
      }).expect(403);
    });

    it('a deputy must work in the same region', async () => {
      const res = await post(t.executor, `/api/users/${ids['executor@kk.test']}/deputies`, {
        deputyId: await amurCuratorId(),
        from: '2020-01-01',
        to: '2099-12-31',
      }).expect(400);
      expect(res.body.message).toMatch(/том же регионе/u);
    });

    const amurCuratorId = async () =>
      ((await get(t.admin, `/api/users?regionId=${ids.amur}`).expect(200)).body as Array<{ id: string }>)[0]
        .id;

    it('rate-limits login per address and email', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++)
        codes.push(
          (
            await e.http
              .post('/api/auth/login')
              .send({ email: 'curator@kk.test', password: 'wrong-password' })
          ).status,
        );
      expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(codes.slice(5)).toEqual([429, 429]);
    });

    it('rate-limits one address spraying a password over many accounts', async () => {
      const codes: number[] = [];
      // LOGIN_RATE_LIMIT is 5 here: 25 attempts a minute per address, whatever the emails.
      for (let i = 0; i < 30; i++)
        codes.push(
          (await e.http.post('/api/auth/login').send({ email: `nobody${i}@kk.test`, password: 'x-password' }))
            .status,
        );
      expect(codes.every((c) => c === 401 || c === 429)).toBe(true);
      expect(codes.slice(-5)).toEqual([429, 429, 429, 429, 429]);
    });
  });
});
