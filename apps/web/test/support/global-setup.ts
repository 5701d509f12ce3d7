import { startSystem, type RunningSystem } from './system';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require('../../ensure-built.js') as { ensureBuilt: () => boolean };

export default async function globalSetup(): Promise<void> {
  // The tests never run a stale app: dist is rebuilt when any source is newer.
  ensureBuilt();
  const system = await startSystem();
  (globalThis as { __kartaWeb?: RunningSystem }).__kartaWeb = system;
  process.env.KARTA_WEB_URL = system.webUrl;
  process.env.KARTA_API_URL_E2E = system.apiUrl;
}
