import * as os from 'node:os';

export interface PingDeps {
  /** The clock, injected so tests can pin it. */
  now: () => Date;
}

/** The trivial activity proving the worker wiring: it answers with where and when it ran. */
export function createPingActivities(deps: PingDeps) {
  return {
    async ping(name: string): Promise<string> {
      return `pong ${name} from ${os.hostname()} at ${deps.now().toISOString()}`;
    },
  };
}

export type PingActivities = ReturnType<typeof createPingActivities>;
