import type { INestApplicationContext } from '@nestjs/common';
import { DemoService, DemoSummary } from './demo.service';

export type { DemoSummary };

/**
 * Loads the demo (region, directory, a roadmap imported and launched) into a running API. Idempotent:
 * a second call finds the region and only re-kicks the launch. `karta dev` calls it after the API is up.
 */
export async function loadDemo(app: INestApplicationContext): Promise<DemoSummary> {
  return app.get(DemoService).load();
}

export { describeDemo } from './describe';
