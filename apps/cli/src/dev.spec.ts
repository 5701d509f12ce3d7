import * as path from 'node:path';
import { parseArgs, UsageError } from './dev';

describe('karta dev options', () => {
  it('defaults to the documented ports and .data, with PORT and DATA_DIR from the environment', () => {
    expect(parseArgs([], {})).toMatchObject({
      apiPort: 3000,
      temporalPort: 7233,
      uiPort: 8233,
      pgPort: 5433,
      smtpPort: 1025,
    });
    expect(parseArgs([], { PORT: '4000', DATA_DIR: '/srv/karta' })).toMatchObject({
      apiPort: 4000,
      dataDir: '/srv/karta',
    });
  });

  it('reads flags in both --flag value and --flag=value forms', () => {
    const options = parseArgs(
      ['--api-port', '3100', '--pg-port=5500', '--data-dir', 'tmp/x', '--logs', '--no-test-email'],
      {},
    );
    expect(options).toMatchObject({
      apiPort: 3100,
      pgPort: 5500,
      dataDir: path.resolve('tmp/x'),
      logs: true,
      testEmail: false,
      exitWhenReady: false,
    });
    expect(parseArgs(['--help'], {})).toBe('help');
  });

  it('rejects what it does not understand with a usage error', () => {
    expect(() => parseArgs(['--api-port', 'abc'], {})).toThrow(
      new UsageError('--api-port must be a port number'),
    );
    expect(() => parseArgs(['--smtp-port'], {})).toThrow('--smtp-port needs a value');
    expect(() => parseArgs(['--frobnicate'], {})).toThrow('unknown option --frobnicate');
  });
});
