import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (f: AppConfig) => [
        // One secret guessed from one address (the guard keys it by address and email or token)…
        { name: 'login', ttl: f.loginRateLimit.ttlMs, limit: f.loginRateLimit.limit },
        // …and one password sprayed over many accounts from one address.
        {
          name: 'address',
          ttl: f.loginRateLimit.ttlMs,
          limit: f.loginRateLimit.limit * 5,
          getTracker: (req: { ip?: string }) => `address|${req.ip}`,
        },
      ],
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottlerGuard],
})
export class AuthModule {}
