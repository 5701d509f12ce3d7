import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '../config';

/** The API's one Temporal connection. Lazy, so the API boots (and reports unhealthy) while Temporal is down. */
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => Connection.lazy({ address: config.temporal.address }),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, AppConfig],
      useFactory: (connection: Connection, config: AppConfig) =>
        new Client({ connection, namespace: config.temporal.namespace }),
    },
  ],
  exports: [TEMPORAL_CONNECTION, Client],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
