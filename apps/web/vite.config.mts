// The web app: a static SPA built into apps/web/dist, served by the API (see serve-web.ts) or, in
// development, by `vite` with /api proxied to a running `karta dev` (KARTA_API_URL, default :3000).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.KARTA_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: Number(process.env.KARTA_WEB_PORT ?? 5173),
    proxy: { '/api': { target: api, changeOrigin: true } },
  },
  preview: {
    proxy: { '/api': { target: api, changeOrigin: true } },
  },
});
