import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';
import { AppConfig } from '../config';
import { TEMPORAL_CONNECTION } from '../temporal/temporal.module';

/** Up when the Temporal frontend answers for our namespace within the timeout. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    private readonly config: AppConfig,
  ) {}

  async check(key: string, timeoutMs = 2_000) {
    const indicator = this.health.check(key);
    const { address, namespace } = this.config.temporal;
    try {
      await withTimeout(this.connection.ensureConnected(), timeoutMs, `no answer from ${address}`);
      await this.connection.withDeadline(Date.now() + timeoutMs, () =>
        this.connection.workflowService.describeNamespace({ namespace }),
      );
      return indicator.up({ address, namespace });
    } catch (err) {
      return indicator.down({
        address,
        namespace,
        message: err instanceof Error ? err.message : String(err),
      });
    }
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
