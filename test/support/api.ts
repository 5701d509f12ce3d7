/** Boots the real API (same createApp as production) against the test stack, for supertest. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { freePort } from '../../libs/devstack/src';
import { createApp } from '../../apps/api/src/bootstrap';
import { AppConfig, loadConfig } from '../../apps/api/src/config';
import { createTestDatabase, testTemporalAddress, TestDatabase } from '../../libs/devstack/src/testing';

export interface TestApi {
  app: NestExpressApplication;
  server: ReturnType<NestExpressApplication['getHttpServer']>;
  config: AppConfig;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * A fresh database (migrated at boot, as in production), the shared Temporal, an SMTP catcher on a free
 * port and a private data dir. `env` overrides any variable.
 */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const database = await createTestDatabase('api');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'karta-api-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: testTemporalAddress(),
    SMTP_CATCHER_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    // The API's own behaviour, whether or not apps/web has been built (the browser tests serve it).
    WEB_DIST: path.join(dataDir, 'no-web'),
    ...env,
  });
  const app = await createApp(config);
  await app.init();
  return {
    app,
    server: app.getHttpServer(),
    config,
    database,
    close: async () => {
      await app.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
