import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The people doing an organization's part of a launched activity; heads replace them (reassignment). */
@Entity({ name: 'activity_executors' })
@Unique('uq_activity_executors', ['activityId', 'organizationId', 'userId'])
@Index('ix_activity_executors_user', ['userId'])
export class ActivityExecutor {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'assigned_by_id', type: 'uuid', nullable: true }) assignedById!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
