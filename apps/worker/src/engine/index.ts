/**
 * The engine's composition: configuration → data source → adapters → `createActivities(deps)`.
 * main.ts calls `composeEngine`; tests build the same adapters around their own database and SMTP.
 */
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../../libs/persistence/src/data-source';
import { ActivityDeps } from '../../../../activities/src/activities';
import { WorkerConfig } from '../config';
import { NodemailerMailer } from './nodemailer-mailer';
import { PgDirectory } from './pg-directory';
import { PgOutbox } from './pg-outbox';
import { PgProjection } from './pg-projection';

export { ensureDigestSchedule, digestScheduleOptions } from './schedules';
export { NodemailerMailer } from './nodemailer-mailer';
export { PgDirectory } from './pg-directory';
export { PgOutbox } from './pg-outbox';
export { PgProjection } from './pg-projection';

export interface Engine {
  deps: ActivityDeps;
  close(): Promise<void>;
}

/** The adapters over an initialised data source and an SMTP URL. */
export function engineDeps(
  dataSource: DataSource,
  smtpUrl: string,
  from: string,
  publicUrl: string,
): ActivityDeps & { mailer: NodemailerMailer } {
  const directory = new PgDirectory(dataSource);
  return {
    mailer: new NodemailerMailer(smtpUrl, from),
    outbox: new PgOutbox(dataSource),
    projection: new PgProjection(dataSource),
    directory,
    digests: directory,
    publicUrl,
  };
}

/**
 * Builds the engine when the worker has a database and SMTP; undefined otherwise (the worker then runs
 * only what needs neither, and says so). Migrations are the API's: the worker only connects.
 */
export async function composeEngine(
  config: Pick<WorkerConfig, 'databaseUrl' | 'mail' | 'publicUrl'>,
): Promise<Engine | undefined> {
  if (!config.databaseUrl || !config.mail.smtpUrl) return undefined;
  const dataSource = new DataSource(
    dataSourceOptions(config.databaseUrl, { extra: { max: 30, connectionTimeoutMillis: 5_000 } }),
  );
  await dataSource.initialize();
  const deps = engineDeps(dataSource, config.mail.smtpUrl, config.mail.from, config.publicUrl);
  return {
    deps,
    close: async () => {
      deps.mailer.close();
      await dataSource.destroy();
    },
  };
}
