import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Check('CHK_users_email_lower', `"email" = lower("email")`)
@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Stored lower-case; unique. */
  @Column({ type: 'varchar', length: 320, unique: true }) email!: string;
  @Column({ name: 'full_name', type: 'varchar', length: 255 }) fullName!: string;
  /** Position as documents name it (`Ректор`, `Руководитель ЦНППМ`), for matching. */
  @Column({ type: 'varchar', length: 255, nullable: true }) position!: string | null;
  /** bcrypt; null until an invited user sets a password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 100, nullable: true, select: false })
  passwordHash!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** sha256 of the invitation token sent by email; cleared when used. */
  @Column({ name: 'invite_token_hash', type: 'varchar', length: 64, nullable: true, select: false })
  inviteTokenHash!: string | null;
  @Column({ name: 'invite_expires_at', type: 'timestamptz', nullable: true }) inviteExpiresAt!: Date | null;
  /** The secret part of the personal iCalendar feed URL. */
  @Column({ name: 'calendar_token', type: 'varchar', length: 64, unique: true, select: false })
  calendarToken!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
