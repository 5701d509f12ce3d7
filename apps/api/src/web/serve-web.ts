/**
 * Serves the built web app (apps/web/dist, or WEB_DIST) from the API process: hashed assets cached for a year,
 * everything else that is not /api or /health falls back to index.html (client-side routes).
 * Framework-free (node:http types) so the API can mount it with `app.use(...)` before `listen`.
 */
import * as fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/** apps/web/dist in this repository; in production nginx serves the app and this folder does not exist. */
export const DEFAULT_WEB_DIST = path.resolve(__dirname, '..', '..', '..', 'web', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.map', '.txt']);

/**
 * The page's own policy: blob: frames and images let the review page preview PDFs and scans fetched with
 * the Bearer token. It replaces a stricter API-wide policy (e.g. helmet's) on the HTML document only.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

export interface WebOptions {
  /** The built app; default apps/web/dist. */
  dist?: string;
  /** Path prefixes left to the API (default `/api`, `/health`). */
  exclude?: string[];
}

type Next = (err?: unknown) => void;
export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** True when `vite build` has produced the app in `dist`. */
export function webBuildExists(dist = DEFAULT_WEB_DIST): boolean {
  return fs.existsSync(path.join(dist, 'index.html'));
}

export function createWebHandler(options: WebOptions = {}): WebHandler {
  const root = path.resolve(options.dist ?? DEFAULT_WEB_DIST);
  const exclude = options.exclude ?? ['/api', '/health'];
  const gzCache = new Map<string, { mtimeMs: number; body: Buffer }>();

  function send(
    req: IncomingMessage,
    res: ServerResponse,
    file: string,
    stat: fs.Stats,
    isIndex: boolean,
  ): void {
    const ext = path.extname(file).toLowerCase();
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    res.setHeader('Content-Type', TYPES[ext] ?? 'application/octet-stream');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('ETag', etag);
    const immutable = !isIndex && file.startsWith(path.join(root, 'assets') + path.sep);
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (isIndex || ext === '.html') {
      res.setHeader('Content-Security-Policy', WEB_CSP);
      res.setHeader('Referrer-Policy', 'same-origin');
    }
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const gzip =
      COMPRESSIBLE.has(ext) &&
      stat.size > 1024 &&
      /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.setHeader('Vary', 'Accept-Encoding');
    if (gzip) {
      let cached = gzCache.get(file);
      if (!cached || cached.mtimeMs !== stat.mtimeMs) {
        cached = { mtimeMs: stat.mtimeMs, body: zlib.gzipSync(fs.readFileSync(file), { level: 9 }) };
        gzCache.set(file, cached);
      }
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', cached.body.length);
      res.end(req.method === 'HEAD' ? undefined : cached.body);
      return;
    }
    res.setHeader('Content-Length', stat.size);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return next();
    }
    if (exclude.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return next();

    const candidate = path.resolve(root, `.${path.posix.normalize(pathname)}`);
    if (candidate !== root && !candidate.startsWith(root + path.sep)) return next();
    fs.stat(candidate, (err, stat) => {
      if (!err && stat.isFile()) return send(req, res, candidate, stat, false);
      // A missing file with an extension is a real 404 (a stale asset), not a client route.
      if (path.extname(pathname)) return next();
      const index = path.join(root, 'index.html');
      fs.stat(index, (e2, s2) => (e2 || !s2.isFile() ? next() : send(req, res, index, s2, true)));
    });
  };
}

/** Anything with Express-style `use(handler)`: a NestExpressApplication, an Express app. */
export interface UsesMiddleware {
  use(handler: WebHandler): unknown;
}

/**
 * Mounts the web app on the API when it has been built; returns whether it did.
 * Call it in the API bootstrap after the global prefix is set and before `listen`.
 */
export function serveWeb(app: UsesMiddleware, options: WebOptions = {}): boolean {
  if (!webBuildExists(options.dist)) return false;
  app.use(createWebHandler(options));
  return true;
}
