import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A tenant: one subject of the federation, with the time zone its dates are read in. */
@Entity({ name: 'regions' })
export class Region {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Short stable code, e.g. `kostroma`. */
  @Column({ type: 'varchar', length: 64, unique: true }) code!: string;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  /** IANA zone: Kostroma `Europe/Moscow` (UTC+3), Amur `Asia/Yakutsk` (UTC+9). */
  @Column({ type: 'varchar', length: 64 }) tz!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
