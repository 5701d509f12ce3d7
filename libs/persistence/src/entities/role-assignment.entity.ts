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
  Relation,
} from 'typeorm';
import type { Role } from '@karta/domain';
import { Organization } from './organization.entity';
import { User } from './user.entity';

/** A person's role in one organization: `executor`, `head` (rector/director), `curator` (ministry), `admin`. */
@Check('CHK_role_assignments_role', `"role" IN ('executor','head','curator','admin')`)
@Entity({ name: 'role_assignments' })
@Unique('uq_role_assignments', ['userId', 'organizationId', 'role'])
@Index('ix_role_assignments_org', ['organizationId', 'role'])
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_role_assignments_user' })
  user?: Relation<User>;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'FK_role_assignments_org' })
  organization?: Relation<Organization>;
  @Column({ type: 'varchar', length: 16 }) role!: Role;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
