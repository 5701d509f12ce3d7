/**
 * Issue 6: "OpenAPI documents every route with examples." Builds the same document as /api/docs-json from
 * every controller under src (found by file name, so a new controller is checked too) with mocked
 * providers, and checks each operation: a documented 2xx answer with an example (or a binary schema),
 * examples on every documented error, and a 400 wherever the route takes a body.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INestApplication, Type } from '@nestjs/common';
import { CONTROLLER_WATERMARK, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { createOpenApiDocument, useApiPrefix } from './openapi';

type Schema = Record<string, unknown>;
type Operation = {
  operationId?: string;
  summary?: string;
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, { description?: string; content?: Record<string, Schema> }>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

function controllerFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return controllerFiles(full);
    return e.name.endsWith('.controller.ts') ? [full] : [];
  });
}

async function controllers(): Promise<Type[]> {
  const modules = await Promise.all(
    controllerFiles(__dirname).map((file) => import(file) as Promise<Record<string, unknown>>),
  );
  return modules.flatMap((m) =>
    Object.values(m).filter(
      (v): v is Type => typeof v === 'function' && Reflect.getMetadata(CONTROLLER_WATERMARK, v) === true,
    ),
  );
}

/** `Controller_method` of every route handler, as @nestjs/swagger names its operations. */
function handlers(types: Type[]): string[] {
  return types.flatMap((t) =>
    Object.getOwnPropertyNames(t.prototype)
      .filter((name) => {
        const fn = (t.prototype as Record<string, unknown>)[name];
        return (
          name !== 'constructor' &&
          typeof fn === 'function' &&
          Reflect.getMetadata(PATH_METADATA, fn) !== undefined &&
          Reflect.getMetadata(METHOD_METADATA, fn) !== undefined
        );
      })
      .map((name) => `${t.name}_${name}`),
  );
}

/** Whether a reader sees a concrete value: an example here, or on every leaf below (through $refs). */
function exemplified(doc: OpenAPIObject, node: unknown, seen = new Set<string>()): boolean {
  if (!node || typeof node !== 'object') return false;
  const s = node as Schema;
  if ('example' in s || 'examples' in s) return true;
  if (s.type === 'string' && s.format === 'binary') return true;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return true;
    return exemplified(doc, doc.components?.schemas?.[name], new Set([...seen, name]));
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const)
    if (Array.isArray(s[key]))
      return (s[key] as unknown[]).every((x) => exemplified(doc, x, seen) || (x as Schema).type === 'null');
  if (s.type === 'array') return exemplified(doc, s.items, seen);
  if (s.properties && typeof s.properties === 'object') {
    const props = Object.values(s.properties as Record<string, unknown>);
    return props.length > 0 && props.every((p) => exemplified(doc, p, seen));
  }
  return false;
}

/** What is missing in the document's description of the operations; empty when all is documented. */
function undocumented(doc: OpenAPIObject): string[] {
  const problems: string[] = [];
  for (const [route, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${route}`;
      const responses = Object.entries(op.responses ?? {});
      const success = responses.filter(([status]) => /^2\d\d$/u.test(status));
      if (!op.summary) problems.push(`${where}: no summary`);
      if (!success.length) problems.push(`${where}: no documented 2xx response`);
      for (const [status, r] of responses) {
        const content = Object.entries(r.content ?? {});
        if (status === '204') {
          if (content.length) problems.push(`${where}: 204 must not have a body`);
          if (!r.description) problems.push(`${where}: 204 without a description`);
          continue;
        }
        if (!content.length) {
          problems.push(`${where}: ${status} has no content (no type, schema or example)`);
          continue;
        }
        for (const [mime, media] of content)
          if (!exemplified(doc, media) && !exemplified(doc, media.schema))
            problems.push(`${where}: ${status} ${mime} has no example`);
      }
      if (op.requestBody && !op.responses?.['400']) problems.push(`${where}: takes a body but no 400`);
      if (op.security?.length && !(op.responses?.['401'] && op.responses?.['403']))
        problems.push(`${where}: needs a token but documents no 401/403`);
    }
  }
  return problems;
}

describe('OpenAPI document', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;
  let types: Type[];

  beforeAll(async () => {
    types = await controllers();
    const moduleRef = await Test.createTestingModule({ controllers: types })
      .useMocker(() => ({}))
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    useApiPrefix(app);
    doc = createOpenApiDocument(app, 'http://localhost:3000');
  });

  afterAll(() => app?.close());

  it('covers every route handler of every controller', () => {
    expect(types.length).toBeGreaterThan(10);
    const operations = Object.values(doc.paths).flatMap((item) =>
      METHODS.map((m) => (item as Record<string, Operation | undefined>)[m]?.operationId).filter(Boolean),
    );
    const missing = handlers(types).filter(
      (h) => !operations.some((id) => id === h || id?.startsWith(`${h}[`)),
    );
    expect(missing).toEqual([]);
    expect(doc.paths['/api/auth/login']).toBeDefined();
    expect(doc.paths['/health']).toBeDefined();
  });

  it('documents every route’s success answer with an example, and its errors', () => {
    expect(undocumented(doc)).toEqual([]);
  });

  it('gives binary answers their content type, and multipart uploads their file fields', () => {
    const ok = (p: string, m = 'get') =>
      Object.keys((doc.paths[p] as Record<string, Operation>)[m].responses?.['200']?.content ?? {});
    expect(ok('/api/roadmaps/{id}/export.xlsx')).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(ok('/api/calendar/{file}')).toEqual(['text/calendar']);
    expect(ok('/api/roadmaps/{id}/source')).toEqual(['application/octet-stream']);
    expect(ok('/api/evidence/files/{fileId}')).toEqual(
      expect.arrayContaining(['application/pdf', 'image/jpeg', 'text/plain']),
    );
    // Errors of binary routes stay JSON.
    const forbidden = (doc.paths['/api/roadmaps/{id}/export.xlsx'].get as Operation).responses?.['403'];
    expect(Object.keys(forbidden?.content ?? {})).toEqual(['application/json']);
    for (const [p, field] of [
      ['/api/roadmaps/import', 'file'],
      ['/api/organizations/import', 'file'],
      ['/api/users/import', 'file'],
      ['/api/occurrences/{id}/evidence', 'files'],
      ['/api/occurrences/{id}/past-due', 'files'],
    ]) {
      const body = (doc.paths[p].post as { requestBody?: { content?: Record<string, { schema?: Schema }> } })
        .requestBody;
      const form = body?.content?.['multipart/form-data']?.schema;
      expect({ p, form: !!form }).toEqual({ p, form: true });
      const ref = String(form?.$ref ?? '').replace('#/components/schemas/', '');
      const props = (doc.components?.schemas?.[ref] as Schema | undefined)?.properties ?? form?.properties;
      expect({ p, field: Object.keys(props ?? {}) }).toEqual({ p, field: expect.arrayContaining([field]) });
    }
  });
});
