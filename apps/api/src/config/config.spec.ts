import { ConfigError, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://karta:karta@127.0.0.1:5433/karta' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('fills development defaults around DATABASE_URL', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      temporal: { address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'karta' },
      mail: { smtpUrl: 'smtp://127.0.0.1:1025', catcher: { port: 1025 } },
      publicUrl: 'http://localhost:3000',
    });
  });

  it('uses a real relay and no catcher when SMTP_URL is set', () => {
    const config = loadConfig({ ...base, SMTP_URL: 'smtp://mail:25', SMTP_CATCHER_PORT: '2525' });
    expect(config.mail.smtpUrl).toBe('smtp://mail:25');
    expect(config.mail.catcher).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    const found = problems({
      PORT: 'eighty',
      TEMPORAL_ADDRESS: 'temporal',
      LOG_LEVEL: 'loud',
      SMTP_URL: 'http://x',
    });
    expect(found).toEqual([
      expect.stringContaining('PORT'),
      expect.stringContaining('SMTP_URL'),
      expect.stringContaining('LOG_LEVEL'),
      expect.stringContaining('DATABASE_URL'),
      expect.stringContaining('TEMPORAL_ADDRESS'),
    ]);
  });

  it('demands a relay and a real secret in production', () => {
    const found = problems({ ...base, NODE_ENV: 'production', JWT_SECRET: 'short' });
    expect(found).toEqual([
      expect.stringContaining('SMTP_URL is required'),
      expect.stringContaining('JWT_SECRET'),
    ]);
    expect(problems({ ...base, NODE_ENV: 'production', SMTP_URL: 'smtp://relay:25' })).toEqual([
      'JWT_SECRET is required',
    ]);
  });

  it('says what to fix in the message', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL is required[\s\S]*\.env\.example/);
  });
});
