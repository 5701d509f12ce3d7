import * as path from 'node:path';
import type { S3Options } from '../storage/s3.storage';
import { DEFAULT_WEB_DIST } from '../web/serve-web';

/**
 * The API's whole configuration, parsed once from the environment at boot. Inject `AppConfig` anywhere;
 * every variable is documented in README.md and .env.example.
 */
export class AppConfig {
  readonly nodeEnv!: 'development' | 'test' | 'production';
  readonly host!: string;
  readonly port!: number;
  readonly publicUrl!: string;
  readonly logLevel!: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly databaseUrl!: string;
  readonly temporal!: { address: string; namespace: string; taskQueue: string };
  readonly mail!: {
    /** Where mail is sent: SMTP_URL, or the in-process catcher when SMTP_URL is unset. */
    smtpUrl: string;
    from: string;
    /** Set when SMTP_URL is unset: the API runs a catching SMTP server and serves it at /api/dev/mailbox. */
    catcher?: { host: string; port: number; file: string };
  };
  readonly jwtSecret!: string;
  readonly dataDir!: string;
  readonly storageDir!: string;
  /** The built web app the API serves at `/` when it exists (development, single-host installs). */
  readonly webDist!: string;
  readonly jwtTtlSeconds!: number;
  /** Login attempts per minute per client address and email. */
  readonly loginRateLimit!: { limit: number; ttlMs: number };
  readonly upload!: { maxFileBytes: number; maxFiles: number; maxRoadmapBytes: number };
  /** Where evidence files are kept: under STORAGE_DIR, or an S3-compatible bucket. */
  readonly storage!: { driver: 'local'; dir: string } | ({ driver: 's3' } & S3Options);
  readonly demoPassword!: string;
  /** How long an HTTP request waits for the workflow to accept a human action before answering 202. */
  readonly workflowWaitMs!: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'test', 'production'] as const;
const DEV_JWT_SECRET = 'karta-development-secret-change-me-in-production';

/** Parses and validates `env`; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new Reader(env, problems);

  const nodeEnv = read.oneOf('NODE_ENV', NODE_ENVS, 'development');
  const production = nodeEnv === 'production';
  const port = read.port('PORT', 3000);
  const host = read.string('HOST', '0.0.0.0');
  const dataDir = path.resolve(read.string('DATA_DIR', '.data'));
  const smtpUrl = read.url('SMTP_URL', ['smtp:', 'smtps:'], production ? 'required' : 'optional');
  const catcherPort = read.port('SMTP_CATCHER_PORT', 1025);
  const jwtSecret = read.string('JWT_SECRET', production ? undefined : DEV_JWT_SECRET);
  if (jwtSecret && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters long');

  const storageDir = path.resolve(read.string('STORAGE_DIR', path.join(dataDir, 'storage')));
  const config: AppConfig = {
    nodeEnv,
    host,
    port,
    publicUrl: (read.url('PUBLIC_URL', ['http:', 'https:'], 'optional') ?? `http://localhost:${port}`).replace(
      /\/+$/,
      '',
    ),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:'], 'required') ?? '',
    temporal: {
      address: read.hostPort('TEMPORAL_ADDRESS', '127.0.0.1:7233'),
      namespace: read.string('TEMPORAL_NAMESPACE', 'default'),
      taskQueue: read.string('TEMPORAL_TASK_QUEUE', 'karta'),
    },
    mail: {
      smtpUrl: smtpUrl ?? `smtp://127.0.0.1:${catcherPort}`,
      from: read.string('MAIL_FROM', 'Karta <karta@localhost>'),
      catcher: smtpUrl
        ? undefined
        : {
            host: '127.0.0.1',
            port: catcherPort,
            file: path.resolve(read.string('MAILBOX_FILE', path.join(dataDir, 'mailbox', 'messages.jsonl'))),
          },
    },
    jwtSecret,
    dataDir,
    storageDir,
    webDist: path.resolve(read.string('WEB_DIST', DEFAULT_WEB_DIST)),
    jwtTtlSeconds: read.int('JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    loginRateLimit: { limit: read.int('LOGIN_RATE_LIMIT', 10, 1, 10_000), ttlMs: 60_000 },
    upload: {
      maxFileBytes: read.int('UPLOAD_MAX_FILE_MB', 20, 1, 1024) * 1024 * 1024,
      maxFiles: read.int('UPLOAD_MAX_FILES', 10, 1, 100),
      maxRoadmapBytes: read.int('ROADMAP_MAX_MB', 25, 1, 200) * 1024 * 1024,
    },
    storage:
      read.oneOf('STORAGE_DRIVER', ['local', 's3'] as const, 'local') === 's3'
        ? {
            driver: 's3',
            bucket: read.string('S3_BUCKET'),
            region: read.string('S3_REGION', 'us-east-1'),
            endpoint: read.optional('S3_ENDPOINT'),
            accessKeyId: read.optional('S3_ACCESS_KEY_ID'),
            secretAccessKey: read.optional('S3_SECRET_ACCESS_KEY'),
            forcePathStyle: read.optional('S3_FORCE_PATH_STYLE') !== 'false',
            prefix: read.string('S3_PREFIX', ''),
          }
        : { driver: 'local', dir: storageDir },
    demoPassword: read.string('DEMO_PASSWORD', 'karta-demo-2024'),
    workflowWaitMs: read.int('WORKFLOW_WAIT_SECONDS', 20, 1, 300) * 1000,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

class Reader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer ${min}..${max} (got '${value}')`);
      return fallback;
    }
    return n;
  }

  string(name: string, fallback?: string): string {
    const value = this.raw(name) ?? fallback;
    if (value === undefined) {
      this.problems.push(`${name} is required`);
      return '';
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name) ?? fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got '${value}')`);
      return fallback;
    }
    return value as T;
  }

  port(name: string, fallback: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      this.problems.push(`${name} must be a TCP port 1-65535 (got '${value}')`);
      return fallback;
    }
    return n;
  }

  hostPort(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    if (!/^[^\s:/]+:\d{1,5}$/.test(value)) {
      this.problems.push(`${name} must be host:port, e.g. 127.0.0.1:7233 (got '${value}')`);
    }
    return value;
  }

  url(name: string, protocols: string[], presence: 'required' | 'optional'): string | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      if (presence === 'required') this.problems.push(`${name} is required (${protocols[0]}//…)`);
      return undefined;
    }
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      }
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return value;
  }
}
