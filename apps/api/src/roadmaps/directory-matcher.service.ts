import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AssignmentKind,
  AssignmentStatus,
  isConfident,
  isPositionTitle,
  OrgCandidate,
  PersonCandidate,
  suggestOrganizations,
  suggestPeople,
  Suggestion,
} from '@karta/domain';

export interface RegionDirectory {
  organizations: OrgCandidate[];
  people: Array<PersonCandidate & { organizationIds: string[] }>;
}

export interface MatchedAssignment {
  kind: AssignmentKind;
  position: number;
  raw: string;
  status: AssignmentStatus;
  organizationId: string | null;
  userId: string | null;
  suggestions: Suggestion[];
  lead: boolean;
}

/** Matches an activity's responsible and executor strings against the region's directory. */
@Injectable()
export class DirectoryMatcher {
  async load(manager: EntityManager, regionId: string): Promise<RegionDirectory> {
    const organizations: Array<{ id: string; name: string; short_name: string | null; aliases: string[] }> =
      await manager.query(`SELECT id, name, short_name, aliases FROM organizations WHERE region_id = $1`, [
        regionId,
      ]);
    const people: Array<{ id: string; full_name: string; org_ids: string[] }> = await manager.query(
      `SELECT u.id, u.full_name, array_agg(DISTINCT ra.organization_id) AS org_ids
         FROM users u JOIN role_assignments ra ON ra.user_id = u.id JOIN organizations o ON o.id = ra.organization_id
        WHERE o.region_id = $1 AND u.active GROUP BY u.id, u.full_name`,
      [regionId],
    );
    return {
      organizations: organizations.map((o) => ({
        id: o.id,
        name: o.name,
        shortName: o.short_name,
        aliases: o.aliases,
      })),
      people: people.map((p) => ({ id: p.id, fullName: p.full_name, organizationIds: p.org_ids })),
    };
  }

  match(
    directory: RegionDirectory,
    responsible: readonly string[],
    executors: readonly string[],
  ): MatchedAssignment[] {
    const out: MatchedAssignment[] = [];
    let leadChosen = false;
    responsible.forEach((raw, position) => {
      const suggestions = suggestOrganizations(raw, directory.organizations);
      const confident = isConfident(suggestions);
      const lead = confident && !leadChosen;
      if (lead) leadChosen = true;
      out.push({
        kind: 'responsible',
        position,
        raw,
        status: confident ? 'resolved' : suggestions.length ? 'suggested' : 'unresolved',
        organizationId: confident ? suggestions[0].id : null,
        userId: null,
        suggestions,
        lead,
      });
    });
    const leadOrg = out.find((a) => a.lead)?.organizationId ?? null;
    const responsibleOrgs = out.filter((a) => a.organizationId).map((a) => a.organizationId!);
    executors.forEach((raw, position) => {
      if (isPositionTitle(raw) && !/\p{Lu}\.\s*\p{Lu}?\.?$/u.test(raw)) {
        // A position: the head of the (lead) responsible organization does it.
        out.push({
          kind: 'executor',
          position,
          raw,
          status: leadOrg ? 'resolved' : 'unresolved',
          organizationId: leadOrg,
          userId: null,
          suggestions: [],
          lead: false,
        });
        return;
      }
      const suggestions = suggestPeople(raw, directory.people);
      const confident = isConfident(suggestions);
      const person = confident ? directory.people.find((p) => p.id === suggestions[0].id) : undefined;
      out.push({
        kind: 'executor',
        position,
        raw,
        status: confident ? 'resolved' : suggestions.length ? 'suggested' : 'unresolved',
        organizationId: person
          ? (person.organizationIds.find((o) => responsibleOrgs.includes(o)) ??
            leadOrg ??
            person.organizationIds[0])
          : null,
        userId: person?.id ?? null,
        suggestions,
        lead: false,
      });
    });
    return out;
  }
}
