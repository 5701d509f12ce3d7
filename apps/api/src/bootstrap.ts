import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config';
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
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'api/health', method: RequestMethod.GET },
    ],
  });
  // Same options as before plus Russian messages with English field names (control plane, issue 6).
  app.useGlobalPipes(createValidationPipe());
  // The browser app at `/` (everything outside /api and /health), when it has been built.
  serveWeb(app, { dist: config.webDist });
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Karta API')
      .setDescription('Control plane of Karta: roadmaps, activities, terms, reviews.')
      .setVersion('0.1.0')
      .addServer(config.publicUrl)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
