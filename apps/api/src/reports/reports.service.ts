import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { createEvents, EventAttributes } from 'ics';
import { EntityManager } from 'typeorm';
import { addDays, isOverdue, notFound, OCCURRENCE_STATUS_LABELS, OccurrenceStatus } from '@karta/domain';
import { User } from '@karta/persistence';
import { randomToken } from '../auth/passwords';
import { AppConfig } from '../config';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { RoadmapsService } from '../roadmaps/roadmaps.service';
import { Clock } from '../common/clock';

interface ExportRow {
  ordinal: number;
  number: string | null;
  section: string[];
  title: string;
  term_raw: string;
  result: string | null;
  responsible: string | null;
  executors: string | null;
  occurrence_id: string | null;
  seq: number | null;
  label: string | null;
  baseline_due: string | null;
  due: string | null;
  rework_due: string | null;
  status: OccurrenceStatus | null;
  overdue: boolean | null;
  outcome: string | null;
  outcome_reason: string | null;
  delay_note: string | null;
  first_submitted_on: string | null;
  last_submitted_on: string | null;
  documents: string | null;
  review_comment: string | null;
}

const ru = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '');

/** The ministry's report (XLSX, in Russian) and each person's iCalendar feed. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly clock: Clock,
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly roadmaps: RoadmapsService,
    private readonly access: AccessService,
    private readonly config: AppConfig,
  ) {}

  /** One row per activity and occurrence, ready for the official report on the roadmap's execution. */
  async exportXlsx(user: AuthUser, roadmapId: string): Promise<{ fileName: string; body: Buffer }> {
    const roadmap = await this.roadmaps.managed(user, roadmapId);
    const [{ tz, name: regionName }] = await this.manager.query(
      `SELECT tz, name FROM regions WHERE id = $1`,
      [roadmap.regionId],
    );
    const today = this.clock.today(tz);
    const rows: ExportRow[] = await this.manager.query(
      `SELECT a.ordinal, a.number, a.section, a.title, a.term_raw, a.result,
              (SELECT string_agg(org.name, '; ' ORDER BY ap.lead DESC, org.name) FROM activity_parts ap JOIN organizations org ON org.id = ap.organization_id WHERE ap.activity_id = a.id) AS responsible,
              (SELECT string_agg(DISTINCT u.full_name, ', ') FROM activity_executors e JOIN users u ON u.id = e.user_id WHERE e.activity_id = a.id) AS executors,
              o.id AS occurrence_id, o.seq, o.label, o.baseline_due::text AS baseline_due, o.due::text AS due, o.rework_due::text AS rework_due,
              o.status, o.overdue, o.outcome, o.outcome_reason, o.delay_note, o.first_submitted_on::text AS first_submitted_on,
              o.last_submitted_on::text AS last_submitted_on,
              (SELECT string_agg(concat_ws(' ', CASE WHEN ev.document_number IS NOT NULL THEN '№ ' || ev.document_number END,
                                           CASE WHEN ev.document_date IS NOT NULL THEN 'от ' || to_char(ev.document_date, 'DD.MM.YYYY') END,
                                           '(' || (SELECT string_agg(f.file_name, ', ') FROM evidence_files f WHERE f.evidence_id = ev.id) || ')'), '; ')
                 FROM evidence ev WHERE ev.occurrence_id = o.id AND ev.state = 'accepted') AS documents,
              (SELECT v.comment FROM reviews v WHERE v.occurrence_id = o.id AND v.state = 'accepted' ORDER BY v.created_at DESC LIMIT 1) AS review_comment
         FROM activities a LEFT JOIN occurrences o ON o.activity_id = a.id
        WHERE a.roadmap_id = $1 ORDER BY a.ordinal, o.seq`,
      [roadmapId],
    );

    const book = new ExcelJS.Workbook();
    book.creator = 'Karta';
    book.created = new Date();
    const sheet = book.addWorksheet('Исполнение', {
      views: [{ state: 'frozen', ySplit: 4 }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    });
    const columns = [
      { header: '№ п/п', key: 'number', width: 8 },
      { header: 'Направление (раздел)', key: 'section', width: 28 },
      { header: 'Наименование мероприятия', key: 'title', width: 50 },
      { header: 'Ответственные', key: 'responsible', width: 30 },
      { header: 'Исполнители', key: 'executors', width: 24 },
      { header: 'Срок (по документу)', key: 'term', width: 18 },
      { header: 'Плановый срок', key: 'baseline', width: 13 },
      { header: 'Утверждённый срок', key: 'due', width: 13 },
      { header: 'Ожидаемый результат', key: 'result', width: 30 },
      { header: 'Статус', key: 'status', width: 18 },
      { header: 'Просрочено', key: 'overdue', width: 11 },
      { header: 'Дата отчёта', key: 'reported', width: 12 },
      { header: 'Итог исполнения', key: 'outcome', width: 22 },
      { header: 'Причина (нарушение срока / невыполнение)', key: 'reason', width: 34 },
      { header: 'Подтверждающие документы', key: 'documents', width: 34 },
      { header: 'Комментарий куратора', key: 'comment', width: 30 },
    ];
    sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }));
    sheet.mergeCells(1, 1, 1, columns.length);
    sheet.getCell(1, 1).value = `Отчёт об исполнении: ${roadmap.title}`;
    sheet.getCell(1, 1).font = { bold: true, size: 13 };
    sheet.getCell(1, 1).alignment = { wrapText: true };
    sheet.getRow(1).height = 36;
    sheet.mergeCells(2, 1, 2, columns.length);
    const approved = roadmap.approved
      ? `Утверждена ${roadmap.approved.by ?? ''}${roadmap.approved.date ? ` от ${ru(roadmap.approved.date)}` : ''}${roadmap.approved.number ? ` № ${roadmap.approved.number}` : ''}. `
      : '';
    sheet.getCell(2, 1).value = `${regionName}. ${approved}По состоянию на ${ru(today)}.`;
    const header = sheet.getRow(4);
    columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = {
        top: { style: 'thin' },
        bottom: { style: 'thin' },
        left: { style: 'thin' },
        right: { style: 'thin' },
      };
    });

    for (const r of rows) {
      const late = r.status
        ? r.overdue || isOverdue({ status: r.status, due: r.due!, reworkDue: r.rework_due }, today)
        : false;
      const row = sheet.addRow({
        number: r.number ?? String(r.ordinal + 1),
        section: r.section?.join(' / ') ?? '',
        title: r.label ? `${r.title} (${r.label})` : r.title,
        responsible: r.responsible ?? '',
        executors: r.executors ?? '',
        term: r.term_raw,
        baseline: ru(r.baseline_due),
        due: r.occurrence_id ? ru(r.due) : 'даты не установлены',
        result: r.result ?? '',
        status: r.status ? OCCURRENCE_STATUS_LABELS[r.status] : 'Ожидает дат',
        overdue: late ? 'да' : 'нет',
        reported: ru(r.last_submitted_on),
        outcome: r.outcome ?? (r.status && late ? 'не выполнено (срок истёк)' : ''),
        reason: r.outcome_reason ?? r.delay_note ?? '',
        documents: r.documents ?? '',
        comment: r.review_comment ?? '',
      });
      row.alignment = { wrapText: true, vertical: 'top' };
      if (late) row.getCell('overdue').font = { color: { argb: 'FFC00000' }, bold: true };
    }
    sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4, column: columns.length } };
    const body = Buffer.from(await book.xlsx.writeBuffer());
    return { fileName: `Исполнение дорожной карты ${today}.xlsx`, body };
  }

  async calendarLink(user: AuthUser, rotate = false) {
    let token: string;
    if (rotate) {
      token = randomToken(32);
      await this.manager.update(User, { id: user.id }, { calendarToken: token });
    } else {
      const row = await this.manager
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.calendarToken')
        .where('u.id = :id', { id: user.id })
        .getOneOrFail();
      token = row.calendarToken;
    }
    return { url: `${this.config.publicUrl}/api/calendar/${token}.ics` };
  }

  /** The personal feed: every active due date of the person (and of whom he deputises for today). */
  async calendar(token: string): Promise<string> {
    const user = await this.manager
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.calendarToken')
      .where('u.calendarToken = :token AND u.active', { token })
      .getOne();
    if (!user) throw notFound('calendar_not_found', 'Календарь не найден');
    const scope = await this.access.scopeFor({ id: user.id, email: user.email, fullName: user.fullName });
    const rows: Array<{
      id: string;
      number: string | null;
      title: string;
      due: string;
      rework_due: string | null;
      status: OccurrenceStatus;
      result: string | null;
      label: string | null;
      roadmap: string;
    }> = await this.manager.query(
      `SELECT DISTINCT o.id, a.number, a.title, o.due::text AS due, o.rework_due::text AS rework_due, o.status, a.result, o.label, r.title AS roadmap
           FROM occurrences o JOIN activities a ON a.id = o.activity_id JOIN roadmaps r ON r.id = o.roadmap_id AND r.status = 'active'
           LEFT JOIN activity_executors e ON e.activity_id = a.id
           LEFT JOIN activity_parts p ON p.activity_id = a.id
          WHERE o.status IN ('planned', 'open', 'submitted', 'returned')
            AND (e.user_id = ANY($1::uuid[]) OR p.organization_id = ANY($2::uuid[]))
          ORDER BY 4`,
      [[...scope.actingFor], [...scope.headOrgs]],
    );
    const events: EventAttributes[] = rows.map((r) => {
      const day = r.status === 'returned' && r.rework_due ? r.rework_due : r.due;
      const [y, m, d] = day.split('-').map(Number);
      const [y2, m2, d2] = addDays(day, 1).split('-').map(Number);
      return {
        uid: `occurrence-${r.id}@karta`,
        start: [y, m, d],
        end: [y2, m2, d2],
        title: `Срок: ${r.number ? `${r.number} ` : ''}${r.title}`.slice(0, 250),
        description: [
          r.roadmap,
          r.label,
          r.result ? `Результат: ${r.result}` : null,
          r.status === 'returned' ? 'Возвращено на доработку' : null,
        ]
          .filter(Boolean)
          .join('\n'),
        url: `${this.config.publicUrl}/api/occurrences/${r.id}`,
        categories: ['Karta'],
        productId: 'karta/ics',
        calName: `Karta: сроки — ${user.fullName}`,
      };
    });
    if (events.length === 0) {
      return [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:karta/ics',
        `X-WR-CALNAME:Karta: сроки — ${user.fullName}`,
        'END:VCALENDAR',
        '',
      ].join('\r\n');
    }
    const { error, value } = createEvents(events);
    if (error || !value) throw error ?? new Error('ics generation failed');
    return value;
  }
}
