import { EntityManager } from 'typeorm';
import type { Blocker } from '@karta/domain';
import type { ActivityAssignment } from '@karta/persistence';
import type { Participants, Person } from '../../../../workflows/src/messages';

export interface PlannedPart {
  organizationId: string;
  name: string;
  lead: boolean;
  executors: Person[];
  heads: Person[];
}

interface PersonRow {
  id: string;
  email: string;
  full_name: string;
}

const person = (r: PersonRow): Person => ({ userId: r.id, email: r.email, name: r.full_name });

/**
 * Who does an activity once launched: its resolved responsible organizations (one is the lead), each with
 * its executors — named people, or the organization's heads where the document names a position
 * (`Ректор`) or nobody — and the region's curators.
 */
export class ParticipantsPlanner {
  private heads = new Map<string, Person[]>();
  private people = new Map<string, Person>();
  private orgNames = new Map<string, string>();
  private curators: Person[] = [];

  private constructor(private readonly regionId: string) {}

  static async load(manager: EntityManager, regionId: string): Promise<ParticipantsPlanner> {
    const planner = new ParticipantsPlanner(regionId);
    const orgs: Array<{ id: string; name: string }> = await manager.query(
      `SELECT id, name FROM organizations WHERE region_id = $1`,
      [regionId],
    );
    orgs.forEach((o) => planner.orgNames.set(o.id, o.name));
    const rows: Array<PersonRow & { role: string; organization_id: string }> = await manager.query(
      `SELECT u.id, u.email, u.full_name, ra.role, ra.organization_id FROM role_assignments ra
         JOIN users u ON u.id = ra.user_id JOIN organizations o ON o.id = ra.organization_id
        WHERE o.region_id = $1 AND u.active ORDER BY u.full_name`,
      [regionId],
    );
    for (const r of rows) {
      planner.people.set(r.id, person(r));
      if (r.role === 'head')
        planner.heads.set(r.organization_id, [...(planner.heads.get(r.organization_id) ?? []), person(r)]);
      if (r.role === 'curator' && !planner.curators.some((c) => c.userId === r.id))
        planner.curators.push(person(r));
    }
    return planner;
  }

  /** Adds people from outside the region's assignments (e.g. a reassigned executor) by id. */
  async ensurePeople(manager: EntityManager, ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !this.people.has(id));
    if (!missing.length) return;
    const rows: PersonRow[] = await manager.query(
      `SELECT id, email, full_name FROM users WHERE id = ANY($1::uuid[])`,
      [missing],
    );
    rows.forEach((r) => this.people.set(r.id, person(r)));
  }

  parts(assignments: readonly ActivityAssignment[]): PlannedPart[] {
    const responsible = assignments.filter(
      (a) => a.kind === 'responsible' && a.status === 'resolved' && a.organizationId,
    );
    const orgIds = [...new Set(responsible.map((a) => a.organizationId!))];
    const leadId = responsible.find((a) => a.lead)?.organizationId ?? orgIds[0];
    const parts = orgIds.map<PlannedPart>((id) => ({
      organizationId: id,
      name: this.orgNames.get(id) ?? id,
      lead: id === leadId,
      executors: [],
      heads: this.heads.get(id) ?? [],
    }));
    const partOf = (orgId: string | null) =>
      parts.find((p) => p.organizationId === orgId) ?? parts.find((p) => p.lead);
    const add = (part: PlannedPart | undefined, people: Person[]) => {
      if (!part) return;
      for (const p of people) if (!part.executors.some((e) => e.userId === p.userId)) part.executors.push(p);
    };
    for (const a of assignments) {
      if (a.kind !== 'executor' || a.status !== 'resolved') continue;
      if (a.userId)
        add(partOf(a.organizationId), this.people.has(a.userId) ? [this.people.get(a.userId)!] : []);
      else if (a.organizationId) add(partOf(a.organizationId), this.heads.get(a.organizationId) ?? []);
    }
    for (const part of parts) if (part.executors.length === 0) add(part, part.heads);
    return parts;
  }

  participants(parts: PlannedPart[]): Participants {
    return { organizations: parts, curators: this.curators };
  }

  /** Blockers only the directory can tell: a part nobody can do. */
  blockers(activity: { id: string; number: string | null; title: string }, parts: PlannedPart[]): Blocker[] {
    return parts
      .filter((p) => p.executors.length === 0)
      .map((p) => ({
        kind: 'no_executor' as Blocker['kind'],
        activityId: activity.id,
        number: activity.number,
        ref: p.organizationId,
        message: `${activity.number ? `№ ${activity.number}` : `«${activity.title.slice(0, 60)}»`}: у организации «${p.name}» нет ни исполнителя, ни руководителя в справочнике`,
      }));
  }

  get curatorCount(): number {
    return this.curators.length;
  }

  get region(): string {
    return this.regionId;
  }
}
