import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from '@karta/persistence';
import type { AuthUser } from './auth-user';

const UNAUTHORIZED = 'Требуется вход: токен отсутствует или просрочен';

/** Verifies the Bearer JWT and that its user still exists and is active. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest();
    const [scheme, token] = String(req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException(UNAUTHORIZED);
    let payload: { sub?: string };
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch {
      throw new UnauthorizedException(UNAUTHORIZED);
    }
    const user = payload.sub ? await this.users.findOne({ where: { id: payload.sub, active: true } }) : null;
    if (!user) throw new UnauthorizedException(UNAUTHORIZED);
    req.user = { id: user.id, email: user.email, fullName: user.fullName } satisfies AuthUser;
    return true;
  }
}
