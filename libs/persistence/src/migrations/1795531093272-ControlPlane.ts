import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The control plane's schema (issue 6): directory, roadmaps, activities, occurrences and their projection,
 * evidence, reviews, deadline changes, the notification outbox and plan, workflow commands and the audit log.
 * Written by hand; `schema:log` against the entities is empty after it runs (checked in the persistence spec).
 */
export class ControlPlane1795531093272 implements MigrationInterface {
  name = 'ControlPlane1795531093272';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`CREATE TABLE "regions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "code" varchar(64) NOT NULL,
      "name" varchar(255) NOT NULL,
      "tz" varchar(64) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_regions" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_regions_code" UNIQUE ("code"))`);

    await q.query(`CREATE TABLE "organizations" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "region_id" uuid NOT NULL,
      "kind" varchar(32) NOT NULL,
      "name" varchar(500) NOT NULL,
      "short_name" varchar(120),
      "aliases" text array NOT NULL DEFAULT '{}',
      "parent_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_organizations" PRIMARY KEY ("id"),
      CONSTRAINT "FK_organizations_region" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT,
      CONSTRAINT "FK_organizations_parent" FOREIGN KEY ("parent_id") REFERENCES "organizations"("id") ON DELETE RESTRICT,
      CONSTRAINT "CHK_organizations_kind" CHECK ("kind" IN ('ministry','institute','municipal','school','other')),
      CONSTRAINT "CHK_organizations_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id"))`);
    await q.query(`CREATE INDEX "ix_organizations_region" ON "organizations" ("region_id")`);
    await q.query(`CREATE INDEX "ix_organizations_parent" ON "organizations" ("parent_id")`);

    await q.query(`CREATE TABLE "users" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "email" varchar(320) NOT NULL,
      "full_name" varchar(255) NOT NULL,
      "position" varchar(255),
      "password_hash" varchar(100),
      "active" boolean NOT NULL DEFAULT true,
      "invite_token_hash" varchar(64),
      "invite_expires_at" timestamptz,
      "calendar_token" varchar(64) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_users" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_users_email" UNIQUE ("email"),
      CONSTRAINT "UQ_users_calendar_token" UNIQUE ("calendar_token"),
      CONSTRAINT "CHK_users_email_lower" CHECK ("email" = lower("email")))`);

    await q.query(`CREATE TABLE "role_assignments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "organization_id" uuid NOT NULL,
      "role" varchar(16) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_role_assignments" PRIMARY KEY ("id"),
      CONSTRAINT "uq_role_assignments" UNIQUE ("user_id", "organization_id", "role"),
      CONSTRAINT "FK_role_assignments_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_role_assignments_org" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE,
      CONSTRAINT "CHK_role_assignments_role" CHECK ("role" IN ('executor','head','curator','admin')))`);
    await q.query(`CREATE INDEX "ix_role_assignments_org" ON "role_assignments" ("organization_id", "role")`);

    await q.query(`CREATE TABLE "deputies" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "deputy_id" uuid NOT NULL,
      "from" date NOT NULL,
      "to" date NOT NULL,
      "reason" varchar(255),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_deputies" PRIMARY KEY ("id"),
      CONSTRAINT "FK_deputies_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_deputies_deputy" FOREIGN KEY ("deputy_id") REFERENCES "users"("id") ON DELETE CASCADE,
      CONSTRAINT "CHK_deputies_range" CHECK ("from" <= "to"),
      CONSTRAINT "CHK_deputies_not_self" CHECK ("user_id" <> "deputy_id"))`);
    await q.query(`CREATE INDEX "ix_deputies_deputy" ON "deputies" ("deputy_id", "from", "to")`);
    await q.query(`CREATE INDEX "ix_deputies_user" ON "deputies" ("user_id", "from", "to")`);

    await q.query(`CREATE TABLE "roadmaps" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "region_id" uuid NOT NULL,
      "title" text NOT NULL,
      "status" varchar(16) NOT NULL,
      "approved" jsonb,
      "period_from" date,
      "period_to" date,
      "source_file_name" varchar(255) NOT NULL,
      "source_format" varchar(16) NOT NULL,
      "source_sha256" char(64) NOT NULL,
      "source_size" integer NOT NULL,
      "source_storage_key" varchar(512) NOT NULL,
      "warnings" jsonb NOT NULL DEFAULT '[]',
      "policy" jsonb NOT NULL DEFAULT '{}',
      "created_by_id" uuid,
      "launched_at" timestamptz,
      "launched_by_id" uuid,
      "launch_date" date,
      "closed_at" timestamptz,
      "version" integer NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_roadmaps" PRIMARY KEY ("id"),
      CONSTRAINT "FK_roadmaps_region" FOREIGN KEY ("region_id") REFERENCES "regions"("id") ON DELETE RESTRICT,
      CONSTRAINT "CHK_roadmaps_status" CHECK ("status" IN ('draft','active','closed')))`);
    await q.query(`CREATE INDEX "ix_roadmaps_region" ON "roadmaps" ("region_id", "status")`);

    await q.query(`CREATE TABLE "activities" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "roadmap_id" uuid NOT NULL,
      "ordinal" integer NOT NULL,
      "number" varchar(32),
      "section" text array NOT NULL DEFAULT '{}',
      "parent" text,
      "title" text NOT NULL,
      "term_raw" text NOT NULL,
      "term" jsonb NOT NULL,
      "term_kind" varchar(16) NOT NULL,
      "term_accepted" boolean NOT NULL DEFAULT false,
      "result" text,
      "schedule_hints" text array NOT NULL DEFAULT '{}',
      "source_line" integer,
      "warnings" jsonb NOT NULL DEFAULT '[]',
      "imported" jsonb NOT NULL,
      "workflow_id" varchar(128),
      "workflow_started_at" timestamptz,
      "cancelled_at" timestamptz,
      "cancel_reason" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_activities" PRIMARY KEY ("id"),
      CONSTRAINT "uq_activities_ordinal" UNIQUE ("roadmap_id", "ordinal"),
      CONSTRAINT "FK_activities_roadmap" FOREIGN KEY ("roadmap_id") REFERENCES "roadmaps"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "ix_activities_workflow" ON "activities" ("workflow_id")`);

    await q.query(`CREATE TABLE "activity_assignments" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "activity_id" uuid NOT NULL,
      "kind" varchar(16) NOT NULL,
      "position" integer NOT NULL,
      "raw" text NOT NULL,
      "status" varchar(16) NOT NULL,
      "organization_id" uuid,
      "user_id" uuid,
      "suggestions" jsonb NOT NULL DEFAULT '[]',
      "lead" boolean NOT NULL DEFAULT false,
      CONSTRAINT "PK_activity_assignments" PRIMARY KEY ("id"),
      CONSTRAINT "FK_activity_assignments_activity" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE,
      CONSTRAINT "CHK_activity_assignments_kind" CHECK ("kind" IN ('responsible','executor')),
      CONSTRAINT "CHK_activity_assignments_status" CHECK ("status" IN ('resolved','suggested','unresolved','ignored')))`);
    await q.query(
      `CREATE INDEX "ix_activity_assignments_activity" ON "activity_assignments" ("activity_id")`,
    );

    await q.query(`CREATE TABLE "activity_parts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "activity_id" uuid NOT NULL,
      "organization_id" uuid NOT NULL,
      "lead" boolean NOT NULL DEFAULT false,
      CONSTRAINT "PK_activity_parts" PRIMARY KEY ("id"),
      CONSTRAINT "uq_activity_parts" UNIQUE ("activity_id", "organization_id"))`);
    await q.query(`CREATE INDEX "ix_activity_parts_org" ON "activity_parts" ("organization_id")`);

    await q.query(`CREATE TABLE "activity_executors" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "activity_id" uuid NOT NULL,
      "organization_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "assigned_by_id" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_activity_executors" PRIMARY KEY ("id"),
      CONSTRAINT "uq_activity_executors" UNIQUE ("activity_id", "organization_id", "user_id"))`);
    await q.query(`CREATE INDEX "ix_activity_executors_user" ON "activity_executors" ("user_id")`);

    await q.query(`CREATE TABLE "occurrences" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "activity_id" uuid NOT NULL,
      "roadmap_id" uuid NOT NULL,
      "region_id" uuid NOT NULL,
      "seq" integer NOT NULL,
      "kind" varchar(16) NOT NULL DEFAULT 'deadline',
      "label" varchar(120),
      "start" date,
      "baseline_due" date NOT NULL,
      "due" date NOT NULL,
      "status" varchar(16) NOT NULL,
      "overdue" boolean NOT NULL DEFAULT false,
      "escalation_level" integer NOT NULL DEFAULT 0,
      "outcome" varchar(40),
      "outcome_reason" text,
      "rework_due" date,
      "first_submitted_on" date,
      "last_submitted_on" date,
      "closed_at" timestamptz,
      "delay_note" text,
      "delay_note_by_id" uuid,
      "delay_note_at" timestamptz,
      "past_due_at_launch" boolean NOT NULL DEFAULT false,
      "past_due_decision" varchar(16),
      "projection_seq" integer NOT NULL DEFAULT 0,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_occurrences" PRIMARY KEY ("id"),
      CONSTRAINT "uq_occurrences_seq" UNIQUE ("activity_id", "seq"),
      CONSTRAINT "FK_occurrences_activity" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE,
      CONSTRAINT "CHK_occurrences_status" CHECK ("status" IN ('planned','open','submitted','returned','approved','cancelled')),
      CONSTRAINT "CHK_occurrences_outcome" CHECK ("outcome" IS NULL OR "outcome" IN ('выполнено','выполнено с нарушением срока','не выполнено')),
      CONSTRAINT "CHK_occurrences_reason" CHECK ("outcome" IS NULL OR "outcome" = 'выполнено' OR coalesce(btrim("outcome_reason"), '') <> ''))`);
    await q.query(`CREATE INDEX "ix_occurrences_roadmap" ON "occurrences" ("roadmap_id", "status")`);
    await q.query(`CREATE INDEX "ix_occurrences_due" ON "occurrences" ("due")`);

    await q.query(`CREATE TABLE "occurrence_parts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "occurrence_id" uuid NOT NULL,
      "organization_id" uuid NOT NULL,
      "lead" boolean NOT NULL DEFAULT false,
      "status" varchar(16) NOT NULL,
      "due" date NOT NULL,
      "rework_due" date,
      "overdue" boolean NOT NULL DEFAULT false,
      "escalation_level" integer NOT NULL DEFAULT 0,
      "first_submitted_on" date,
      "last_submitted_on" date,
      "late" boolean NOT NULL DEFAULT false,
      "projection_seq" integer NOT NULL DEFAULT 0,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_occurrence_parts" PRIMARY KEY ("id"),
      CONSTRAINT "uq_occurrence_parts" UNIQUE ("occurrence_id", "organization_id"))`);
    await q.query(
      `CREATE INDEX "ix_occurrence_parts_org" ON "occurrence_parts" ("organization_id", "overdue")`,
    );

    await q.query(`CREATE TABLE "evidence" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "occurrence_id" uuid NOT NULL,
      "organization_id" uuid,
      "version" integer NOT NULL,
      "comment" text,
      "document_number" varchar(64),
      "document_date" date,
      "submitted_by_id" uuid NOT NULL,
      "on_behalf_of_id" uuid,
      "state" varchar(16) NOT NULL,
      "state_reason" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_evidence" PRIMARY KEY ("id"),
      CONSTRAINT "uq_evidence_version" UNIQUE ("occurrence_id", "version"),
      CONSTRAINT "CHK_evidence_state" CHECK ("state" IN ('pending','accepted','rejected')))`);
    await q.query(`CREATE INDEX "ix_evidence_occurrence" ON "evidence" ("occurrence_id")`);

    await q.query(`CREATE TABLE "evidence_files" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "evidence_id" uuid NOT NULL,
      "file_name" varchar(255) NOT NULL,
      "size" integer NOT NULL,
      "mime_type" varchar(128) NOT NULL,
      "sha256" char(64) NOT NULL,
      "storage_key" varchar(512) NOT NULL,
      CONSTRAINT "PK_evidence_files" PRIMARY KEY ("id"),
      CONSTRAINT "FK_evidence_files_evidence" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "ix_evidence_files_evidence" ON "evidence_files" ("evidence_id")`);

    await q.query(`CREATE TABLE "reviews" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "occurrence_id" uuid NOT NULL,
      "evidence_id" uuid,
      "organization_id" uuid,
      "decision" varchar(16) NOT NULL,
      "comment" text,
      "rework_due" date,
      "outcome_reason" text,
      "reviewer_id" uuid NOT NULL,
      "on_behalf_of_id" uuid,
      "state" varchar(16) NOT NULL,
      "state_reason" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_reviews" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_reviews_decision" CHECK ("decision" IN ('approve','return')),
      CONSTRAINT "CHK_reviews_state" CHECK ("state" IN ('pending','accepted','rejected')))`);
    await q.query(`CREATE INDEX "ix_reviews_occurrence" ON "reviews" ("occurrence_id")`);

    await q.query(`CREATE TABLE "deadline_changes" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "occurrence_id" uuid NOT NULL,
      "requested_by_id" uuid NOT NULL,
      "current_due" date NOT NULL,
      "proposed_due" date NOT NULL,
      "reason" text NOT NULL,
      "status" varchar(16) NOT NULL,
      "decided_by_id" uuid,
      "decided_at" timestamptz,
      "decision_comment" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_deadline_changes" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_deadline_changes_status" CHECK ("status" IN ('requested','approved','refused')))`);
    await q.query(`CREATE INDEX "ix_deadline_changes_occurrence" ON "deadline_changes" ("occurrence_id")`);
    await q.query(`CREATE INDEX "ix_deadline_changes_status" ON "deadline_changes" ("status")`);

    await q.query(`CREATE TABLE "notification_outbox" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "idempotency_key" varchar(400) NOT NULL,
      "workflow_id" varchar(128),
      "occurrence_id" uuid,
      "organization_id" uuid,
      "kind" varchar(40) NOT NULL,
      "level" varchar(16) NOT NULL DEFAULT '',
      "recipient" varchar(320) NOT NULL,
      "recipient_user_id" uuid,
      "on_behalf_of_user_id" uuid,
      "subject" text NOT NULL,
      "text" text NOT NULL DEFAULT '',
      "html" text,
      "status" varchar(16) NOT NULL DEFAULT 'pending',
      "attempts" integer NOT NULL DEFAULT 0,
      "sent_at" timestamptz,
      "last_error" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_notification_outbox" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_notification_outbox_key" UNIQUE ("idempotency_key"))`);
    await q.query(
      `CREATE INDEX "ix_notification_outbox_status" ON "notification_outbox" ("status", "created_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_notification_outbox_occurrence" ON "notification_outbox" ("occurrence_id")`,
    );

    await q.query(`CREATE TABLE "reminders" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "occurrence_id" uuid NOT NULL,
      "organization_id" uuid,
      "at" timestamptz NOT NULL,
      "kind" varchar(16) NOT NULL,
      "level" varchar(16) NOT NULL,
      "recipients" text array NOT NULL DEFAULT '{}',
      "state" varchar(16) NOT NULL DEFAULT 'planned',
      "sent" boolean NOT NULL DEFAULT false,
      "sent_at" timestamptz,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_reminders" PRIMARY KEY ("id"),
      CONSTRAINT "uq_reminders_step" UNIQUE ("occurrence_id", "organization_id", "kind", "level"))`);
    await q.query(`CREATE INDEX "ix_reminders_at" ON "reminders" ("at")`);

    await q.query(`CREATE TABLE "audit_events" (
      "id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,
      "at" timestamptz NOT NULL DEFAULT now(),
      "actor_id" uuid,
      "actor_name" varchar(255),
      "on_behalf_of_id" uuid,
      "on_behalf_of_name" varchar(255),
      "action" varchar(64) NOT NULL,
      "entity_type" varchar(40) NOT NULL,
      "entity_id" varchar(64) NOT NULL,
      "region_id" uuid,
      "before" jsonb,
      "after" jsonb,
      CONSTRAINT "PK_audit_events" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_audit_events_entity" ON "audit_events" ("entity_type", "entity_id")`);
    await q.query(`CREATE INDEX "ix_audit_events_region" ON "audit_events" ("region_id", "at")`);
    // Append-only: history that can be rewritten is not an audit.
    await q.query(`CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await q.query(`CREATE TRIGGER "audit_events_no_change" BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"()`);

    await q.query(`CREATE TABLE "workflow_commands" (
      "id" uuid NOT NULL,
      "workflow_id" varchar(128) NOT NULL,
      "name" varchar(40) NOT NULL,
      "kind" varchar(8) NOT NULL,
      "payload" jsonb NOT NULL,
      "subject" varchar(200),
      "state" varchar(16) NOT NULL,
      "attempts" integer NOT NULL DEFAULT 0,
      "last_error" text,
      "result" jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "next_attempt_at" timestamptz NOT NULL DEFAULT now(),
      "delivered_at" timestamptz,
      CONSTRAINT "PK_workflow_commands" PRIMARY KEY ("id"),
      CONSTRAINT "CHK_workflow_commands_state" CHECK ("state" IN ('pending','delivered','rejected')))`);
    await q.query(
      `CREATE INDEX "ix_workflow_commands_pending" ON "workflow_commands" ("state", "next_attempt_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_workflow_commands_workflow" ON "workflow_commands" ("workflow_id", "created_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'workflow_commands',
      'audit_events',
      'reminders',
      'notification_outbox',
      'deadline_changes',
      'reviews',
      'evidence_files',
      'evidence',
      'occurrence_parts',
      'occurrences',
      'activity_executors',
      'activity_parts',
      'activity_assignments',
      'activities',
      'roadmaps',
      'deputies',
      'role_assignments',
      'users',
      'organizations',
      'regions',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query(`DROP FUNCTION "audit_events_append_only"()`);
  }
}
