/** The worker's configuration, parsed once at boot; same variable names as the API (see .env.example). */
export interface WorkerConfig {
  temporal: { address: string; namespace: string; taskQueue: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  /** Unset in `karta dev` only if the worker never needs the database; the API owns migrations. */
  databaseUrl?: string;
  mail: { smtpUrl?: string; from: string };
  /** Base URL of the web app, for links in emails (`PUBLIC_URL`). */
  publicUrl: string;
  /** Create or update the hourly digest Schedule on boot (`DIGEST_SCHEDULE`, default on). */
  digestSchedule: boolean;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const problems: string[] = [];
  const get = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);

  const address = get('TEMPORAL_ADDRESS') ?? '127.0.0.1:7233';
  if (!/^[^\s:/]+:\d{1,5}$/.test(address))
    problems.push(`TEMPORAL_ADDRESS must be host:port (got '${address}')`);
  const logLevel = (get('LOG_LEVEL') ?? 'info') as WorkerConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const smtpUrl = get('SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://');
  const databaseUrl = get('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must start with postgres://');

  const publicUrl = (get('PUBLIC_URL') ?? 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(publicUrl)) problems.push(`PUBLIC_URL must be an http(s) URL (got '${publicUrl}')`);
  const digest = (get('DIGEST_SCHEDULE') ?? 'on').toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(digest))
    problems.push(`DIGEST_SCHEDULE must be on or off (got '${digest}')`);

  if (problems.length) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return {
    temporal: {
      address,
      namespace: get('TEMPORAL_NAMESPACE') ?? 'default',
      taskQueue: get('TEMPORAL_TASK_QUEUE') ?? 'karta',
    },
    logLevel,
    databaseUrl,
    mail: { smtpUrl, from: get('MAIL_FROM') ?? 'Karta <karta@localhost>' },
    publicUrl,
    digestSchedule: ['on', 'true', '1'].includes(digest),
  };
}
