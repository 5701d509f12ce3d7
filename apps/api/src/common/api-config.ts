import { ENGINE_TASK_QUEUE } from '../../../../workflows/src/messages';
import { AppConfig } from '../config';

/**
 * Settings of the control-plane features that the foundation's AppConfig does not carry (yet), parsed once
 * at boot with the same rules: a bad value stops the API with its name.
 */
export class FeatureConfig {
  readonly jwtTtlSeconds!: number;
  readonly loginRateLimit!: { limit: number; ttlMs: number };
  readonly upload!: { maxFileBytes: number; maxFiles: number; maxRoadmapBytes: number };
  readonly storage!:
    | { driver: 'local'; dir: string }
    | {
        driver: 's3';
        bucket: string;
        region: string;
        endpoint?: string;
        accessKeyId?: string;
        secretAccessKey?: string;
        forcePathStyle: boolean;
        prefix: string;
      };
  /** Where links in emails and the calendar feed point. */
  readonly publicUrl!: string;
  readonly demoPassword!: string;
  /** The task queue the execution engine's worker polls (messages.ts ENGINE_TASK_QUEUE unless set). */
  readonly engineTaskQueue!: string;
  /** How long an HTTP request waits for the workflow to accept a human action before answering 202. */
  readonly workflowWaitMs!: number;
}

export function loadFeatureConfig(
  app: AppConfig,
  env: Record<string, string | undefined> = process.env,
): FeatureConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      problems.push(`${name} must be an integer ${min}..${max} (got '${raw}')`);
    return n;
  };
  const driver = (env.STORAGE_DRIVER?.trim() || 'local') as 'local' | 's3';
  if (driver !== 'local' && driver !== 's3')
    problems.push(`STORAGE_DRIVER must be local or s3 (got '${driver}')`);
  if (driver === 's3' && !env.S3_BUCKET?.trim())
    problems.push('S3_BUCKET is required when STORAGE_DRIVER=s3');
  const config: FeatureConfig = {
    jwtTtlSeconds: int('JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    loginRateLimit: { limit: int('LOGIN_RATE_LIMIT', 10, 1, 10_000), ttlMs: 60_000 },
    upload: {
      maxFileBytes: int('UPLOAD_MAX_FILE_MB', 20, 1, 1024) * 1024 * 1024,
      maxFiles: int('UPLOAD_MAX_FILES', 10, 1, 100),
      maxRoadmapBytes: int('ROADMAP_MAX_MB', 25, 1, 200) * 1024 * 1024,
    },
    storage:
      driver === 's3'
        ? {
            driver: 's3',
            bucket: env.S3_BUCKET?.trim() ?? '',
            region: env.S3_REGION?.trim() || 'us-east-1',
            endpoint: env.S3_ENDPOINT?.trim() || undefined,
            accessKeyId: env.S3_ACCESS_KEY_ID?.trim() || undefined,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY?.trim() || undefined,
            forcePathStyle: (env.S3_FORCE_PATH_STYLE ?? 'true') !== 'false',
            prefix: env.S3_PREFIX?.trim() ?? '',
          }
        : { driver: 'local', dir: app.storageDir },
    publicUrl: app.publicUrl.replace(/\/$/, ''),
    demoPassword: env.DEMO_PASSWORD?.trim() || 'karta-demo-2024',
    engineTaskQueue: env.ENGINE_TASK_QUEUE?.trim() || ENGINE_TASK_QUEUE,
    workflowWaitMs: int('WORKFLOW_WAIT_SECONDS', 20, 1, 300) * 1000,
  };
  if (problems.length) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return Object.freeze(config);
}
