import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const root = path.join(__dirname, '..');

interface Service {
  image?: string;
  build?: { target?: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  deploy?: { replicas?: number };
  healthcheck?: { test: string[] };
  profiles?: string[];
}

describe('docker-compose.yml (production topology)', () => {
  const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  };
  const { services } = compose;

  it('names every service of the topology', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'mailpit', 'postgres', 'temporal', 'temporal-ui', 'web', 'worker'].sort(),
    );
  });

  it('runs Temporal with PostgreSQL persistence', () => {
    expect(services.temporal.image).toMatch(/^temporalio\/auto-setup:/);
    expect(services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    expect(services['temporal-ui'].environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('runs the API and several workers from the one app image, configured like development', () => {
    expect(services.worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
    for (const name of ['api', 'worker']) {
      const service = services[name];
      expect(service.build?.target).toBe('app');
      expect(service.command?.join(' ')).toContain(`apps/${name}/src/main.ts`);
      expect(service.environment).toMatchObject({
        TEMPORAL_ADDRESS: 'temporal:7233',
        TEMPORAL_TASK_QUEUE: 'karta',
        NODE_ENV: 'production',
      });
      expect(service.environment?.DATABASE_URL).toMatch(/@postgres:5432\/karta$/);
      expect(service.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    }
    expect(services.api.healthcheck?.test.join(' ')).toContain('/health');
  });

  it('keeps Mailpit to the staging profile and every referenced stage in the Dockerfile', () => {
    expect(services.mailpit.profiles).toEqual(['staging']);
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    for (const service of Object.values(services)) {
      if (service.build?.target) expect(stages).toContain(service.build.target);
    }
  });

  it('documents every variable the apps read in .env.example', () => {
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    for (const name of Object.keys(services.api.environment ?? {})) {
      expect(example).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    }
  });
});
