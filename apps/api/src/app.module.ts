import { DynamicModule, Module, RequestMethod, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { dataSourceOptions } from '@karta/persistence';
import { AppConfig, AppConfigModule } from './config';
import { ControlPlaneModule } from './control-plane.module';
import { DevModule } from './dev/dev.module';
import { HealthModule } from './health/health.module';
import { TemporalModule } from './temporal/temporal.module';

/** The control plane's feature modules: add yours here. */
const featureModules: Type[] = [ControlPlaneModule];

/** Infrastructure every feature relies on: config, logs, database (migrated at boot), Temporal client. */
function infrastructure(config: AppConfig) {
  return [
    AppConfigModule.forRoot(config),
    LoggerModule.forRoot({
      // Nest 11 route syntax; nestjs-pino's default '*' draws a LegacyRouteConverter warning at boot.
      forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
      pinoHttp: {
        level: config.logLevel,
        base: { service: 'api' },
        redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        autoLogging: { ignore: (req) => /^\/(api\/)?health/.test(req.url ?? '') },
      },
    }),
    TypeOrmModule.forRoot({
      ...dataSourceOptions(config.databaseUrl),
      migrationsRun: true,
      migrationsTransactionMode: 'each',
      retryAttempts: 5,
      retryDelay: 1_000,
    }),
    TemporalModule,
    HealthModule,
    DevModule,
  ];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [...infrastructure(config), ...featureModules] };
  }
}
