import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SmtpHealthIndicator } from './smtp.health';
import { TemporalHealthIndicator } from './temporal.health';

/** Served at both /health (outside the /api prefix, for probes) and /api/health. */
@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly smtp: SmtpHealthIndicator,
  ) {}

  @Get(['health', 'api/health'])
  @HealthCheck()
  @ApiOperation({ summary: 'PostgreSQL, Temporal and SMTP reachability; 503 when any is down' })
  check() {
    return this.health.check([
      () => this.postgres.pingCheck('postgres', { timeout: 2_000 }),
      () => this.temporal.check('temporal'),
      () => this.smtp.check('smtp'),
    ]);
  }
}
