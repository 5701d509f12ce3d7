import { forbidden } from './errors';
import { Role } from './roles';

/**
 * What one authenticated person may reach, computed once per request by the API from the database:
 * role assignments (own and those delegated to him as a deputy for today) with heads' organizations
 * already expanded to their whole subtree. Every rule below is a pure function of this scope.
 */
export interface AccessScope {
  userId: string;
  /** Himself plus everyone whose deputy he is today: he acts on their items too. */
  actingFor: ReadonlySet<string>;
  admin: boolean;
  /** Regions where he is a curator (via an assignment in one of the region's organizations). */
  curatorRegions: ReadonlySet<string>;
  /** Organizations he heads, and all of their descendants. */
  headOrgs: ReadonlySet<string>;
  /** Organizations where he is an executor. */
  executorOrgs: ReadonlySet<string>;
  /** Regions he belongs to in any role (for reading the directory). */
  regions: ReadonlySet<string>;
}

/** Where an occurrence lives: its region, the organizations responsible for it, the people doing it. */
export interface OccurrenceScope {
  regionId: string;
  organizationIds: readonly string[];
  executorIds: readonly string[];
}

export const hasRole = (s: AccessScope, role: Role): boolean =>
  role === 'admin'
    ? s.admin
    : role === 'curator'
      ? s.curatorRegions.size > 0
      : role === 'head'
        ? s.headOrgs.size > 0
        : s.executorOrgs.size > 0 || s.actingFor.size > 0;

export const isCuratorOf = (s: AccessScope, regionId: string) => s.admin || s.curatorRegions.has(regionId);

export const headsAny = (s: AccessScope, orgIds: readonly string[]) =>
  orgIds.some((id) => s.headOrgs.has(id));

export const executes = (s: AccessScope, o: OccurrenceScope) =>
  o.executorIds.some((id) => s.actingFor.has(id));

export function canViewOccurrence(s: AccessScope, o: OccurrenceScope): boolean {
  return isCuratorOf(s, o.regionId) || headsAny(s, o.organizationIds) || executes(s, o);
}

/** Executors report their own items; a head may report for his organization's subtree. */
export function canSubmitEvidence(s: AccessScope, o: OccurrenceScope): boolean {
  return executes(s, o) || headsAny(s, o.organizationIds);
}

/** Only the ministry's curators of that region decide on reports (and admins, who manage everything). */
export function canReview(s: AccessScope, o: Pick<OccurrenceScope, 'regionId'>): boolean {
  return isCuratorOf(s, o.regionId);
}

export function canRequestDeadlineChange(s: AccessScope, o: OccurrenceScope): boolean {
  return executes(s, o) || headsAny(s, o.organizationIds) || isCuratorOf(s, o.regionId);
}

export function canReassign(s: AccessScope, o: OccurrenceScope): boolean {
  return headsAny(s, o.organizationIds) || isCuratorOf(s, o.regionId);
}

export function canWriteDelayNote(s: AccessScope, o: OccurrenceScope): boolean {
  return headsAny(s, o.organizationIds) || isCuratorOf(s, o.regionId);
}

export const canManageRoadmaps = (s: AccessScope, regionId: string) => isCuratorOf(s, regionId);

/** Curators manage the directory of their region; admins manage every region. */
export const canManageDirectory = (s: AccessScope, regionId: string) => isCuratorOf(s, regionId);

export const canReadDirectory = (s: AccessScope, regionId: string) => s.admin || s.regions.has(regionId);

export function assert(allowed: boolean, message = 'Недостаточно прав для этого действия'): void {
  if (!allowed) throw forbidden('forbidden', message);
}
