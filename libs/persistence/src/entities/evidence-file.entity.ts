import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Evidence } from './evidence.entity';

@Entity({ name: 'evidence_files' })
@Index('ix_evidence_files_evidence', ['evidenceId'])
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'evidence_id', type: 'uuid' }) evidenceId!: string;
  @ManyToOne(() => Evidence, (e) => e.files, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'FK_evidence_files_evidence' })
  evidence?: Relation<Evidence>;
  /** Sanitised original name. */
  @Column({ name: 'file_name', type: 'varchar', length: 255 }) fileName!: string;
  @Column({ type: 'integer' }) size!: number;
  /** Detected from the content, not from the name. */
  @Column({ name: 'mime_type', type: 'varchar', length: 128 }) mimeType!: string;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ name: 'storage_key', type: 'varchar', length: 512 }) storageKey!: string;
}
