/**
 * How the built app is served in front of the API (serve-web.ts, mounted by the API or by the test front):
 * client routes fall back to index.html with the page's CSP, hashed assets are cached for good and gzipped,
 * a missing asset is a 404 rather than HTML, /api stays the API's, and nothing outside dist leaks.
 */
import { webUrl } from './support/api';

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${webUrl()}${path}`, { headers, redirect: 'manual' });
  return { res, body: await res.text() };
}

describe('serving the web app', () => {
  it('answers client-side routes with index.html and its content security policy', async () => {
    for (const route of [
      '/',
      '/login',
      '/tasks',
      '/occurrences/00000000-0000-0000-0000-000000000000',
      '/roadmaps/x/progress',
    ]) {
      const { res, body } = await get(route);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(body).toContain('<div id="root">');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toMatch(/frame-src 'self' blob:/);
    }
  });

  it('serves hashed assets gzipped and cacheable for a year; a missing asset is a 404', async () => {
    const { body } = await get('/');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(body)?.[1];
    expect(script).toBeDefined();
    const { res } = await get(script!, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000, immutable/);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const missing = await get('/assets/nothing-here.js');
    expect(missing.res.status).toBe(404);
    expect(missing.body).not.toContain('<div id="root">');
  });

  it('leaves /api to the API and serves nothing outside dist', async () => {
    const api = await get('/api/this-route-does-not-exist');
    expect([401, 404]).toContain(api.res.status);
    expect(api.body).not.toContain('<div id="root">');
    for (const sneaky of [
      '/..%2f..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2fsrc%2fmain.tsx',
    ]) {
      const { body } = await get(sneaky);
      expect(body).not.toContain('"name": "karta"');
      expect(body).not.toContain('createRoot');
    }
  });
});
