import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, MoreThan } from 'typeorm';
import { invalid } from '@karta/domain';
import { User } from '@karta/persistence';
import { AppConfig } from '../config';
import type { AuthUser } from '../common/auth-user';
import { AcceptInviteDto, LoginDto, MeDto, TokenDto } from './auth.dto';
import { hashPassword, sha256Hex, verifyPassword } from './passwords';
import { AccessService } from '../common/access.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly access: AccessService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    @InjectEntityManager() private readonly manager: EntityManager,
  ) {}

  async login(dto: LoginDto): Promise<TokenDto> {
    const user = await this.manager
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email AND u.active', { email: dto.email })
      .getOne();
    const ok = await verifyPassword(dto.password, user?.passwordHash ?? null);
    if (!user || !user.passwordHash || !ok)
      throw new UnauthorizedException('Неверный адрес электронной почты или пароль');
    return this.issue(user.id);
  }

  async acceptInvite(dto: AcceptInviteDto): Promise<TokenDto> {
    const users = this.manager.getRepository(User);
    const user = await users.findOne({
      where: { inviteTokenHash: sha256Hex(dto.token), inviteExpiresAt: MoreThan(new Date()), active: true },
    });
    if (!user) throw invalid('invite_invalid', 'Приглашение недействительно или истекло', { field: 'token' });
    await users.update(user.id, {
      passwordHash: await hashPassword(dto.password),
      inviteTokenHash: null,
      inviteExpiresAt: null,
    });
    return this.issue(user.id);
  }

  async me(user: AuthUser): Promise<MeDto> {
    const roles: Array<{ role: string; organization_id: string; name: string; region_id: string }> =
      await this.manager.query(
        `SELECT ra.role, ra.organization_id, o.name, o.region_id FROM role_assignments ra
         JOIN organizations o ON o.id = ra.organization_id WHERE ra.user_id = $1 ORDER BY ra.role, o.name`,
        [user.id],
      );
    const deputyFor: Array<{ user_id: string; full_name: string; from: string; to: string }> =
      await this.manager.query(
        `SELECT d.user_id, u.full_name, d."from"::text AS "from", d."to"::text AS "to" FROM deputies d JOIN users u ON u.id = d.user_id
        WHERE d.deputy_id = $1`,
        [user.id],
      );
    // The same rule as the access checks: a stand-in period counts in the absent person's region's days.
    const scope = await this.access.scopeFor(user);
    const current = deputyFor.filter((d) => scope.delegations.some((g) => g.userId === d.user_id));
    return {
      id: user.id,
      email: user.email,
      fullName: user.fullName,
      roles: roles.map((r) => ({
        role: r.role,
        organizationId: r.organization_id,
        organizationName: r.name,
        regionId: r.region_id,
      })),
      deputyFor: current.map((d) => ({ userId: d.user_id, fullName: d.full_name, from: d.from, to: d.to })),
    };
  }

  private async issue(userId: string): Promise<TokenDto> {
    return { token: await this.jwt.signAsync({ sub: userId }), expiresIn: this.config.jwtTtlSeconds };
  }
}
