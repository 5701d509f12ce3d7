import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import type { AssignmentKind, AssignmentStatus, Suggestion } from '@karta/domain';
import { Activity } from './activity.entity';

/**
 * One responsible / executor string of an imported activity and what it was matched to in the directory.
 * Executors resolve to a person (`userId`, in the part of `organizationId`) or, for a position such as
 * `Ректор`, to the heads of that organization (`userId` null, `organizationId` set).
 */
@Check('CHK_activity_assignments_kind', `"kind" IN ('responsible','executor')`)
@Check('CHK_activity_assignments_status', `"status" IN ('resolved','suggested','unresolved','ignored')`)
@Entity({ name: 'activity_assignments' })
@Index('ix_activity_assignments_activity', ['activityId'])
export class ActivityAssignment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'activity_id', type: 'uuid' }) activityId!: string;
  @ManyToOne(() => Activity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'FK_activity_assignments_activity' })
  activity?: Relation<Activity>;
  @Column({ type: 'varchar', length: 16 }) kind!: AssignmentKind;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) raw!: string;
  @Column({ type: 'varchar', length: 16 }) status!: AssignmentStatus;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId!: string | null;
  /** Ranked candidates from the directory: organizations for `responsible`, people for `executor`. */
  @Column({ type: 'jsonb', default: () => "'[]'" }) suggestions!: Suggestion[];
  /** The responsible organization is the lead one (the first resolved, unless a curator says otherwise). */
  @Column({ type: 'boolean', default: false }) lead!: boolean;
}
