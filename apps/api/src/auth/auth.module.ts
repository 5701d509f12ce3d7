import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { FeatureConfig } from '../common/api-config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [FeatureConfig],
      useFactory: (f: FeatureConfig) => [
        { name: 'login', ttl: f.loginRateLimit.ttlMs, limit: f.loginRateLimit.limit },
      ],
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottlerGuard],
})
export class AuthModule {}
