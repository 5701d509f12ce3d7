import { DataSource, DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

/** The one definition of how Karta talks to PostgreSQL; the API, the worker, the CLI and the tests all use it. */
export function dataSourceOptions(url: string, overrides: Partial<PostgresOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    extra: { max: 10, connectionTimeoutMillis: 5_000 },
    ...overrides,
  } as DataSourceOptions;
}

type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/** Connects and applies pending migrations; returns the initialised data source. */
export async function openDataSource(
  url: string,
  overrides: Partial<PostgresOptions> = {},
): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(url, overrides));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
