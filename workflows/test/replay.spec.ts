/**
 * Replays every recorded history (workflows/test/histories/*.json) against the current workflow code: a
 * change that would break a running workflow (nondeterminism) fails here, before it reaches a server.
 * Record new histories with `RECORD_HISTORIES=1 npx jest -c workflows/jest.config.js activity-workflow`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from './support/bundle';
import { installQuietRuntime } from './support/env';

beforeAll(installQuietRuntime);

const DIR = path.join(__dirname, 'histories');
const files = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

test('there are recorded histories of every scenario', () => {
  const scenarios = new Set(files.map((f) => f.replace(/-\d+\.json$/, '')));
  expect([...scenarios].sort()).toEqual([
    'deadline-change',
    'escalation',
    'external',
    'monthly',
    'rework',
    'several-organizations',
    'yearly',
  ]);
});

test.each(files)('replays %s', async (file) => {
  const history = temporal.api.history.v1.History.fromObject(
    JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')),
  );
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: file }, history, file);
});
