export { busyPorts, canConnect, freePort, freePorts, isPortFree, type NamedPort } from './ports';
export { isAlive, killGroup, ServiceProcess, spawnService, type SpawnServiceOptions } from './process';
export { postgresBinaries, startPostgres, type PostgresOptions, type RunningPostgres } from './postgres';
export { type CaughtMail, SmtpCatcher, type SmtpCatcherOptions } from './smtp-catcher';
export {
  findTemporalCli,
  findTemporalTestServer,
  REPO_ROOT,
  startTemporalDevServer,
  waitForTemporal,
  type RunningTemporal,
  type TemporalDevServerOptions,
} from './temporal';
export { type HealthReport, sleep, waitFor, waitForHealth, type WaitOptions } from './wait';
