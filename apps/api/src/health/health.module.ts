import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { SmtpHealthIndicator } from './smtp.health';
import { TemporalHealthIndicator } from './temporal.health';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json', gracefulShutdownTimeoutMs: 0 })],
  controllers: [HealthController],
  providers: [TemporalHealthIndicator, SmtpHealthIndicator],
})
export class HealthModule {}
