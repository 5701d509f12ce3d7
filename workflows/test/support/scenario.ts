/** Helpers for scenario tests: time travel in the region's zone, launching, acting, reading the outbox. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { activityWorkflow } from '../../src/workflows';
import { activityWorkflowId, ActivityWorkflowInput } from '../../src/messages';
import { zonedInstant } from '../../src/time';
import type { Harness } from './env';
import type { StoredEntry } from '../../../activities/src/testing';

export type Handle = WorkflowHandle<typeof activityWorkflow>;

export const TZ = 'Europe/Moscow';
export const at = (date: string, time = '09:00', tz = TZ) => zonedInstant(date, time, tz);

export async function travelTo(env: TestWorkflowEnvironment, instant: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (instant > now) await env.sleep(instant - now);
}

export async function launch(
  env: TestWorkflowEnvironment,
  h: Harness,
  input: ActivityWorkflowInput,
): Promise<Handle> {
  return env.client.workflow.start<typeof activityWorkflow>('activityWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: activityWorkflowId(input.activityId),
    args: [input],
  });
}

/** Polls until `check` stops throwing (the worker finishes what a timer started). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export function sentEntries(
  h: Harness,
  filter: Partial<Pick<StoredEntry, 'kind' | 'occurrenceId' | 'recipientUserId'>> = {},
): StoredEntry[] {
  return [...h.outbox.entries.values()]
    .filter((e) => e.status === 'sent')
    .filter((e) =>
      Object.entries(filter).every(([k, v]) => (e as unknown as Record<string, unknown>)[k] === v),
    )
    .sort((a, b) => (a.scheduledFor?.getTime() ?? 0) - (b.scheduledFor?.getTime() ?? 0) || rank(a) - rank(b));
}

// Messages of one step go out concurrently; list them in a fixed order of people.
const PEOPLE = ['executor', 'head', 'curator', 'partner-executor', 'partner-head'];
const rank = (e: StoredEntry) => PEOPLE.indexOf(e.recipientUserId ?? '');

/** `kind:level→user` lines, in send order, for compact assertions. */
export function summary(entries: StoredEntry[]): string[] {
  return entries.map((e) => `${e.kind}:${e.level}→${e.recipientUserId}`);
}

const HISTORIES = path.join(__dirname, '..', 'histories');

/**
 * With RECORD_HISTORIES=1, saves the histories of the given runs for the replay test
 * (`workflows/test/histories/<name>-<n>.json`). Recorded once, committed, replayed on every CI run.
 */
export async function recordHistories(
  env: TestWorkflowEnvironment,
  workflowId: string,
  runIds: string[],
  name: string,
): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  fs.mkdirSync(HISTORIES, { recursive: true });
  const unique = [...new Set(runIds)];
  for (const [i, runId] of unique.entries()) {
    const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
    // protobufjs' own JSON form (read back with History.fromObject): historyToJSON is broken while two
    // copies of protobufjs are installed (see the replay test).
    const json = temporal.api.history.v1.History.fromObject(history).toJSON();
    fs.writeFileSync(path.join(HISTORIES, `${name}-${i + 1}.json`), JSON.stringify(json) + '\n');
  }
}

export async function currentRunId(handle: Handle): Promise<string> {
  return (await handle.describe()).runId;
}
