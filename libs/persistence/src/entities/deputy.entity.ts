import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { User } from './user.entity';

/** `deputyId` stands in for `userId` from `from` to `to` inclusive (vacation, sick leave): reminders and rights. */
@Check('CHK_deputies_range', `"from" <= "to"`)
@Check('CHK_deputies_not_self', `"user_id" <> "deputy_id"`)
@Entity({ name: 'deputies' })
@Index('ix_deputies_deputy', ['deputyId', 'from', 'to'])
@Index('ix_deputies_user', ['userId', 'from', 'to'])
export class Deputy {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_deputies_user' })
  user?: Relation<User>;
  @Column({ name: 'deputy_id', type: 'uuid' }) deputyId!: string;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deputy_id', foreignKeyConstraintName: 'FK_deputies_deputy' })
  deputy?: Relation<User>;
  @Column({ name: 'from', type: 'date' }) from!: string;
  @Column({ name: 'to', type: 'date' }) to!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) reason!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
