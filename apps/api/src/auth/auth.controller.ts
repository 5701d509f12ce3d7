import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiInvalid, problem } from '../common/api-docs';
import { Auth, CurrentUser } from '../common/auth.decorators';
import type { AuthUser } from '../common/auth-user';
import { AcceptInviteDto, LoginDto, MeDto, TokenDto } from './auth.dto';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

const TOO_MANY = {
  description: 'Rate-limited per client address and email (or invitation token)',
  example: { statusCode: 429, message: 'Слишком много попыток входа: повторите через 60 с' },
};

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({ summary: 'Log in with email and password; answers a JWT for `Authorization: Bearer`' })
  @ApiOkResponse({ type: TokenDto })
  @ApiInvalid(
    { field: 'email', constraint: 'isEmail', message: 'должно быть адресом электронной почты' },
    { field: 'password', constraint: 'minLength', message: 'слишком короткое (минимум 1 симв.)' },
  )
  @ApiUnauthorizedResponse({
    example: {
      statusCode: 401,
      message: 'Неверный адрес электронной почты или пароль',
      error: 'Unauthorized',
    },
  })
  @ApiTooManyRequestsResponse(TOO_MANY)
  login(@Body() dto: LoginDto): Promise<TokenDto> {
    return this.auth.login(dto);
  }

  @Post('invitations/accept')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({ summary: 'Set a password with the token from an invitation email; answers a JWT' })
  @ApiOkResponse({ type: TokenDto })
  @ApiInvalid(
    { field: 'password', constraint: 'minLength', message: 'слишком короткое (минимум 10 симв.)' },
    problem('invite_invalid', 'Приглашение недействительно или истекло', 'token'),
  )
  @ApiTooManyRequestsResponse(TOO_MANY)
  acceptInvite(@Body() dto: AcceptInviteDto): Promise<TokenDto> {
    return this.auth.acceptInvite(dto);
  }

  @Get('me')
  @Auth()
  @ApiOperation({ summary: 'The logged-in person, his roles and whom he deputises for today' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.auth.me(user);
  }
}
