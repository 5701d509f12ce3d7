import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  Relation,
} from 'typeorm';
import type { ReviewWarning, RoadmapStatus } from '@karta/domain';
import { Region } from './region.entity';

@Check('CHK_roadmaps_status', `"status" IN ('draft','active','closed')`)
@Entity({ name: 'roadmaps' })
@Index('ix_roadmaps_region', ['regionId', 'status'])
export class Roadmap {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId!: string;
  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'FK_roadmaps_region' })
  region?: Relation<Region>;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'varchar', length: 16 }) status!: RoadmapStatus;
  /** Who approved it and by which order: `{by, number, date}` as the document states it. */
  @Column({ type: 'jsonb', nullable: true }) approved!: {
    by: string | null;
    number: string | null;
    date: string | null;
  } | null;
  @Column({ name: 'period_from', type: 'date', nullable: true }) periodFrom!: string | null;
  @Column({ name: 'period_to', type: 'date', nullable: true }) periodTo!: string | null;
  /** The uploaded document, kept as uploaded. */
  @Column({ name: 'source_file_name', type: 'varchar', length: 255 }) sourceFileName!: string;
  @Column({ name: 'source_format', type: 'varchar', length: 16 }) sourceFormat!: string;
  @Column({ name: 'source_sha256', type: 'char', length: 64 }) sourceSha256!: string;
  @Column({ name: 'source_size', type: 'integer' }) sourceSize!: number;
  @Column({ name: 'source_storage_key', type: 'varchar', length: 512 }) sourceStorageKey!: string;
  /** Document-level import warnings; a curator accepts each explicitly. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) warnings!: ReviewWarning[];
  /** Workflow policy overrides (reminder offsets, checkpoint cadence…), passed to each workflow. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) policy!: Record<string, unknown>;
  @Column({ name: 'created_by_id', type: 'uuid', nullable: true }) createdById!: string | null;
  @Column({ name: 'launched_at', type: 'timestamptz', nullable: true }) launchedAt!: Date | null;
  @Column({ name: 'launched_by_id', type: 'uuid', nullable: true }) launchedById!: string | null;
  /** The region's calendar day the roadmap was launched on: occurrences due before it were past at launch. */
  @Column({ name: 'launch_date', type: 'date', nullable: true }) launchDate!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  /** Optimistic lock: incremented on every change of the draft. */
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
