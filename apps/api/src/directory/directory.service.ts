import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import {
  assert,
  canManageDirectory,
  canReadDirectory,
  conflict,
  invalid,
  isValidTimeZone,
  notFound,
} from '@karta/domain';
import {
  Deputy,
  Organization,
  OrganizationRepository,
  Region,
  RoleAssignment,
  User,
} from '@karta/persistence';
import { randomToken, sha256Hex } from '../auth/passwords';
import { AccessService } from '../common/access.service';
import { AppConfig } from '../config';
import { AuditService } from '../common/audit.service';
import type { AuthUser } from '../common/auth-user';
import { Mailer } from '../common/mailer';
import {
  CreateDeputyDto,
  CreateOrganizationDto,
  CreateRegionDto,
  CreateUserDto,
  RoleInputDto,
  UpdateOrganizationDto,
  UpdateUserDto,
} from './directory.dto';

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

/** The directory: regions, organizations (a tree with aliases), people and their roles, deputies, invitations. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  async regions(user: AuthUser) {
    const scope = await this.access.scopeFor(user);
    return scope.admin
      ? this.manager.find(Region, { order: { name: 'ASC' } })
      : this.manager.find(Region, { where: { id: In([...scope.regions]) }, order: { name: 'ASC' } });
  }

  async createRegion(user: AuthUser, dto: CreateRegionDto) {
    const scope = await this.access.scopeFor(user);
    assert(scope.admin, 'Регионы заводит администратор');
    if (!isValidTimeZone(dto.tz))
      throw invalid('bad_tz', 'tz: должно быть часовым поясом IANA, например Europe/Moscow', { field: 'tz' });
    if (await this.manager.exists(Region, { where: { code: dto.code } }))
      throw conflict('region_exists', `Регион с кодом ${dto.code} уже есть`);
    const region = await this.manager.save(this.manager.create(Region, dto));
    await this.audit.record({
      actorId: user.id,
      action: 'region.created',
      entityType: 'region',
      entityId: region.id,
      regionId: region.id,
      after: dto,
    });
    return region;
  }

  async organizations(user: AuthUser, regionId: string) {
    assert(
      canReadDirectory(await this.access.scopeFor(user), regionId),
      'Справочник другого региона: нет доступа',
    );
    return this.manager.find(Organization, { where: { regionId }, order: { name: 'ASC' } });
  }

  async createOrganization(
    user: AuthUser,
    dto: CreateOrganizationDto,
    manager: EntityManager = this.manager,
  ) {
    assert(
      canManageDirectory(await this.access.scopeFor(user), dto.regionId),
      'Справочник ведут кураторы региона и администраторы',
    );
    if (!(await manager.exists(Region, { where: { id: dto.regionId } })))
      throw invalid('region_not_found', 'Регион не найден', { field: 'regionId' });
    if (dto.parentId) await this.orgInRegion(manager, dto.parentId, dto.regionId, 'parentId');
    const org = await manager.save(
      manager.create(Organization, {
        regionId: dto.regionId,
        kind: dto.kind,
        name: dto.name.trim(),
        shortName: dto.shortName?.trim() || null,
        aliases: cleanAliases(dto.aliases),
        parentId: dto.parentId ?? null,
      }),
    );
    await this.audit.record(
      {
        actorId: user.id,
        action: 'organization.created',
        entityType: 'organization',
        entityId: org.id,
        regionId: org.regionId,
        after: org,
      },
      manager,
    );
    return org;
  }

  async updateOrganization(user: AuthUser, id: string, dto: UpdateOrganizationDto) {
    const org = await this.manager.findOne(Organization, { where: { id } });
    if (!org) throw notFound('organization_not_found', 'Организация не найдена');
    assert(
      canManageDirectory(await this.access.scopeFor(user), org.regionId),
      'Справочник ведут кураторы региона и администраторы',
    );
    if (dto.regionId && dto.regionId !== org.regionId)
      throw invalid('region_immutable', 'Организацию нельзя перенести в другой регион', {
        field: 'regionId',
      });
    if (dto.parentId) {
      await this.orgInRegion(this.manager, dto.parentId, org.regionId, 'parentId');
      if (await new OrganizationRepository(this.manager).wouldCycle(id, dto.parentId)) {
        throw invalid('parent_cycle', 'Вышестоящей не может быть сама организация или подведомственная ей', {
          field: 'parentId',
        });
      }
    }
    const before = { ...org };
    Object.assign(org, {
      ...(dto.kind ? { kind: dto.kind } : {}),
      ...(dto.name ? { name: dto.name.trim() } : {}),
      ...(dto.shortName !== undefined ? { shortName: dto.shortName?.trim() || null } : {}),
      ...(dto.aliases ? { aliases: cleanAliases(dto.aliases) } : {}),
      ...(dto.parentId !== undefined ? { parentId: dto.parentId } : {}),
    });
    await this.manager.save(org);
    await this.audit.record({
      actorId: user.id,
      action: 'organization.updated',
      entityType: 'organization',
      entityId: id,
      regionId: org.regionId,
      before,
      after: org,
    });
    return org;
  }

  async users(user: AuthUser, regionId: string) {
    assert(
      canReadDirectory(await this.access.scopeFor(user), regionId),
      'Справочник другого региона: нет доступа',
    );
    const rows: Array<{
      id: string;
      email: string;
      full_name: string;
      position: string | null;
      active: boolean;
      roles: unknown;
    }> = await this.manager.query(
      `SELECT u.id, u.email, u.full_name, u.position, u.active,
              json_agg(json_build_object('id', ra.id, 'role', ra.role, 'organizationId', ra.organization_id, 'organizationName', o.name) ORDER BY o.name) AS roles
         FROM users u JOIN role_assignments ra ON ra.user_id = u.id JOIN organizations o ON o.id = ra.organization_id
        WHERE o.region_id = $1 GROUP BY u.id ORDER BY u.full_name`,
      [regionId],
    );
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      fullName: r.full_name,
      position: r.position,
      active: r.active,
      roles: r.roles,
    }));
  }

  async createUser(user: AuthUser, dto: CreateUserDto, manager: EntityManager = this.manager) {
    const roles = dto.roles ?? [];
    if (!roles.length)
      throw invalid('roles_required', 'Укажите хотя бы одну роль в организации (roles)', { field: 'roles' });
    for (const r of roles) await this.checkRoleGrant(user, manager, r);
    if (await manager.exists(User, { where: { email: dto.email } }))
      throw conflict('user_exists', `Пользователь ${dto.email} уже есть`);
    const saved = await manager.save(
      manager.create(User, {
        email: dto.email,
        fullName: dto.fullName.trim(),
        position: dto.position?.trim() || null,
        calendarToken: randomToken(32),
        passwordHash: null,
      }),
    );
    await manager.insert(
      RoleAssignment,
      roles.map((r) => ({ userId: saved.id, organizationId: r.organizationId, role: r.role })),
    );
    const regionId = (await manager.findOneByOrFail(Organization, { id: roles[0].organizationId })).regionId;
    await this.audit.record(
      {
        actorId: user.id,
        action: 'user.created',
        entityType: 'user',
        entityId: saved.id,
        regionId,
        after: { email: saved.email, fullName: saved.fullName, roles },
      },
      manager,
    );
    const invitation = dto.invite ? await this.sendInvite(saved, manager) : null;
    return {
      id: saved.id,
      email: saved.email,
      fullName: saved.fullName,
      position: saved.position,
      roles,
      invited: !!invitation,
    };
  }

  async updateUser(user: AuthUser, id: string, dto: UpdateUserDto) {
    const target = await this.manageableUser(user, id);
    const before = { fullName: target.fullName, position: target.position, active: target.active };
    Object.assign(target, {
      ...(dto.fullName ? { fullName: dto.fullName.trim() } : {}),
      ...(dto.position !== undefined ? { position: dto.position?.trim() || null } : {}),
      ...(dto.active !== undefined ? { active: dto.active } : {}),
    });
    await this.manager.save(target);
    await this.audit.record({
      actorId: user.id,
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      before,
      after: dto,
    });
    return {
      id,
      email: target.email,
      fullName: target.fullName,
      position: target.position,
      active: target.active,
    };
  }

  async addRole(user: AuthUser, id: string, dto: RoleInputDto) {
    await this.checkRoleGrant(user, this.manager, dto);
    if (!(await this.manager.exists(User, { where: { id } })))
      throw notFound('user_not_found', 'Пользователь не найден');
    if (
      await this.manager.exists(RoleAssignment, {
        where: { userId: id, organizationId: dto.organizationId, role: dto.role },
      })
    )
      throw conflict('role_exists', 'Такая роль уже назначена');
    const saved = await this.manager.save(this.manager.create(RoleAssignment, { userId: id, ...dto }));
    await this.audit.record({
      actorId: user.id,
      action: 'role.granted',
      entityType: 'user',
      entityId: id,
      after: dto,
    });
    return saved;
  }

  async removeRole(user: AuthUser, id: string, roleId: string) {
    const role = await this.manager.findOne(RoleAssignment, { where: { id: roleId, userId: id } });
    if (!role) throw notFound('role_not_found', 'Роль не найдена');
    await this.checkRoleGrant(user, this.manager, role);
    await this.manager.delete(RoleAssignment, { id: roleId });
    await this.audit.record({
      actorId: user.id,
      action: 'role.revoked',
      entityType: 'user',
      entityId: id,
      before: { role: role.role, organizationId: role.organizationId },
    });
  }

  async invite(user: AuthUser, id: string) {
    const target = await this.manageableUser(user, id);
    await this.sendInvite(target, this.manager);
    await this.audit.record({
      actorId: user.id,
      action: 'user.invited',
      entityType: 'user',
      entityId: id,
      after: { email: target.email },
    });
    return { invited: true, email: target.email };
  }

  private async sendInvite(target: User, manager: EntityManager) {
    const token = randomToken(32);
    await manager.update(
      User,
      { id: target.id },
      { inviteTokenHash: sha256Hex(token), inviteExpiresAt: new Date(Date.now() + INVITE_TTL_MS) },
    );
    const link = `${this.config.publicUrl}/invite?token=${token}`;
    await this.mailer.send({
      to: target.email,
      subject: 'Приглашение в Karta',
      text: `Здравствуйте, ${target.fullName}!\n\nВас пригласили в систему Karta — исполнение дорожных карт.\nЗадайте пароль по ссылке (действует 7 дней):\n${link}\n\nИли через API: POST /api/auth/invitations/accept {"token": "${token}", "password": "…"}\n`,
    });
    return { token };
  }

  async deputies(user: AuthUser, id: string) {
    await this.canEditDeputies(user, id);
    return this.manager.query(
      `SELECT d.id, d.deputy_id AS "deputyId", u.full_name AS "deputyName", d."from"::text AS "from", d."to"::text AS "to", d.reason
         FROM deputies d JOIN users u ON u.id = d.deputy_id WHERE d.user_id = $1 ORDER BY d."from" DESC`,
      [id],
    );
  }

  async addDeputy(user: AuthUser, id: string, dto: CreateDeputyDto) {
    await this.canEditDeputies(user, id);
    if (dto.deputyId === id)
      throw invalid('self_deputy', 'Нельзя назначить заместителем самого себя', { field: 'deputyId' });
    if (dto.from > dto.to) throw invalid('bad_range', 'Дата начала позже даты окончания', { field: 'from' });
    if (!(await this.manager.exists(User, { where: { id: dto.deputyId, active: true } })))
      throw invalid('user_not_found', 'Заместитель не найден', { field: 'deputyId' });
    const [{ shared }] = await this.manager.query(
      `SELECT EXISTS (
         SELECT 1 FROM role_assignments a JOIN organizations oa ON oa.id = a.organization_id
           JOIN role_assignments b ON b.user_id = $2 JOIN organizations ob ON ob.id = b.organization_id
          WHERE a.user_id = $1 AND oa.region_id = ob.region_id) AS shared`,
      [id, dto.deputyId],
    );
    if (!shared)
      throw invalid('deputy_other_region', 'Заместитель должен работать в том же регионе', {
        field: 'deputyId',
      });
    const saved = await this.manager.save(
      this.manager.create(Deputy, {
        userId: id,
        deputyId: dto.deputyId,
        from: dto.from,
        to: dto.to,
        reason: dto.reason ?? null,
      }),
    );
    await this.audit.record({
      actorId: user.id,
      action: 'deputy.assigned',
      entityType: 'user',
      entityId: id,
      after: { deputyId: dto.deputyId, from: dto.from, to: dto.to, reason: dto.reason ?? null },
    });
    return saved;
  }

  async removeDeputy(user: AuthUser, id: string, deputyRowId: string) {
    await this.canEditDeputies(user, id);
    const row = await this.manager.findOne(Deputy, { where: { id: deputyRowId, userId: id } });
    if (!row) throw notFound('deputy_not_found', 'Замещение не найдено');
    await this.manager.delete(Deputy, { id: deputyRowId });
    await this.audit.record({
      actorId: user.id,
      action: 'deputy.removed',
      entityType: 'user',
      entityId: id,
      before: row,
    });
  }

  /** A person names his own deputy; his head, his region's curators and admins may too (an admin's: admins only). */
  private async canEditDeputies(user: AuthUser, id: string): Promise<void> {
    if (user.id === id) return;
    const scope = await this.access.scopeFor(user);
    const orgs: Array<{ organization_id: string; region_id: string; role: string }> =
      await this.manager.query(
        `SELECT ra.organization_id, o.region_id, ra.role FROM role_assignments ra JOIN organizations o ON o.id = ra.organization_id WHERE ra.user_id = $1`,
        [id],
      );
    if (orgs.some((o) => o.role === 'admin'))
      assert(scope.own.admin, 'Заместителя администратора назначает только администратор');
    assert(
      scope.own.admin ||
        orgs.some((o) => scope.curatorRegions.has(o.region_id) || scope.headOrgs.has(o.organization_id)),
      'Заместителя назначает сам сотрудник, его руководитель или куратор',
    );
  }

  private async manageableUser(user: AuthUser, id: string): Promise<User> {
    const target = await this.manager.findOne(User, { where: { id } });
    if (!target) throw notFound('user_not_found', 'Пользователь не найден');
    const scope = await this.access.scopeFor(user);
    const regions: Array<{ region_id: string }> = await this.manager.query(
      `SELECT DISTINCT o.region_id FROM role_assignments ra JOIN organizations o ON o.id = ra.organization_id WHERE ra.user_id = $1`,
      [id],
    );
    assert(
      scope.admin || regions.some((r) => canManageDirectory(scope, r.region_id)),
      'Сотрудниками управляют кураторы региона и администраторы',
    );
    return target;
  }

  /** Curators grant roles in their region's organizations; only admins grant `admin` (and `curator` outside their region is impossible). */
  private async checkRoleGrant(
    user: AuthUser,
    manager: EntityManager,
    role: { organizationId: string; role: string },
  ): Promise<void> {
    const org = await manager.findOne(Organization, { where: { id: role.organizationId } });
    if (!org) throw invalid('organization_not_found', 'Организация не найдена', { field: 'organizationId' });
    const scope = await this.access.scopeFor(user);
    assert(
      canManageDirectory(scope, org.regionId),
      'Назначать роли можно только в организациях своего региона',
    );
    if (role.role === 'admin') assert(scope.admin, 'Роль администратора назначает администратор');
  }

  private async orgInRegion(
    manager: EntityManager,
    id: string,
    regionId: string,
    field: string,
  ): Promise<void> {
    if (!(await manager.exists(Organization, { where: { id, regionId } })))
      throw invalid('organization_not_in_region', 'Организация не найдена в этом регионе', { field });
  }
}

function cleanAliases(aliases?: string[]): string[] {
  return [...new Set((aliases ?? []).map((a) => a.trim()).filter(Boolean))];
}
