/** Helpers for integration tests: where the shared stack is, and isolated databases on it. */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'TEST_DATABASE_URL is not set: run this test through jest (its globalSetup starts PostgreSQL)',
    );
  return url;
}

export function testTemporalAddress(): string {
  const address = process.env.TEST_TEMPORAL_ADDRESS;
  if (!address)
    throw new Error(
      'TEST_TEMPORAL_ADDRESS is not set: run this test through jest (its globalSetup starts Temporal)',
    );
  return address;
}

/** A unique name for task queues, workflow ids, databases. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server, so suites never see each other's rows or migrations. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const base = new URL(testDatabaseUrl());
  const name = uniqueName(prefix).toLowerCase();
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: base.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
