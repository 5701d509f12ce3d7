import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildBundle } from './bundle';

/** Bundles the workflow code once for every test file of the run. */
export default async function globalSetup(): Promise<void> {
  const bundle = await buildBundle();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'karta-wf-')), 'workflow-bundle.js');
  fs.writeFileSync(file, bundle.code);
  process.env.KARTA_WORKFLOW_BUNDLE = file;
}
