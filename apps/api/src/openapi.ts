import { INestApplication, RequestMethod } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Every route lives under /api; the health probe is also served at /health, outside the prefix. */
export function useApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'api/health', method: RequestMethod.GET },
    ],
  });
}

/** The OpenAPI document served at /api/docs (JSON at /api/docs-json); openapi.spec.ts checks it. */
export function createOpenApiDocument(app: INestApplication, serverUrl: string): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Karta API')
      .setDescription('Control plane of Karta: roadmaps, activities, terms, reviews.')
      .setVersion('0.1.0')
      .addServer(serverUrl)
      .addBearerAuth()
      .build(),
  );
}
