import {
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
import type { ReviewWarning } from '@karta/domain';
import type { TermResult } from '../../../terms/src/types';
import { Roadmap } from './roadmap.entity';

/** The parsed term as stored: the engine's result plus the cell as written. */
export type StoredTerm = TermResult & { raw: string };

@Entity({ name: 'activities' })
@Unique('uq_activities_ordinal', ['roadmapId', 'ordinal'])
@Index('ix_activities_workflow', ['workflowId'])
export class Activity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'roadmap_id', type: 'uuid' }) roadmapId!: string;
  @ManyToOne(() => Roadmap, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roadmap_id', foreignKeyConstraintName: 'FK_activities_roadmap' })
  roadmap?: Relation<Roadmap>;
  /** Position in the document (0-based), stable ordering. */
  @Column({ type: 'integer' }) ordinal!: number;
  /** As written (`1.2.`), may be null. */
  @Column({ type: 'varchar', length: 32, nullable: true }) number!: string | null;
  /** Section path, outermost first. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) section!: string[];
  /** The system-forming (parent) activity's text, when the document has that level. */
  @Column({ type: 'text', nullable: true }) parent!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'term_raw', type: 'text' }) termRaw!: string;
  @Column({ type: 'jsonb' }) term!: StoredTerm;
  @Column({ name: 'term_kind', type: 'varchar', length: 16 }) termKind!: string;
  /** A curator explicitly accepted a term the parser flagged. */
  @Column({ name: 'term_accepted', type: 'boolean', default: false }) termAccepted!: boolean;
  @Column({ type: 'text', nullable: true }) result!: string | null;
  @Column({ name: 'schedule_hints', type: 'text', array: true, default: () => "'{}'" })
  scheduleHints!: string[];
  @Column({ name: 'source_line', type: 'integer', nullable: true }) sourceLine!: number | null;
  /** Row warnings from the importer; each must be accepted (or the row fixed) before launch. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) warnings!: ReviewWarning[];
  /** The importer's activity as read, for provenance. */
  @Column({ type: 'jsonb' }) imported!: Record<string, unknown>;
  @Column({ name: 'workflow_id', type: 'varchar', length: 128, nullable: true }) workflowId!: string | null;
  @Column({ name: 'workflow_started_at', type: 'timestamptz', nullable: true })
  workflowStartedAt!: Date | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
