export interface WaitOptions {
  /** What is awaited, for the timeout message. */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Checked between attempts: a dead process should fail the wait at once, not after the timeout. */
  abort?: () => string | undefined;
}

/** Polls `probe` until it returns a value other than undefined/false; throws with the last error on timeout. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  options: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const aborted = options.abort?.();
    if (aborted) throw new Error(`${options.what}: ${aborted}`);
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`${options.what} not ready after ${Math.round(options.timeoutMs / 1000)} s${why}`);
    }
    await sleep(options.intervalMs ?? 200);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface HealthReport {
  status: string;
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; message?: string }>;
  details?: Record<string, { status: string; message?: string }>;
}

/**
 * GETs a terminus health URL; resolves to the report once every indicator is up. `progress` hears, every
 * 15 s, what is still down.
 */
export async function waitForHealth(
  url: string,
  options: Omit<WaitOptions, 'what'> & { what?: string; progress?: (down: string) => void },
) {
  let last: HealthReport | undefined;
  const down = () =>
    Object.entries(last?.details ?? {})
      .filter(([, v]) => v.status !== 'up')
      .map(([k, v]) => `${k} (${v.message ?? 'down'})`)
      .join(', ');
  const timer = setInterval(() => options.progress?.(down() || 'no answer yet'), 15_000);
  try {
    return await waitFor(
      async () => {
        const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        last = (await response.json()) as HealthReport;
        return response.ok && last.status === 'ok' ? last : undefined;
      },
      { what: options.what ?? url, ...options },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}${down() ? `; down: ${down()}` : ''}`);
  } finally {
    clearInterval(timer);
  }
}
