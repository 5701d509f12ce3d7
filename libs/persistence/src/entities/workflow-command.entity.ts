import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type WorkflowCommandState = 'pending' | 'delivered' | 'rejected';

/**
 * A human action on its way to a running workflow. Written in the same transaction as the action
 * (evidence, review, deadline change…), delivered with `id` as the Temporal update id, so a crash on
 * either side of the call neither loses nor repeats it. See apps/api/src/temporal/command-dispatcher.ts.
 */
@Check('CHK_workflow_commands_state', `"state" IN ('pending','delivered','rejected')`)
@Entity({ name: 'workflow_commands' })
@Index('ix_workflow_commands_pending', ['state', 'nextAttemptAt'])
@Index('ix_workflow_commands_workflow', ['workflowId', 'createdAt'])
export class WorkflowCommand {
  /** Also the update id (or the start request id). */
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'workflow_id', type: 'varchar', length: 128 }) workflowId!: string;
  /** `start`, an update name (`submitEvidence`, `review`…) or a signal name (`cancelActivity`…). */
  @Column({ type: 'varchar', length: 40 }) name!: string;
  @Column({ type: 'varchar', length: 8 }) kind!: 'start' | 'update' | 'signal';
  @Column({ type: 'jsonb' }) payload!: unknown;
  /** What to project when the workflow accepts it: e.g. `evidence:<id>`, `review:<id>`. */
  @Column({ type: 'varchar', length: 200, nullable: true }) subject!: string | null;
  @Column({ type: 'varchar', length: 16 }) state!: WorkflowCommandState;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'jsonb', nullable: true }) result!: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** Not retried before this instant: backoff after a failure, and a claim while one process delivers it. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' }) nextAttemptAt!: Date;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
}
