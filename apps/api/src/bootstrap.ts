import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config';
import { createOpenApiDocument, useApiPrefix } from './openapi';
import { serveWeb } from './web/serve-web';

/** Builds the API exactly as production runs it; main.ts and the tests both call this. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
  });
  configureApp(app, config);
  return app;
}

/** Everything that is set on the application rather than in a module. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  app.useLogger(app.get(Logger));
  useApiPrefix(app);
  // Same options as before plus Russian messages with English field names (control plane, issue 6).
  app.useGlobalPipes(createValidationPipe());
  // The browser app at `/` (everything outside /api and /health), when it has been built.
  serveWeb(app, { dist: config.webDist });
  app.enableShutdownHooks();

  const document = createOpenApiDocument(app, config.publicUrl);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
