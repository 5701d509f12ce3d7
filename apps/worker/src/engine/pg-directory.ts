import { DataSource } from 'typeorm';
import type { DigestContent, DigestItem } from '../../../../workflows/src/activity-contract';
import type { Person } from '../../../../workflows/src/messages';
import { Directory, DigestRegion, DigestSource } from '../../../../activities/src/ports';
import { uuidOrNull } from './pg-outbox';

const OWED = `('planned','open','returned')`;

interface ItemRow {
  occurrence_id: string;
  activity_id: string;
  number: string | null;
  title: string;
  due: string;
  status: string;
  organization: string | null;
}

const STATUS_RU: Record<string, string> = {
  planned: 'запланировано',
  open: 'в работе',
  submitted: 'на проверке',
  returned: 'на доработке',
};

function toItem(r: ItemRow, overdue = false): DigestItem {
  return {
    title: r.number ? `${r.number} ${r.title}` : r.title,
    due: r.due,
    status: overdue ? 'просрочено' : (STATUS_RU[r.status] ?? r.status),
    ...(r.organization ? { organization: r.organization } : {}),
    occurrenceId: r.occurrence_id,
    activityId: r.activity_id,
  };
}

/** Deputies and digest contents, read from the control plane's tables (the queryable projection). */
export class PgDirectory implements Directory, DigestSource {
  constructor(private readonly dataSource: DataSource) {}

  async deputyOf(userId: string, date: string): Promise<Person | null> {
    if (!uuidOrNull(userId)) return null;
    const rows: Array<{ id: string; email: string; full_name: string }> = await this.dataSource.query(
      `SELECT u.id, u.email, u.full_name FROM deputies d JOIN users u ON u.id = d.deputy_id
        WHERE d.user_id = $1 AND d."from" <= $2::date AND d."to" >= $2::date AND u.active
        ORDER BY d.created_at DESC LIMIT 1`,
      [userId, date],
    );
    return rows[0] ? { userId: rows[0].id, email: rows[0].email, name: rows[0].full_name } : null;
  }

  async regions(): Promise<DigestRegion[]> {
    const rows: Array<{ id: string; tz: string }> = await this.dataSource.query(
      `SELECT id, tz FROM regions ORDER BY code`,
    );
    return rows.map((r) => ({ regionId: r.id, tz: r.tz }));
  }

  /** Everyone holding an executor, head or curator role in these regions; `digestFor` drops the empty ones. */
  async recipients(regionIds: string[]): Promise<string[]> {
    if (regionIds.length === 0) return [];
    const rows: Array<{ user_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT ra.user_id FROM role_assignments ra
         JOIN organizations o ON o.id = ra.organization_id
         JOIN users u ON u.id = ra.user_id AND u.active
        WHERE o.region_id = ANY($1::uuid[]) AND ra.role IN ('executor','head','curator')
        ORDER BY ra.user_id`,
      [regionIds],
    );
    return rows.map((r) => r.user_id);
  }

  async digestFor(
    userId: string,
    date: string,
  ): Promise<{ person: Person; tz: string; content: DigestContent } | null> {
    const users: Array<{ id: string; email: string; full_name: string; tz: string; region_id: string }> =
      await this.dataSource.query(
        `SELECT u.id, u.email, u.full_name, r.tz, r.id AS region_id FROM users u
         JOIN role_assignments ra ON ra.user_id = u.id
         JOIN organizations o ON o.id = ra.organization_id
         JOIN regions r ON r.id = o.region_id
        WHERE u.id = $1 AND u.active LIMIT 1`,
        [userId],
      );
    const user = users[0];
    if (!user) return null;
    const roles: Array<{ role: string; organization_id: string }> = await this.dataSource.query(
      `SELECT role, organization_id FROM role_assignments WHERE user_id = $1`,
      [userId],
    );
    const has = (role: string) => roles.some((r) => r.role === role);
    const sections: DigestContent['sections'] = [];
    const q = <T>(sql: string, params: unknown[]) => this.dataSource.query(sql, params) as Promise<T[]>;

    const itemColumns = `o.id AS occurrence_id, a.id AS activity_id, a.number, a.title, op.due::text AS due, op.status, org.name AS organization`;
    const fromParts = `FROM occurrence_parts op
        JOIN occurrences o ON o.id = op.occurrence_id
        JOIN activities a ON a.id = o.activity_id
        JOIN roadmaps rm ON rm.id = o.roadmap_id AND rm.status = 'active'
        JOIN organizations org ON org.id = op.organization_id`;

    const mine = await q<ItemRow>(
      `SELECT DISTINCT ${itemColumns} ${fromParts}
         JOIN activity_executors ae ON ae.activity_id = a.id AND ae.organization_id = op.organization_id AND ae.user_id = $1
        WHERE op.status IN ${OWED} AND (op.overdue OR op.due <= $2::date + 14)
        ORDER BY due`,
      [userId, date],
    );
    const mineOverdue = mine.filter((r) => r.due < date);
    const mineComing = mine.filter((r) => r.due >= date);
    if (mineOverdue.length)
      sections.push({ title: 'Ваши просроченные сроки', items: mineOverdue.map((r) => toItem(r, true)) });
    if (mineComing.length)
      sections.push({ title: 'Ваши сроки на ближайшие две недели', items: mineComing.map((r) => toItem(r)) });

    if (has('head')) {
      const orgs = roles.filter((r) => r.role === 'head').map((r) => r.organization_id);
      const overdue = await q<ItemRow>(
        `WITH RECURSIVE subtree AS (
           SELECT id FROM organizations WHERE id = ANY($1::uuid[])
           UNION SELECT c.id FROM organizations c JOIN subtree s ON c.parent_id = s.id)
         SELECT DISTINCT ${itemColumns} ${fromParts}
          WHERE op.organization_id IN (SELECT id FROM subtree) AND op.overdue AND op.status IN ${OWED}
          ORDER BY due`,
        [orgs],
      );
      if (overdue.length)
        sections.push({
          title: 'Просрочено в вашей организации',
          items: overdue.map((r) => toItem(r, true)),
        });
    }

    if (has('curator')) {
      const queue = await q<ItemRow>(
        `SELECT ${itemColumns.replace('op.due::text', 'o.due::text').replace('op.status', 'o.status')}
           FROM occurrences o
           JOIN activities a ON a.id = o.activity_id
           JOIN roadmaps rm ON rm.id = o.roadmap_id AND rm.status = 'active' AND rm.region_id = $1
           LEFT JOIN occurrence_parts op ON op.occurrence_id = o.id AND op.lead
           LEFT JOIN organizations org ON org.id = op.organization_id
          WHERE o.status = 'submitted'
          ORDER BY o.due`,
        [user.region_id],
      );
      if (queue.length) sections.push({ title: 'Отчёты на проверке', items: queue.map((r) => toItem(r)) });
      const missing: Array<{ id: string; number: string | null; title: string }> = await q(
        `SELECT a.id, a.number, a.title FROM activities a
           JOIN roadmaps rm ON rm.id = a.roadmap_id AND rm.status = 'active' AND rm.region_id = $1
          WHERE a.term_kind = 'external' AND a.cancelled_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM occurrences o WHERE o.activity_id = a.id AND o.status <> 'cancelled')
          ORDER BY a.ordinal`,
        [user.region_id],
      );
      if (missing.length) {
        sections.push({
          title: 'Не внесены даты внешнего графика',
          items: missing.map((a) => ({
            title: a.number ? `${a.number} ${a.title}` : a.title,
            activityId: a.id,
          })),
        });
      }
    }

    return {
      person: { userId: user.id, email: user.email, name: user.full_name },
      tz: user.tz,
      content: { date, sections },
    };
  }
}
