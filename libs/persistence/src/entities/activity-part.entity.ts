import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A responsible organization of a launched activity; exactly one is the lead. */
@Entity({ name: 'activity_parts' })
@Unique('uq_activity_parts', ['activityId', 'organizationId'])
@Index('ix_activity_parts_org', ['organizationId'])
export class ActivityPart {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'boolean', default: false }) lead!: boolean;
}
