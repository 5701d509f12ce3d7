import type { RunningSystem } from './system';

export default async function globalTeardown(): Promise<void> {
  const system = (globalThis as { __kartaWeb?: RunningSystem }).__kartaWeb;
  await system?.stop();
}
