import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { WorkflowCommand } from '@karta/persistence';
import * as messages from '../../../../workflows/src/messages';
import { AppConfig } from '../config';
import { WorkflowGateway, WorkflowRejection } from './workflow-gateway';

/**
 * Human actions reach running workflows through this outbox, and the choice matters for crashes:
 *
 *  1. In ONE database transaction the service writes the action (evidence version, review, deadline change…)
 *     in state `pending` and a `workflow_commands` row whose id is the Temporal update id.
 *  2. The command is delivered right away (and, if that fails, by the sweeper here on every API instance):
 *     `executeUpdate(..., { updateId: command.id })`. Temporal applies one update id once per run, so
 *     re-sending after a crash anywhere — before the call, during it, after it but before step 3 — never
 *     applies the action twice; starts use the deterministic workflow id the same way.
 *  3. On the workflow's answer, in ONE transaction: the command is marked delivered/rejected and the
 *     projection is written from the answer (accepted → the action becomes `accepted` and the occurrence
 *     takes the workflow's state; rejected → the action is kept as `rejected` with the workflow's reason).
 *
 * So nothing is lost (the intent is durable before Temporal hears of it) and nothing is duplicated (update id
 * dedup + a state transition guarded by `state = 'pending'`). The workflow stays the authority on whether
 * an action is valid now: the database only records what it accepted. Projecting first and sending later
 * would show the user a state the workflow might refuse; sending first without the durable row could lose
 * the projection of an action the workflow already applied.
 */
export interface CommandOutcome {
  state: 'delivered' | 'rejected' | 'pending';
  result?: unknown;
  error?: string;
}

export interface CommandProjector {
  accepted(manager: EntityManager, command: WorkflowCommand, result: unknown): Promise<void>;
  rejected(manager: EntityManager, command: WorkflowCommand, reason: string): Promise<void>;
}

export type CommandName =
  | 'start'
  | 'submitEvidence'
  | 'review'
  | 'changeDeadline'
  | 'reassignExecutor'
  | 'correctTerm'
  | 'setExternalDates'
  | 'cancelActivity'
  | 'closeRoadmap';

const SWEEP_EVERY_MS = 5_000;
/** While one process delivers a command, others leave it alone for this long. */
const CLAIM_MS = 60_000;

@Injectable()
export class CommandDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CommandDispatcher.name);
  private readonly projectors = new Map<string, CommandProjector>();
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly gateway: WorkflowGateway,
    @Optional() private readonly config?: AppConfig,
  ) {}

  /** Feature services say how their commands' answers are projected. */
  register(subjectType: string, projector: CommandProjector): void {
    this.projectors.set(subjectType, projector);
  }

  /** Writes a command in the caller's transaction; claimed for the inline delivery that follows the commit. */
  async enqueue(
    manager: EntityManager,
    command: {
      id?: string;
      workflowId: string;
      name: CommandName;
      payload: unknown;
      subject?: string | null;
    },
  ): Promise<string> {
    const id = command.id ?? randomUUID();
    await manager.insert(WorkflowCommand, {
      id,
      workflowId: command.workflowId,
      name: command.name,
      kind:
        command.name === 'start'
          ? 'start'
          : command.name === 'cancelActivity' || command.name === 'closeRoadmap'
            ? 'signal'
            : 'update',
      payload: command.payload as object,
      subject: command.subject ?? null,
      state: 'pending',
      nextAttemptAt: new Date(Date.now() + CLAIM_MS),
    });
    return id;
  }

  /** Delivers one command now; a transient failure leaves it pending for the sweeper. */
  async deliver(id: string, timeoutMs = this.config?.workflowWaitMs ?? 20_000): Promise<CommandOutcome> {
    const command = await this.manager.findOne(WorkflowCommand, { where: { id } });
    if (!command) throw new Error(`workflow command ${id} not found`);
    if (command.state !== 'pending')
      return {
        state: command.state,
        result: command.result ?? undefined,
        error: command.lastError ?? undefined,
      };

    // An update for a workflow whose start is still pending must wait for the start.
    if (command.kind !== 'start') {
      const startPending = await this.manager.count(WorkflowCommand, {
        where: { workflowId: command.workflowId, kind: 'start', state: 'pending' },
      });
      if (startPending > 0) {
        await this.deferred(command, 'waiting for the workflow to start');
        return { state: 'pending', error: 'waiting for the workflow to start' };
      }
    }

    let result: unknown;
    try {
      result = await this.send(command, timeoutMs);
    } catch (err) {
      if (err instanceof WorkflowRejection) {
        await this.finish(command, 'rejected', undefined, err.message);
        return { state: 'rejected', error: err.message };
      }
      const message = err instanceof Error ? err.message : String(err);
      await this.deferred(command, message);
      this.logger.warn(
        { command: command.id, name: command.name, workflowId: command.workflowId, error: message },
        'workflow command left pending',
      );
      return { state: 'pending', error: message };
    }
    await this.finish(command, 'delivered', result, null);
    return { state: 'delivered', result };
  }

  private async send(command: WorkflowCommand, timeoutMs: number): Promise<unknown> {
    const payload = command.payload as never;
    switch (command.name as CommandName) {
      case 'start':
        return this.gateway.start(payload as messages.ActivityWorkflowInput, timeoutMs);
      case 'submitEvidence':
        return this.gateway.update(
          command.workflowId,
          messages.submitEvidenceUpdate,
          payload,
          command.id,
          timeoutMs,
        );
      case 'review':
        return this.gateway.update(command.workflowId, messages.reviewUpdate, payload, command.id, timeoutMs);
      case 'changeDeadline':
        return this.gateway.update(
          command.workflowId,
          messages.changeDeadlineUpdate,
          payload,
          command.id,
          timeoutMs,
        );
      case 'reassignExecutor':
        return this.gateway.update(
          command.workflowId,
          messages.reassignExecutorUpdate,
          payload,
          command.id,
          timeoutMs,
        );
      case 'correctTerm':
        return this.gateway.update(
          command.workflowId,
          messages.correctTermUpdate,
          payload,
          command.id,
          timeoutMs,
        );
      case 'setExternalDates':
        return this.gateway.update(
          command.workflowId,
          messages.setExternalDatesUpdate,
          payload,
          command.id,
          timeoutMs,
        );
      case 'cancelActivity':
        return this.gateway.signal(command.workflowId, messages.cancelActivitySignal, payload, timeoutMs);
      case 'closeRoadmap':
        return this.gateway.signal(command.workflowId, messages.closeRoadmapSignal, payload, timeoutMs);
      default:
        throw new WorkflowRejection(`unknown command ${command.name}`);
    }
  }

  private async finish(
    command: WorkflowCommand,
    state: 'delivered' | 'rejected',
    result: unknown,
    error: string | null,
  ): Promise<void> {
    await this.manager.transaction(async (tx) => {
      const claimed = await tx
        .createQueryBuilder()
        .update(WorkflowCommand)
        .set({
          state,
          result: (result ?? null) as object,
          lastError: error,
          deliveredAt: () => 'now()',
          attempts: () => 'attempts + 1',
        })
        .where('id = :id AND state = :pending', { id: command.id, pending: 'pending' })
        .execute();
      if (!claimed.affected) return; // another process finished it first
      const projector = command.subject ? this.projectors.get(command.subject.split(':')[0]) : undefined;
      if (!projector) return;
      if (state === 'delivered') await projector.accepted(tx, command, result);
      else await projector.rejected(tx, command, error ?? '');
    });
  }

  private async deferred(command: WorkflowCommand, error: string): Promise<void> {
    const backoffMs = Math.min(5 * 60_000, 2_000 * 2 ** Math.min(command.attempts, 8));
    await this.manager.update(
      WorkflowCommand,
      { id: command.id, state: 'pending' },
      { lastError: error, attempts: () => 'attempts + 1', nextAttemptAt: new Date(Date.now() + backoffMs) },
    );
  }

  /** Delivers what is due, oldest first per workflow; claims rows so several API instances share the work. */
  async sweep(limit = 50): Promise<number> {
    // TypeORM answers an UPDATE … RETURNING as [rows, affected].
    const [claimed]: [Array<{ id: string }>, number] = await this.manager.query(
      `UPDATE workflow_commands SET next_attempt_at = now() + ($2 || ' milliseconds')::interval
        WHERE id IN (
          SELECT c.id FROM workflow_commands c
           WHERE c.state = 'pending' AND c.next_attempt_at <= now()
             AND NOT EXISTS (SELECT 1 FROM workflow_commands e WHERE e.workflow_id = c.workflow_id
                              AND e.state = 'pending' AND e.created_at < c.created_at AND e.id <> c.id)
           ORDER BY c.created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [limit, String(CLAIM_MS)],
    );
    for (const { id } of claimed) await this.deliver(id);
    return claimed.length;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep()
        .then(() => undefined)
        .catch((err) =>
          this.logger.warn(
            { error: err instanceof Error ? err.message : String(err) },
            'command sweep failed',
          ),
        )
        .finally(() => (this.sweeping = undefined));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }
}
