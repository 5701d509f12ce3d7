import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** One responsible organization's part of an occurrence (messages.ts `PartState`): who is late. */
@Entity({ name: 'occurrence_parts' })
@Unique('uq_occurrence_parts', ['occurrenceId', 'organizationId'])
@Index('ix_occurrence_parts_org', ['organizationId', 'overdue'])
export class OccurrencePart {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'occurrence_id', type: 'uuid' }) occurrenceId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'boolean', default: false }) lead!: boolean;
  /** `planned | open | submitted | returned | approved | cancelled | missed` */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'date' }) due!: string;
  @Column({ name: 'rework_due', type: 'date', nullable: true }) reworkDue!: string | null;
  @Column({ type: 'boolean', default: false }) overdue!: boolean;
  @Column({ name: 'escalation_level', type: 'integer', default: 0 }) escalationLevel!: number;
  @Column({ name: 'first_submitted_on', type: 'date', nullable: true }) firstSubmittedOn!: string | null;
  @Column({ name: 'last_submitted_on', type: 'date', nullable: true }) lastSubmittedOn!: string | null;
  @Column({ type: 'boolean', default: false }) late!: boolean;
  @Column({ name: 'projection_seq', type: 'integer', default: 0 }) projectionSeq!: number;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
