import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { AccessScope, Role } from '@karta/domain';
import { OrganizationRepository } from '@karta/persistence';
import type { AuthUser } from './auth-user';
import { Clock } from './clock';

/** A person's reach: his own, plus what he holds today as someone's deputy (audited as "on behalf of"). */
export interface ActorScope extends AccessScope {
  own: AccessScope;
  delegations: Array<{ userId: string; scope: AccessScope }>;
}

interface AssignmentRow {
  user_id: string;
  role: Role;
  organization_id: string;
  region_id: string;
}

@Injectable()
export class AccessService {
  private readonly cache = new WeakMap<AuthUser, Promise<ActorScope>>();

  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly clock: Clock,
  ) {}

  /** Computed once per request (the AuthUser object lives as long as the request). */
  scopeFor(user: AuthUser): Promise<ActorScope> {
    let scope = this.cache.get(user);
    if (!scope) {
      scope = this.compute(user.id);
      this.cache.set(user, scope);
    }
    return scope;
  }

  /**
   * Whom the actor acts for when `allowed` holds: himself (null) when his own rights suffice, else the
   * person he deputises for whose rights do. Undefined when neither allows it.
   */
  actingFor(scope: ActorScope, allowed: (s: AccessScope) => boolean): string | null | undefined {
    if (allowed(scope.own)) return null;
    return scope.delegations.find((d) => allowed(d.scope))?.userId;
  }

  private async compute(userId: string): Promise<ActorScope> {
    // A stand-in period is counted in the days of the region the absent person works in; periods a day
    // either side of today's UTC date cover every zone, so older ones are not read on every request.
    const stands: Array<{ user_id: string; from: string; to: string; tz: string }> = await this.manager.query(
      `SELECT DISTINCT d.user_id, d."from"::text AS "from", d."to"::text AS "to", r.tz
         FROM deputies d JOIN users u ON u.id = d.user_id
         JOIN role_assignments ra ON ra.user_id = d.user_id
         JOIN organizations o ON o.id = ra.organization_id JOIN regions r ON r.id = o.region_id
        WHERE d.deputy_id = $1 AND u.active
          AND d."from" <= $2::date + 1 AND d."to" >= $2::date - 1`,
      [userId, this.clock.today('UTC')],
    );
    const principals = [
      ...new Set(
        stands
          .filter((d) => {
            const today = this.clock.today(d.tz);
            return d.from <= today && today <= d.to;
          })
          .map((d) => d.user_id),
      ),
    ].map((user_id) => ({ user_id }));
    const ids = [userId, ...principals.map((p) => p.user_id)];
    const rows: AssignmentRow[] = await this.manager.query(
      `SELECT ra.user_id, ra.role, ra.organization_id, o.region_id
         FROM role_assignments ra JOIN organizations o ON o.id = ra.organization_id
        WHERE ra.user_id = ANY($1::uuid[])`,
      [ids],
    );
    const orgs = new OrganizationRepository(this.manager);
    const build = async (id: string): Promise<AccessScope> => {
      const mine = rows.filter((r) => r.user_id === id);
      const headRoots = mine.filter((r) => r.role === 'head').map((r) => r.organization_id);
      return {
        userId: id,
        actingFor: new Set([id]),
        admin: mine.some((r) => r.role === 'admin'),
        curatorRegions: new Set(mine.filter((r) => r.role === 'curator').map((r) => r.region_id)),
        headOrgs: new Set(await orgs.subtreeIds(headRoots)),
        executorOrgs: new Set(mine.filter((r) => r.role === 'executor').map((r) => r.organization_id)),
        regions: new Set(mine.map((r) => r.region_id)),
      };
    };
    const own = await build(userId);
    // Administration is never delegated: a deputy takes over someone's items, not his right to manage Karta.
    const delegations = await Promise.all(
      principals.map(async (p) => ({
        userId: p.user_id,
        scope: { ...(await build(p.user_id)), admin: false },
      })),
    );
    const all = [own, ...delegations.map((d) => d.scope)];
    const union = <T>(pick: (s: AccessScope) => ReadonlySet<T>) => new Set(all.flatMap((s) => [...pick(s)]));
    return {
      userId,
      actingFor: union((s) => s.actingFor),
      admin: all.some((s) => s.admin),
      curatorRegions: union((s) => s.curatorRegions),
      headOrgs: union((s) => s.headOrgs),
      executorOrgs: union((s) => s.executorOrgs),
      regions: union((s) => s.regions),
      own,
      delegations,
    };
  }
}
