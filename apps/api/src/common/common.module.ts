import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '@karta/persistence';
import { AppConfig } from '../config';
import { AccessService } from './access.service';
import { AuditService } from './audit.service';
import { Clock } from './clock';
import { DomainExceptionFilter } from './domain-exception.filter';
import { JwtAuthGuard } from './jwt-auth.guard';
import { Mailer } from './mailer';
import { UploadLimitFilter } from './upload-exception.filter';

/** What every feature module uses (besides the global AppConfig): clock, access scope, audit, the JWT guard, domain error mapping. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User]),
    JwtModule.registerAsync({
      global: true,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { expiresIn: config.jwtTtlSeconds, issuer: 'karta' },
        verifyOptions: { issuer: 'karta' },
      }),
    }),
  ],
  providers: [
    { provide: APP_FILTER, useClass: DomainExceptionFilter },
    { provide: APP_FILTER, useClass: UploadLimitFilter },
    Clock,
    AccessService,
    AuditService,
    JwtAuthGuard,
    Mailer,
  ],
  exports: [Clock, AccessService, AuditService, JwtAuthGuard, Mailer, TypeOrmModule],
})
export class CommonModule {}
