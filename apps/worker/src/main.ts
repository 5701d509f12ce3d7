import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, LogLevel, NativeConnection, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { loadWorkerConfig } from './config';
import { composeEngine, ensureDigestSchedule } from './engine';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const log = pino({ level: config.logLevel, base: { service: 'worker' } });
  // We own the signals (SIGINT/SIGTERM → worker.shutdown()), so the SDK installs no handlers of its own.
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(toSdkLevel(config.logLevel), ({ level, message, meta }) =>
      log[level.toLowerCase() as 'info'](meta ?? {}, message),
    ),
  });

  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const engine = await composeEngine(config);
  if (!engine)
    log.warn('DATABASE_URL or SMTP_URL is not set: execution workflows cannot run their activities');
  const worker = await createWorker({
    connection,
    config,
    deps: { now: () => new Date(), engine: engine?.deps },
    // notify holds an outbox row (one DB connection) while SMTP answers: keep below the engine's pool.
    overrides: engine ? { maxConcurrentActivityTaskExecutions: 25 } : undefined,
  });
  if (engine && config.digestSchedule) {
    const clientConnection = await Connection.connect({ address: config.temporal.address });
    try {
      await ensureDigestSchedule(
        new Client({ connection: clientConnection, namespace: config.temporal.namespace }),
        config.temporal.taskQueue,
      );
    } finally {
      await clientConnection.close();
    }
  }

  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'worker shutting down');
    worker.shutdown();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  // Started by `karta dev` with an IPC channel: when the supervisor goes away, stop instead of lingering.
  if (process.send) {
    process.channel?.unref();
    process.once('disconnect', () => shutdown('supervisor gone'));
  }

  log.info({ ...config.temporal }, 'worker polling');
  try {
    await worker.run();
  } finally {
    await connection.close();
    await engine?.close();
  }
  log.info('worker stopped');
}

function toSdkLevel(level: string): LogLevel {
  if (level === 'trace' || level === 'debug' || level === 'info' || level === 'warn')
    return level.toUpperCase() as LogLevel;
  return 'ERROR';
}

main().catch((err: unknown) => {
  process.stderr.write(`karta worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
