/** What the engine needs beyond the worker's own configuration, parsed once at boot. */
export interface EngineConfig {
  /** Base URL of the web app, for links in emails (`PUBLIC_URL`). */
  publicUrl: string;
  /** Create or update the hourly digest Schedule on boot (`DIGEST_SCHEDULE`, default on). */
  digestSchedule: boolean;
}

export function loadEngineConfig(env: Record<string, string | undefined> = process.env): EngineConfig {
  const publicUrl = env.PUBLIC_URL?.trim() || 'http://localhost:3000';
  if (!/^https?:\/\/[^\s]+$/.test(publicUrl)) {
    throw new Error(`Invalid configuration:\n  - PUBLIC_URL must be an http(s) URL (got '${publicUrl}')`);
  }
  const digest = (env.DIGEST_SCHEDULE?.trim() || 'on').toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(digest)) {
    throw new Error(`Invalid configuration:\n  - DIGEST_SCHEDULE must be on or off (got '${digest}')`);
  }
  return { publicUrl: publicUrl.replace(/\/+$/, ''), digestSchedule: ['on', 'true', '1'].includes(digest) };
}
