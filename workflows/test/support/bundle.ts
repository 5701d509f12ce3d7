/**
 * The workflow bundle, built once per jest run (globalSetup writes it to a file and names it in
 * KARTA_WORKFLOW_BUNDLE); a file run on its own bundles for itself.
 */
import * as fs from 'node:fs';
import { bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';

export const WORKFLOWS_PATH = require.resolve('../../src/workflows');

export async function buildBundle(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
}

let cached: Promise<{ code: string }> | undefined;

export function workflowBundle(): Promise<{ code: string }> {
  cached ??= (async () => {
    const file = process.env.KARTA_WORKFLOW_BUNDLE;
    if (file && fs.existsSync(file)) return { code: fs.readFileSync(file, 'utf8') };
    return { code: (await buildBundle()).code };
  })();
  return cached;
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
