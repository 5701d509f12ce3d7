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
  Relation,
} from 'typeorm';
import type { OrganizationKind } from '@karta/domain';
import { Region } from './region.entity';

@Check('CHK_organizations_kind', `"kind" IN ('ministry','institute','municipal','school','other')`)
@Check('CHK_organizations_not_own_parent', `"parent_id" IS NULL OR "parent_id" <> "id"`)
@Entity({ name: 'organizations' })
@Index('ix_organizations_region', ['regionId'])
@Index('ix_organizations_parent', ['parentId'])
export class Organization {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'region_id', type: 'uuid' }) regionId!: string;
  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'FK_organizations_region' })
  region?: Relation<Region>;
  @Column({ type: 'varchar', length: 32 }) kind!: OrganizationKind;
  @Column({ type: 'varchar', length: 500 }) name!: string;
  @Column({ name: 'short_name', type: 'varchar', length: 120, nullable: true }) shortName!: string | null;
  /** Other names documents use: `КОИРО`, `ЦНППМ`, `ОМСУ`. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) aliases!: string[];
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @ManyToOne(() => Organization, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_organizations_parent' })
  parent?: Relation<Organization> | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
