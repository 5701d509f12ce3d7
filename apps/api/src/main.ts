import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  // Started by `karta dev` with an IPC channel: when the supervisor goes away, close instead of lingering.
  if (process.send) {
    process.channel?.unref();
    process.once('disconnect', () => void app.close().finally(() => process.exit(0)));
  }
  await app.listen(config.port, config.host);
  app
    .get(Logger)
    .log(`API listening on ${config.host}:${config.port} (docs at ${config.publicUrl}/api/docs)`);
}

main().catch((err: unknown) => {
  const detail =
    err instanceof ConfigError
      ? err.message
      : err instanceof Error
        ? (err.stack ?? err.message)
        : String(err);
  process.stderr.write(`karta api: failed to start: ${detail}\n`);
  process.exit(1);
});
