/**
 * What the workflows ask of the outside world. `activities/` implements these interfaces with
 * `createActivities(deps)`; workflows see only the types (erased from the bundle).
 */
import type {
  Actor,
  NotificationKind,
  OccurrenceKind,
  OccurrenceResult,
  Outcome,
  Person,
  RecipientRole,
  WorkflowStatus,
} from './messages';

export interface Recipient extends Person {
  role: RecipientRole;
}

/** Everything a template needs; dates are `YYYY-MM-DD` in `tz`. */
export interface NotificationContext {
  roadmapId: string;
  activityId: string;
  activityNumber?: string;
  activityTitle: string;
  tz: string;
  occurrenceId?: string;
  occurrenceKind?: OccurrenceKind;
  occurrenceLabel?: string;
  due?: string;
  organizationName?: string;
  /** Reminders: `d10` → 10 working days left. */
  workingDaysLeft?: number;
  escalationLevel?: number;
  comment?: string;
  reworkDue?: string;
  previousDue?: string;
  externalSource?: string;
  submittedBy?: string;
  outcome?: Outcome;
  reason?: string;
  digest?: DigestContent;
}

export interface DigestItem {
  title: string;
  due?: string;
  status?: string;
  organization?: string;
  occurrenceId?: string;
  activityId?: string;
}

export interface DigestContent {
  date: string;
  sections: Array<{ title: string; items: DigestItem[] }>;
}

/** One email to one person. */
export interface OutgoingMessage {
  /**
   * Idempotency key kept in the outbox: `<workflowId>|<occurrenceId>|<organizationId>|<kind>|<level>|<userId>`
   * (`-` for an absent part). The same key is never sent twice.
   */
  key: string;
  kind: NotificationKind;
  /** Identifies the step within its kind: a step key (`r0/2024-10-31/e2`), a review id, a date… */
  level: string;
  /** Intended send time (ISO instant); lateness = sent − scheduled. */
  scheduledFor: string;
  to: Recipient;
  context: NotificationContext;
}

export type SendOutcome = 'sent' | 'already-sent';

/** Audit-worthy things the workflow did or accepted; `key` makes each one idempotent. */
export interface EngineEvent {
  key: string;
  type:
    | 'launched'
    | 'opened'
    | 'reminded'
    | 'escalated'
    | 'overdue'
    | 'submitted'
    | 'approved'
    | 'returned'
    | 'deadline-changed'
    | 'reassigned'
    | 'term-corrected'
    | 'external-dates-set'
    | 'notification-failed'
    | 'cancelled'
    | 'closed';
  at: string;
  occurrenceId?: string;
  organizationId?: string;
  level?: number;
  actor?: Actor;
  before?: unknown;
  after?: unknown;
}

/** A snapshot of what changed; the projection keeps, per occurrence, the snapshot with the highest `seq`. */
export interface ProjectionInput {
  workflowId: string;
  roadmapId: string;
  activityId: string;
  seq: number;
  at: string;
  status: WorkflowStatus;
  waitingForExternalDates: boolean;
  occurrences: OccurrenceResult[];
  events: EngineEvent[];
}

export interface EngineActivities {
  /** Sends one email at most once (outbox). Throws `InvalidAddress` (non-retryable) for a bad address. */
  notify(message: OutgoingMessage): Promise<SendOutcome>;
  /** Writes the queryable projection (occurrence status, overdue, escalation, planned reminders, audit). */
  project(input: ProjectionInput): Promise<void>;
}

export interface DigestRunInput {
  /** The instant the digest run acts for (ISO). */
  at: string;
  localHour: number;
}

export interface DigestRecipient {
  userId: string;
  /** The recipient region's local date the digest is for. */
  date: string;
}

export interface DigestRun {
  /** Regions whose local time is `localHour` on a working day at `at`. */
  regions: string[];
  recipients: DigestRecipient[];
}

export interface DigestActivities {
  /** Who gets a digest now: people with something to read, in regions where it is `localHour` on a working day. */
  listDigestRecipients(input: DigestRunInput): Promise<DigestRun>;
  /** Builds one person's digest from the projection and sends it at most once (key `digest|<date>|<userId>`). */
  sendDigest(input: DigestRecipient & { scheduledFor: string }): Promise<SendOutcome | 'empty'>;
}
