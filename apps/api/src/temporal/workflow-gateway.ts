import { Injectable } from '@nestjs/common';
import {
  Client,
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import {
  ACTIVITY_WORKFLOW_TYPE,
  ActivityWorkflowInput,
  activityWorkflowId,
} from '../../../../workflows/src/messages';
import { AppConfig } from '../config';

/** The workflow refused the action (its validator or handler failed): final, retrying changes nothing. */
export class WorkflowRejection extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkflowRejection';
  }
}

/** Temporal could not be reached or did not answer in time: the action stays pending and is retried. */
export class WorkflowUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkflowUnavailable';
  }
}

const rootMessage = (err: unknown): string => {
  let e: unknown = err;
  while (e instanceof Error && (e as { cause?: unknown }).cause instanceof Error)
    e = (e as { cause?: unknown }).cause;
  return e instanceof Error ? e.message : String(e);
};

/**
 * The API's only door to Temporal: starts activity workflows and sends them updates, signals and queries.
 * Errors come out as WorkflowRejection (final) or WorkflowUnavailable (retry later), nothing else.
 */
@Injectable()
export class WorkflowGateway {
  constructor(
    private readonly client: Client,
    private readonly config: AppConfig,
  ) {}

  /** Starts the activity's workflow; an already running or finished one with that id counts as started. */
  async start(
    input: ActivityWorkflowInput,
    timeoutMs: number,
  ): Promise<{ workflowId: string; alreadyStarted: boolean }> {
    const workflowId = activityWorkflowId(input.activityId);
    try {
      await this.client.withDeadline(Date.now() + timeoutMs, () =>
        this.client.workflow.start(ACTIVITY_WORKFLOW_TYPE, {
          taskQueue: this.config.temporal.taskQueue,
          workflowId,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
      return { workflowId, alreadyStarted: false };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, alreadyStarted: true };
      throw this.classify(err);
    }
  }

  /** Runs an update with a caller-chosen id: Temporal applies one id once, so a re-send after a crash is harmless. */
  async update<Ret, Arg>(
    workflowId: string,
    def: UpdateDefinition<Ret, [Arg]>,
    arg: Arg,
    updateId: string,
    timeoutMs: number,
  ): Promise<Ret> {
    try {
      const handle = this.client.workflow.getHandle(workflowId);
      return await this.client.withDeadline(Date.now() + timeoutMs, () =>
        handle.executeUpdate(def, { args: [arg], updateId }),
      );
    } catch (err) {
      throw this.classify(err);
    }
  }

  async signal<Arg>(
    workflowId: string,
    def: SignalDefinition<[Arg]>,
    arg: Arg,
    timeoutMs: number,
  ): Promise<void> {
    try {
      const handle = this.client.workflow.getHandle(workflowId);
      await this.client.withDeadline(Date.now() + timeoutMs, () => handle.signal(def, arg));
    } catch (err) {
      const classified = this.classify(err);
      // A signal to a finished workflow (a closed roadmap) has nothing left to change.
      if (classified instanceof WorkflowRejection && err instanceof WorkflowNotFoundError) return;
      throw classified;
    }
  }

  async query<Ret>(workflowId: string, def: QueryDefinition<Ret, []>, timeoutMs: number): Promise<Ret> {
    try {
      const handle = this.client.workflow.getHandle(workflowId);
      return await this.client.withDeadline(Date.now() + timeoutMs, () => handle.query(def));
    } catch (err) {
      throw this.classify(err);
    }
  }

  private classify(err: unknown): Error {
    if (err instanceof WorkflowUpdateFailedError) return new WorkflowRejection(rootMessage(err));
    if (err instanceof WorkflowNotFoundError)
      return new WorkflowRejection('Процесс мероприятия не найден или уже завершён');
    if (isGrpcServiceError(err) && [3, 5, 9].includes(err.code ?? -1))
      return new WorkflowRejection(rootMessage(err));
    return new WorkflowUnavailable(rootMessage(err));
  }
}
