import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApi, TestApi } from './support/api';

describe('API against real PostgreSQL and Temporal', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api?.close());

  it.each(['/health', '/api/health'])('%s reports postgres, temporal and smtp up', async (url) => {
    const response = await request(api.server).get(url).expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      details: { postgres: { status: 'up' }, temporal: { status: 'up' }, smtp: { status: 'up' } },
    });
  });

  it('ran the migrations at boot', async () => {
    const dataSource = api.app.get(DataSource);
    expect(dataSource.isInitialized).toBe(true);
    expect(await dataSource.showMigrations()).toBe(false); // nothing pending
    const [{ exists }] = await dataSource.query(
      `SELECT to_regclass('public.migrations') IS NOT NULL AS exists`,
    );
    expect(exists).toBe(true);
  });

  it('serves OpenAPI at /api/docs and its JSON at /api/docs-json', async () => {
    await request(api.server).get('/api/docs').expect(200).expect('content-type', /html/);
    const spec = await request(api.server).get('/api/docs-json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/dev/mailbox']));
  });

  it('keeps everything else under /api', async () => {
    await request(api.server).get('/dev/mailbox').expect(404);
    await request(api.server).get('/api/dev/mailbox').expect(200);
  });

  it('rejects query parameters nobody declared (global ValidationPipe)', async () => {
    const response = await request(api.server).get('/api/dev/mailbox?unknown=1').expect(400);
    expect(JSON.stringify(response.body.message)).toContain('unknown');
  });

  it('reports an unreachable dependency as 503 with the reason', async () => {
    const broken = await startTestApi({ SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      const response = await request(broken.server).get('/health').expect(503);
      expect(response.body.details.smtp).toMatchObject({ status: 'down' });
      expect(response.body.details.postgres).toMatchObject({ status: 'up' });
      await request(broken.server).get('/api/dev/mailbox').expect(404);
    } finally {
      await broken.close();
    }
  });
});
