import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth.decorators';
import type { AuthUser } from '../common/auth-user';
import { AcceptInviteDto, LoginDto, MeDto, TokenDto } from './auth.dto';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({ summary: 'Log in with email and password; answers a JWT for `Authorization: Bearer`' })
  @ApiOkResponse({ type: TokenDto })
  @ApiUnauthorizedResponse({
    schema: { example: { statusCode: 401, message: 'Неверный адрес электронной почты или пароль' } },
  })
  @ApiTooManyRequestsResponse({ description: 'Rate-limited per address and email' })
  login(@Body() dto: LoginDto): Promise<TokenDto> {
    return this.auth.login(dto);
  }

  @Post('invitations/accept')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({ summary: 'Set a password with the token from an invitation email; answers a JWT' })
  @ApiOkResponse({ type: TokenDto })
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
