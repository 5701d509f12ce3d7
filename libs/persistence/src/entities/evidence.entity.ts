import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  Relation,
} from 'typeorm';
import { EvidenceFile } from './evidence-file.entity';

/** `pending` until the workflow accepted the submission; `rejected` when it refused it. */
export type ActionState = 'pending' | 'accepted' | 'rejected';

/** One submitted version of the evidence for an occurrence (versions are kept). */
@Check('CHK_evidence_state', `"state" IN ('pending','accepted','rejected')`)
@Entity({ name: 'evidence' })
@Unique('uq_evidence_version', ['occurrenceId', 'version'])
@Index('ix_evidence_occurrence', ['occurrenceId'])
export class Evidence {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'occurrence_id', type: 'uuid' }) occurrenceId!: string;
  /** The organization's part it reports for. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  /** For results that are an order or a protocol: its number and date. */
  @Column({ name: 'document_number', type: 'varchar', length: 64, nullable: true }) documentNumber!:
    string | null;
  @Column({ name: 'document_date', type: 'date', nullable: true }) documentDate!: string | null;
  @Column({ name: 'submitted_by_id', type: 'uuid' }) submittedById!: string;
  @Column({ name: 'on_behalf_of_id', type: 'uuid', nullable: true }) onBehalfOfId!: string | null;
  @Column({ type: 'varchar', length: 16 }) state!: ActionState;
  @Column({ name: 'state_reason', type: 'text', nullable: true }) stateReason!: string | null;
  @OneToMany(() => EvidenceFile, (f) => f.evidence, { cascade: ['insert'] }) files?: Relation<EvidenceFile[]>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
