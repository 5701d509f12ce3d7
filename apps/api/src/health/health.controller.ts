import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SmtpHealthIndicator } from './smtp.health';
import { TemporalHealthIndicator } from './temporal.health';

const UP = {
  postgres: { status: 'up' },
  temporal: { status: 'up', address: 'localhost:7233', namespace: 'default' },
  smtp: { status: 'up', url: 'smtp://127.0.0.1:1025', catcher: true },
};

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
  // What our three indicators report (terminus's own generic schemas are switched off below).
  @ApiOkResponse({
    description: 'Everything is reachable',
    example: { status: 'ok', info: UP, error: {}, details: UP },
  })
  @ApiServiceUnavailableResponse({
    description: 'Something is down; `error` says what and why',
    example: {
      status: 'error',
      info: { postgres: UP.postgres, smtp: UP.smtp },
      error: {
        temporal: {
          status: 'down',
          address: 'localhost:7233',
          namespace: 'default',
          message: 'no answer from localhost:7233',
        },
      },
      details: {
        ...UP,
        temporal: {
          status: 'down',
          address: 'localhost:7233',
          namespace: 'default',
          message: 'no answer from localhost:7233',
        },
      },
    },
  })
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'PostgreSQL, Temporal and SMTP reachability; 503 when any is down' })
  check() {
    return this.health.check([
      () => this.postgres.pingCheck('postgres', { timeout: 2_000 }),
      () => this.temporal.check('temporal'),
      () => this.smtp.check('smtp'),
    ]);
  }
}
