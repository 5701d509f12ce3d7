/**
 * The execution workflows. One `activityWorkflow` per roadmap activity carries it through every occurrence
 * until the roadmap closes; `digestWorkflow` runs from a Temporal Schedule. The worker bundles this file.
 *
 * Shape of `activityWorkflow`: the state and its rules live in `ActivityEngine` (pure). This file is the
 * loop around it — tick, send, project, sleep until the next step or a message — plus the message handlers
 * and continue-as-new between occurrences.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { DigestActivities, EngineActivities, OutgoingMessage } from './activity-contract';
import { ActivityEngine, EngineError } from './engine';
import {
  ActivityWorkflowInput,
  ActivityWorkflowState,
  cancelActivitySignal,
  changeDeadlineUpdate,
  closeRoadmapSignal,
  correctTermUpdate,
  DigestWorkflowInput,
  DigestWorkflowResult,
  reassignExecutorUpdate,
  reviewUpdate,
  setExternalDatesUpdate,
  stateQuery,
  submitEvidenceUpdate,
} from './messages';

/**
 * Email: retried with backoff for as long as SMTP is down; a bad address is final. The activity heartbeats
 * while it talks to SMTP, so a worker that dies mid-send is detected in seconds.
 */
const { notify } = proxyActivities<EngineActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '20 seconds',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['InvalidAddress'],
  },
});

/** The database projection: short, retried until the database answers. */
const { project } = proxyActivities<EngineActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Past this many events a run continues as new even without an occurrence closing. */
const HISTORY_SOFT_LIMIT = 5_000;

function asFailure(error: unknown): unknown {
  if (error instanceof EngineError) {
    return ApplicationFailure.create({
      type: error.kind,
      message: error.message,
      details: [error.code],
      nonRetryable: true,
    });
  }
  return error;
}

/** Runs `fn`, turning a rejected action into an ApplicationFailure the client sees (type = error kind). */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw asFailure(error);
  }
}

export async function activityWorkflow(input: ActivityWorkflowInput): Promise<ActivityWorkflowState> {
  const info = workflowInfo();
  // A launch is dated when the execution started, not when a busy worker got to its first task: a backlog
  // must not make a reminder due in between look "before launch".
  const launchedAt = input.carried ? Date.now() : info.startTime.getTime();
  const engine = guarded(() => ActivityEngine.launch(info.workflowId, input, launchedAt));

  let wake = false;
  let inflight = 0;
  let projecting: Promise<void> = Promise.resolve();

  const send = (message: OutgoingMessage) => {
    inflight++;
    notify(message)
      .catch((error: unknown) => {
        // Only a non-retryable failure ends up here (an invalid address): record it, keep going.
        const cause = error instanceof ActivityFailure ? error.cause : error;
        log.warn('notification not delivered', { key: message.key, error: String(cause) });
        engine.events.push({
          key: `${message.key}/failed`,
          type: 'notification-failed',
          at: new Date(Date.now()).toISOString(),
          occurrenceId: message.context.occurrenceId,
          after: {
            to: message.to.email,
            kind: message.kind,
            error: cause instanceof Error ? cause.message : String(cause),
          },
        });
      })
      .finally(() => {
        inflight--;
        wake = true;
      });
  };

  /** Hands queued emails to `notify` and writes what changed to the projection (one write at a time). */
  const flush = (): Promise<void> => {
    for (const message of engine.takeOutbox()) send(message);
    projecting = projecting.then(async () => {
      if (engine.hasProjection) await project(engine.takeProjection(Date.now()));
    });
    return projecting;
  };

  /** Applies a human action and waits until the projection shows it, so the API reads its own write. */
  const act = async <T>(apply: () => T): Promise<T> => {
    const result = guarded(apply);
    wake = true;
    await flush();
    return result;
  };

  setHandler(stateQuery, () => engine.view());
  setHandler(submitEvidenceUpdate, (i) => act(() => engine.submit(i, Date.now())), {
    validator: (i) => void guarded(() => engine.checkSubmit(i)),
  });
  setHandler(reviewUpdate, (i) => act(() => engine.review(i, Date.now())), {
    validator: (i) => void guarded(() => engine.checkReview(i, Date.now())),
  });
  setHandler(changeDeadlineUpdate, (i) => act(() => engine.changeDeadline(i, Date.now())), {
    validator: (i) => void guarded(() => engine.checkChangeDeadline(i)),
  });
  setHandler(reassignExecutorUpdate, (i) => act(() => engine.reassign(i, Date.now())), {
    validator: (i) => void guarded(() => engine.checkReassign(i)),
  });
  setHandler(correctTermUpdate, (i) => act(() => engine.correctTerm(i, Date.now())), {
    validator: (i) => guarded(() => engine.checkCorrectTerm(i)),
  });
  setHandler(setExternalDatesUpdate, (i) => act(() => engine.setExternalDates(i, Date.now())), {
    validator: (i) => guarded(() => engine.checkSetExternalDates(i)),
  });
  setHandler(cancelActivitySignal, (i) => {
    engine.cancel(i, Date.now());
    wake = true;
  });
  setHandler(closeRoadmapSignal, (i) => {
    engine.close(i, Date.now());
    wake = true;
  });

  const quiet = () => inflight === 0 && allHandlersFinished();

  /** Waits until no email is in flight, no handler runs and the projection is written. */
  const settle = async () => {
    for (;;) {
      await condition(quiet);
      await flush();
      if (quiet() && !engine.hasProjection && engine.outbox.length === 0) return;
    }
  };

  for (;;) {
    wake = false;
    engine.tick(Date.now());
    await flush();
    if (engine.status !== 'running') break;

    const { continueAsNewSuggested, historyLength } = workflowInfo();
    if (engine.closedSinceStart || continueAsNewSuggested || historyLength > HISTORY_SOFT_LIMIT) {
      await settle();
      if (engine.status === 'running') {
        // Occurrences closed in this run leave the state here, so one history never outgrows one cycle.
        return continueAsNew<typeof activityWorkflow>(engine.continueAsNewInput());
      }
      break;
    }

    const next = engine.nextWakeAt(Date.now());
    if (next === Infinity) await condition(() => wake);
    // A floor of one second: should a wake time ever lie in the past, the loop cannot spin.
    else await condition(() => wake, Math.max(1_000, next - Date.now()));
  }

  await settle();
  return engine.view();
}

// ---------------------------------------------------------------------------------------------------------
// Digest
// ---------------------------------------------------------------------------------------------------------

const digestActivities = proxyActivities<DigestActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: ['InvalidAddress'],
  },
});

const DIGEST_PARALLELISM = 20;

/**
 * Started every hour by the `karta-digest` Schedule. Regions where it is `localHour` (09:00) on a working
 * day get one digest per person; the outbox key `digest|<date>|<user>` makes a rerun harmless.
 */
export async function digestWorkflow(input: DigestWorkflowInput = {}): Promise<DigestWorkflowResult> {
  const at = input.at ?? new Date(Date.now()).toISOString(); // workflow time
  const { regions, recipients } = await digestActivities.listDigestRecipients({
    at,
    localHour: input.localHour ?? 9,
  });
  let sent = 0;
  for (let i = 0; i < recipients.length; i += DIGEST_PARALLELISM) {
    const batch = recipients.slice(i, i + DIGEST_PARALLELISM);
    const results = await Promise.allSettled(
      batch.map((r) => digestActivities.sendDigest({ ...r, scheduledFor: at })),
    );
    for (const r of results) {
      if (r.status === 'fulfilled' && r.value === 'sent') sent++;
      if (r.status === 'rejected') log.warn('digest not delivered', { error: String(r.reason) });
    }
  }
  return { regions, digests: recipients.length, sent };
}
