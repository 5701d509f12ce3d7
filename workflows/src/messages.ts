/**
 * The contract between the control plane (apps/api) and the execution workflows (issue 7).
 *
 * The API launches one `activityWorkflow` per roadmap activity and talks to it only through the
 * `define*` constants below. Everything here is plain data: no clock, no I/O, safe to import from the
 * workflow bundle, the API, the worker and tests. Add fields freely; never rename or repurpose one.
 *
 * Dates are ISO strings: `YYYY-MM-DD` for calendar days in the region's zone, full ISO-8601 for instants.
 *
 * How the API uses it:
 *   - Launch: `client.workflow.start(ACTIVITY_WORKFLOW_TYPE, { taskQueue, workflowId: activityWorkflowId(id),
 *     args: [input], workflowIdConflictPolicy: 'USE_EXISTING' })` — launching twice is harmless. Occurrences
 *     come from the term engine (deadlines) or `planCheckpoints` (continuous terms), with the API's ids.
 *   - Human actions: `handle.executeUpdate(submitEvidenceUpdate, { args: [..], updateId })` with the
 *     command's id as `updateId`; the payload ids (`submissionId`, `reviewId`) make a repeat harmless even
 *     across continue-as-new. A rejected update throws `WorkflowUpdateFailedError` whose `cause` is an
 *     ApplicationFailure with `type` = `validation | forbidden | not_found | conflict` (libs/domain
 *     `DomainErrorKind`), `message` in Russian and `details[0]` a stable code.
 *   - The workflow writes the projection itself (activity `project`: occurrence status, overdue, escalation,
 *     parts, planned reminders, engine audit events), before an update returns.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TermKind } from '../../libs/terms/src/types';

export type { TermKind };

// ---------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------

/** The task queue the worker polls: the default of `TEMPORAL_TASK_QUEUE` (apps/worker/src/config.ts). */
export const ENGINE_TASK_QUEUE = 'karta';

/** Workflow type names, as registered by the worker (the exported function names). */
export const ACTIVITY_WORKFLOW_TYPE = 'activityWorkflow';
export const DIGEST_WORKFLOW_TYPE = 'digestWorkflow';

/** One workflow per activity, for the activity's whole life: launching twice is harmless. */
export function activityWorkflowId(activityId: string): string {
  return `activity-${activityId}`;
}

/** The Temporal Schedule that starts the digest workflow every hour; it sends where it is 09:00 local. */
export const DIGEST_SCHEDULE_ID = 'karta-digest';
export const DIGEST_WORKFLOW_ID_PREFIX = 'digest';

// ---------------------------------------------------------------------------------------------------------
// Launch input
// ---------------------------------------------------------------------------------------------------------

/** A checkpoint asks a continuous term's executor for a progress report; a deadline asks for the result. */
export type OccurrenceKind = 'deadline' | 'checkpoint';

/** One occurrence, computed outside the workflow (term engine + `planCheckpoints`) and passed as data. */
export interface OccurrenceInput {
  /** The control plane's Occurrence id (primary key); stable for the occurrence's life. */
  occurrenceId: string;
  /** First day of the occurrence (`YYYY-MM-DD`), or null when the term names none: open from launch. */
  start: string | null;
  /** The approved due date (`YYYY-MM-DD`, inclusive, region zone). */
  due: string;
  kind: OccurrenceKind;
  /** Optional human label for messages, e.g. `III квартал 2024`. */
  label?: string;
}

/** A person as the workflow needs them for messages and checks. */
export interface Person {
  userId: string;
  email: string;
  name: string;
}

/** One responsible organization's part of the activity. Exactly one part should be `lead`. */
export interface OrganizationPart {
  organizationId: string;
  name: string;
  lead: boolean;
  executors: Person[];
  heads: Person[];
}

export interface Participants {
  organizations: OrganizationPart[];
  /** Ministry staff who review evidence and receive the second escalation level. */
  curators: Person[];
}

export type CheckpointCadence = 'monthly' | 'quarterly' | 'halfyear' | 'yearly';

/** Per-roadmap policy. Every field has a default (`DEFAULT_POLICY`); pass only what differs. */
export interface Policy {
  /** Reminders to executors, in working days before the due date (0 = on the due day). */
  reminderOffsets: number[];
  /** Local time (`HH:MM`, region zone) at which reminders, escalations and monthly notices go out. */
  sendAt: string;
  escalation: {
    /** Level 1 (executor + head): this many working days after the due date. */
    firstAfterWorkingDays: number;
    /** Level 2 (curator): this many working days after level 1. */
    curatorAfterWorkingDays: number;
    /** Level 3, 4, …: to executor, head and curator every this many calendar days after level 2. */
    repeatEveryDays: number;
  };
  /** Rework due date for a returned result, in working days after the return (when the reviewer gives none). */
  reworkWorkingDays: number;
  /** Progress checkpoints for `continuous` terms (used by `planCheckpoints`, outside the workflow). */
  checkpointCadence: CheckpointCadence;
  /** Calendar days between "external dates are missing" notices to curators. */
  externalDatesReminderEveryDays: number;
  /** `ru`: the Russian production calendar; `every-day` counts all days as working (tests, benchmarks). */
  calendar: 'ru' | 'every-day';
}

export const DEFAULT_POLICY: Policy = {
  reminderOffsets: [10, 3, 0],
  sendAt: '09:00',
  escalation: { firstAfterWorkingDays: 1, curatorAfterWorkingDays: 5, repeatEveryDays: 7 },
  reworkWorkingDays: 5,
  checkpointCadence: 'quarterly',
  externalDatesReminderEveryDays: 30,
  calendar: 'ru',
};

export type PolicyInput = Partial<Omit<Policy, 'escalation'>> & {
  escalation?: Partial<Policy['escalation']>;
};

export function resolvePolicy(input: PolicyInput | undefined): Policy {
  return {
    ...DEFAULT_POLICY,
    ...(input ?? {}),
    escalation: { ...DEFAULT_POLICY.escalation, ...(input?.escalation ?? {}) },
  };
}

export interface ActivityWorkflowInput {
  roadmapId: string;
  activityId: string;
  /** Number in the roadmap, e.g. `2.3.1`, for messages. */
  number?: string;
  title: string;
  /** The region's IANA zone, e.g. `Europe/Moscow`, `Asia/Yakutsk`. */
  tz: string;
  termKind: TermKind;
  /** For `external` terms: whose schedule (e.g. `ФГБУ «ФИОКО»`), for the curator's notice. */
  externalSource?: string;
  /** Sorted or not; the workflow sorts by due. Empty for `external` terms until `setExternalDates`. */
  occurrences: OccurrenceInput[];
  participants: Participants;
  policy?: PolicyInput;
  /** Internal: state carried across continueAsNew. Never set by the API. */
  carried?: CarriedState;
}

// ---------------------------------------------------------------------------------------------------------
// State (query result, projection payload, continueAsNew carry)
// ---------------------------------------------------------------------------------------------------------

/** Status of one organization's part of one occurrence. */
export type PartStatus = 'planned' | 'open' | 'submitted' | 'returned' | 'approved' | 'cancelled' | 'missed';
/** Status of the occurrence as a whole (the lead part decides; see `OccurrenceState.status`). */
export type OccurrenceStatus = 'planned' | 'open' | 'submitted' | 'returned' | 'approved' | 'cancelled';
/** The outcome as the ministry reports it (same values as libs/domain `Outcome`). */
export type Outcome = 'выполнено' | 'выполнено с нарушением срока' | 'не выполнено';

export type NotificationKind =
  | 'reminder'
  | 'escalation'
  | 'evidence-submitted'
  | 'returned'
  | 'approved'
  | 'deadline-changed'
  | 'assigned'
  | 'external-dates-missing'
  | 'cancelled'
  | 'digest';

export type RecipientRole = 'executor' | 'head' | 'curator';

/** A reminder or escalation step, planned or done, as the API shows it in `GET /occurrences/:id`. */
export interface PlannedNotification {
  /** Intended send time (ISO instant). */
  at: string;
  kind: 'reminder' | 'escalation';
  /**
   * `d10`, `d3`, `d0` for reminders; `1`, `2`, `3`, … for escalations; after the part's n-th re-plan (a
   * return, a moved due date) suffixed `@n`. Unique within (occurrence, organization, kind); ≤ 16 chars.
   */
  level: string;
  organizationId: string;
  recipients: RecipientRole[];
  /** `planned`: not yet due; `sent`: handed to the outbox; `skipped`: superseded by a later step or closed. */
  state: 'planned' | 'sent' | 'skipped';
  sentAt?: string;
}

export interface SubmissionRecord {
  submissionId: string;
  by: string;
  at: string;
  comment?: string;
  evidenceIds?: string[];
}

export interface ReviewRecord {
  reviewId: string;
  by: string;
  at: string;
  decision: 'approve' | 'return';
  comment?: string;
  reworkDue?: string;
}

export interface PartState {
  organizationId: string;
  lead: boolean;
  status: PartStatus;
  /** The due date this part is held to now: the rework due when returned, else the occurrence's due. */
  due: string;
  /** Set by a return; the part is then held to it (libs/domain `effectiveDue`). */
  reworkDue: string | null;
  firstSubmittedOn: string | null;
  lastSubmittedOn: string | null;
  overdue: boolean;
  /** Highest escalation level reached for the current due (0 = none). */
  escalationLevel: number;
  /** When the current due (and round) started being tracked: reminders due before it are not sent. */
  armedAt: string;
  /** Rework round: 0 until the first return. */
  round: number;
  /** Re-plan counter: grows whenever the date the part is held to changes; step levels carry it (`d3@2`). */
  epoch: number;
  late: boolean;
  submissions: SubmissionRecord[];
  reviews: ReviewRecord[];
  /** Reminder/escalation steps already sent or skipped for this part (keys from `schedule.ts`). */
  steps: StepRecord[];
}

export interface StepRecord {
  key: string;
  kind: 'reminder' | 'escalation';
  level: string;
  /** Intended time (ISO instant). */
  scheduledFor: string;
  /** When it was handled (ISO instant). */
  at: string;
  /** Superseded by a later step that fell due at the same time (catch-up), so not sent. */
  skipped?: boolean;
}

export interface OccurrenceState {
  occurrenceId: string;
  kind: OccurrenceKind;
  label?: string;
  start: string | null;
  /** The original due date at launch (baseline), beside the current approved `due`. */
  baselineDue: string;
  due: string;
  status: OccurrenceStatus;
  overdue: boolean;
  /** Highest escalation level reached by the lead part (the organization-level detail is in `parts`). */
  escalationLevel: number;
  outcome?: Outcome;
  outcomeReason?: string;
  closedAt?: string;
  parts: PartState[];
}

/** What the workflow hands to the next run on continueAsNew. */
export interface CarriedState {
  occurrences: OccurrenceState[];
  /** Occurrences closed in earlier runs: ids only, so idempotent updates stay idempotent and history small. */
  closedIds: string[];
  /** Submission/review ids already applied, for updates retried across runs. */
  appliedIds: string[];
  externalDatesSet: boolean;
  externalNoticeCount: number;
  launchedAt: string;
  runs: number;
  /** Projection sequence: the projection keeps the snapshot with the highest seq. */
  seq: number;
  /** Counter of applied changes (deadline, reassignment), part of their notification keys. */
  changes: number;
}

export type WorkflowStatus = 'running' | 'cancelled' | 'closed';

/** Answer of the `state` query. */
export interface ActivityWorkflowState {
  roadmapId: string;
  activityId: string;
  status: WorkflowStatus;
  termKind: TermKind;
  waitingForExternalDates: boolean;
  participants: Participants;
  occurrences: Array<OccurrenceState & { plan: PlannedNotification[] }>;
  closedOccurrenceIds: string[];
  policy: Policy;
}

// ---------------------------------------------------------------------------------------------------------
// Human actions
// ---------------------------------------------------------------------------------------------------------

/** Who acts. The API authenticates; the workflow checks the person against the part (executor/head). */
export interface Actor {
  userId: string;
  role: 'executor' | 'head' | 'curator' | 'admin';
  /** When a deputy acts for someone (vacation, sick leave), the person they stand in for. */
  onBehalfOf?: string;
}

/** Accepted while the part is planned (early report), open or returned. */
export interface SubmitEvidenceInput {
  occurrenceId: string;
  /** The part submitted for; may be omitted when the actor belongs to exactly one part. */
  organizationId?: string;
  /** Idempotency: the API's evidence version id. Re-sending the same id changes nothing. */
  submissionId: string;
  actor: Actor;
  comment?: string;
  evidenceIds?: string[];
}

export interface ReviewInput {
  occurrenceId: string;
  /** Defaults to the lead organization's part. */
  organizationId?: string;
  /** Idempotency: the API's review id. */
  reviewId: string;
  actor: Actor;
  decision: 'approve' | 'return';
  /** Required for `return`. */
  comment?: string;
  /** For a late approval: the reason the ministry reports (the API enforces it, see libs/domain `approve`). */
  outcomeReason?: string;
  /** `YYYY-MM-DD`; for `return`, defaults to `reworkWorkingDays` working days from today. */
  reworkDue?: string;
}

export interface ChangeDeadlineInput {
  occurrenceId: string;
  /** New approved due date `YYYY-MM-DD`. */
  due: string;
  /** When set, changes only this part's rework due (a returned part); otherwise the occurrence's due. */
  organizationId?: string;
  reason?: string;
  actor?: Actor;
}

export interface ReassignExecutorInput {
  organizationId: string;
  /** The part's executors from now on (replaces the list). */
  executors: Person[];
  /** Optional new heads list for the organization. */
  heads?: Person[];
  actor?: Actor;
}

export interface CorrectTermInput {
  termKind: TermKind;
  /**
   * The corrected occurrences. Ids already known keep their progress and take the new dates; known
   * unfinished occurrences absent here are cancelled; new ids are added. Closed occurrences are untouched.
   */
  occurrences: OccurrenceInput[];
  externalSource?: string;
  actor?: Actor;
}

export interface SetExternalDatesInput {
  /** Dates a curator entered for an `external` term; merged like `correctTerm` (by id). */
  occurrences: OccurrenceInput[];
  actor?: Actor;
}

export interface CancelActivityInput {
  reason: string;
  actor?: Actor;
}

export interface CloseRoadmapInput {
  actor?: Actor;
}

/** Accepted submissions/reviews return the occurrence as it is after the change. */
export type OccurrenceResult = OccurrenceState & { plan: PlannedNotification[] };

// Updates validate before anything is written to history: a rejected update leaves no trace.
export const submitEvidenceUpdate = defineUpdate<OccurrenceResult, [SubmitEvidenceInput]>('submitEvidence');
export const reviewUpdate = defineUpdate<OccurrenceResult, [ReviewInput]>('review');
export const changeDeadlineUpdate = defineUpdate<OccurrenceResult, [ChangeDeadlineInput]>('changeDeadline');
export const reassignExecutorUpdate = defineUpdate<void, [ReassignExecutorInput]>('reassignExecutor');
export const correctTermUpdate = defineUpdate<void, [CorrectTermInput]>('correctTerm');
export const setExternalDatesUpdate = defineUpdate<void, [SetExternalDatesInput]>('setExternalDates');

// Terminal actions are signals: always acceptable, fan out cheaply over a whole roadmap.
export const cancelActivitySignal = defineSignal<[CancelActivityInput]>('cancelActivity');
export const closeRoadmapSignal = defineSignal<[CloseRoadmapInput]>('closeRoadmap');

export const stateQuery = defineQuery<ActivityWorkflowState>('state');

// ---------------------------------------------------------------------------------------------------------
// Digest
// ---------------------------------------------------------------------------------------------------------

export interface DigestWorkflowInput {
  /** Local hour at which a region gets its digest (default 9). Regions are chosen by their own zone. */
  localHour?: number;
  /** For tests: the instant to act as (ISO); the Schedule leaves it empty and workflow time is used. */
  at?: string;
}

export interface DigestWorkflowResult {
  regions: string[];
  digests: number;
  sent: number;
}
