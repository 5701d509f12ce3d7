import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser } from './auth-user';
import { JwtAuthGuard } from './jwt-auth.guard';

/** The route needs `Authorization: Bearer <token>`; object-level rules are checked in the services. */
export const Auth = () =>
  applyDecorators(
    UseGuards(JwtAuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      description: 'Нет или просрочен токен',
      example: {
        statusCode: 401,
        message: 'Требуется вход: токен отсутствует или просрочен',
        error: 'Unauthorized',
      },
    }),
    ApiForbiddenResponse({
      description: 'Нет прав на объект',
      example: { statusCode: 403, code: 'forbidden', message: 'Недостаточно прав для этого действия' },
    }),
  );

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user,
);
