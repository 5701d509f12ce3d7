import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  Relation,
} from 'typeorm';
import type { OccurrenceStatus, Outcome } from '@karta/domain';
import { Activity } from './activity.entity';

export type OccurrenceKind = 'deadline' | 'checkpoint';
/** What the curator decided for an occurrence already past when the roadmap was launched. */
export type PastDueDecision = 'pending' | 'done' | 'replanned' | 'overdue';

/**
 * One due date of an activity: the queryable projection of the workflow's `OccurrenceState`
 * (field names match workflows/src/messages.ts). The API writes human actions, the workflow's
 * activities write reminders, overdue and escalation; `projectionSeq` keeps the newest snapshot.
 */
@Check(
  'CHK_occurrences_status',
  `"status" IN ('planned','open','submitted','returned','approved','cancelled')`,
)
@Check(
  'CHK_occurrences_outcome',
  `"outcome" IS NULL OR "outcome" IN ('выполнено','выполнено с нарушением срока','не выполнено')`,
)
@Check(
  'CHK_occurrences_reason',
  `"outcome" IS NULL OR "outcome" = 'выполнено' OR coalesce(btrim("outcome_reason"), '') <> ''`,
)
@Entity({ name: 'occurrences' })
@Unique('uq_occurrences_seq', ['activityId', 'seq'])
@Index('ix_occurrences_roadmap', ['roadmapId', 'status'])
@Index('ix_occurrences_due', ['due'])
export class Occurrence {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId!: string;
  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'FK_occurrences_activity' })
  activity?: Relation<Activity>;
  @Column({ name: 'roadmap_id', type: 'uuid' }) roadmapId!: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId!: string;
  /** 1-based position among the activity's occurrences. */
  @Column({ type: 'integer' }) seq!: number;
  @Column({ type: 'varchar', length: 16, default: 'deadline' }) kind!: OccurrenceKind;
  @Column({ type: 'varchar', length: 120, nullable: true }) label!: string | null;
  @Column({ type: 'date', nullable: true }) start!: string | null;
  /** The due date at launch, kept beside the current approved one. */
  @Column({ name: 'baseline_due', type: 'date' }) baselineDue!: string;
  @Column({ type: 'date' }) due!: string;
  @Column({ type: 'varchar', length: 16 }) status!: OccurrenceStatus;
  @Column({ type: 'boolean', default: false }) overdue!: boolean;
  @Column({ name: 'escalation_level', type: 'integer', default: 0 }) escalationLevel!: number;
  @Column({ type: 'varchar', length: 40, nullable: true }) outcome!: Outcome | null;
  @Column({ name: 'outcome_reason', type: 'text', nullable: true }) outcomeReason!: string | null;
  @Column({ name: 'rework_due', type: 'date', nullable: true }) reworkDue!: string | null;
  @Column({ name: 'first_submitted_on', type: 'date', nullable: true }) firstSubmittedOn!: string | null;
  @Column({ name: 'last_submitted_on', type: 'date', nullable: true }) lastSubmittedOn!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  /** A head's note on the reason for delay. */
  @Column({ name: 'delay_note', type: 'text', nullable: true }) delayNote!: string | null;
  @Column({ name: 'delay_note_by_id', type: 'uuid', nullable: true }) delayNoteById!: string | null;
  @Column({ name: 'delay_note_at', type: 'timestamptz', nullable: true }) delayNoteAt!: Date | null;
  @Column({ name: 'past_due_at_launch', type: 'boolean', default: false }) pastDueAtLaunch!: boolean;
  @Column({ name: 'past_due_decision', type: 'varchar', length: 16, nullable: true })
  pastDueDecision!: PastDueDecision | null;
  /** Sequence of the last workflow snapshot applied (see messages.ts `CarriedState.seq`). */
  @Column({ name: 'projection_seq', type: 'integer', default: 0 }) projectionSeq!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
