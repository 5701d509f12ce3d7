import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only (a trigger refuses UPDATE and DELETE): who did what, when, before/after. */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_entity', ['entityType', 'entityId'])
@Index('ix_audit_events_region', ['regionId', 'at'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @CreateDateColumn({ type: 'timestamptz' }) at!: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ name: 'actor_name', type: 'varchar', length: 255, nullable: true }) actorName!: string | null;
  /** The person a deputy acted for: the audit shows both names. */
  @Column({ name: 'on_behalf_of_id', type: 'uuid', nullable: true }) onBehalfOfId!: string | null;
  @Column({ name: 'on_behalf_of_name', type: 'varchar', length: 255, nullable: true }) onBehalfOfName!:
    string | null;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ name: 'entity_type', type: 'varchar', length: 40 }) entityType!: string;
  @Column({ name: 'entity_id', type: 'varchar', length: 64 }) entityId!: string;
  @Column({ name: 'region_id', type: 'uuid', nullable: true }) regionId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) before!: unknown;
  @Column({ type: 'jsonb', nullable: true }) after!: unknown;
}
