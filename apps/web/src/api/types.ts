/**
 * What the web app reads from the API (issue 6 contract plus the fields the control plane adds).
 * Fields beyond the contract are optional: the UI shows what it is given.
 */
import type { Role } from '../../../../libs/domain/src/roles';
import type { OccurrenceStatus } from '../../../../libs/domain/src/occurrence';

export type { Role, OccurrenceStatus };

export interface OrgRef {
  id: string;
  name: string;
  shortName?: string | null;
  kind?: string;
}

export interface RoleAssignment {
  role: Role;
  regionId?: string;
  organizationId?: string | null;
  organization?: OrgRef | null;
  organizationName?: string;
}

export interface Me {
  id: string;
  fullName: string;
  email: string;
  roles: RoleAssignment[];
  organization?: OrgRef | null;
  region?: { id: string; name: string; timezone?: string; tz?: string } | null;
  /** People he stands in for today (vacation, sick leave). */
  deputyFor?: { userId: string; fullName: string; from: string; to: string }[];
  /** Secret personal iCalendar feed URL. */
  calendarUrl?: string;
  icsUrl?: string;
}

export interface PersonRef {
  id?: string;
  userId?: string;
  fullName: string;
  email?: string;
  organizationId?: string;
}

export interface Task {
  id: string;
  activityId: string;
  title: string;
  due: string;
  status: OccurrenceStatus;
  overdue: boolean;
  start?: string | null;
  baselineDue?: string | null;
  reworkDue?: string | null;
  workingDaysLeft?: number | null;
  number?: string | null;
  roadmapId?: string;
  roadmapTitle?: string | null;
  /** The expected result, as the document states it. */
  result?: string | null;
  expectedResult?: string | null;
  /** The term as written in the document. */
  term?: string | null;
  /** Due within the API's window (14 days), neither overdue nor submitted. */
  dueSoon?: boolean;
  /** The organization's name (task lists) or the organization (older shapes). */
  organization?: OrgRef | string | null;
  organizationId?: string | null;
  organizationName?: string;
  /** People (occurrence detail) or their names joined (head's overview). */
  executors?: PersonRef[] | string | null;
  executor?: PersonRef | null;
  escalationLevel?: number;
  delayNote?: string | null;
  lastComment?: string | null;
  kind?: string;
  label?: string | null;
}

export interface Reminder {
  at: string;
  kind: string;
  sent: boolean;
  state?: 'planned' | 'sent' | 'skipped';
  sentAt?: string | null;
  level?: string | number;
  recipients?: string[];
  /** The organization's part the step belongs to (an item of several organizations has one plan each). */
  organizationId?: string | null;
}

export interface EvidenceFile {
  id: string;
  fileName?: string;
  name?: string;
  filename?: string;
  originalName?: string;
  size: number;
  mimeType?: string;
  mime?: string;
  sha256?: string;
  url?: string;
}

export interface Evidence {
  id: string;
  comment?: string | null;
  createdAt?: string;
  at?: string;
  version?: number;
  by?: PersonRef | string | null;
  submittedBy?: PersonRef | null;
  onBehalfOf?: PersonRef | null;
  /** `pending` until the workflow accepted it, `rejected` when it refused. */
  state?: 'pending' | 'accepted' | 'rejected';
  stateReason?: string | null;
  documentNumber?: string | null;
  documentDate?: string | null;
  files?: EvidenceFile[];
  /** Some stores keep one file per evidence row. */
  name?: string;
  filename?: string;
  size?: number;
  mimeType?: string;
}

export interface Review {
  id: string;
  decision: 'approve' | 'return' | 'approved' | 'returned';
  comment?: string | null;
  createdAt?: string;
  at?: string;
  by?: PersonRef | string | null;
  reviewer?: PersonRef | null;
  reworkDue?: string | null;
  outcomeReason?: string | null;
  state?: 'pending' | 'accepted' | 'rejected';
}

export interface HistoryEvent {
  id?: string;
  at: string;
  action: string;
  actor?: PersonRef | string | null;
  actorName?: string | null;
  onBehalfOf?: PersonRef | string | null;
  onBehalfOfName?: string | null;
  text?: string;
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
}

export interface OccurrencePart {
  organizationId: string;
  name: string;
  lead: boolean;
  status?: string;
  overdue?: boolean;
  escalationLevel?: number;
  reworkDue?: string | null;
  late?: boolean;
}

export interface OccurrenceDetail extends Task {
  section?: string[] | null;
  /** The result is an order or a protocol: the form asks for its number and date. */
  expectsDocument?: boolean;
  organizations?: OccurrencePart[];
  pastDueAtLaunch?: boolean;
  pastDueDecision?: string | null;
  activity?: {
    id: string;
    number?: string | null;
    title: string;
    expectedResult?: string | null;
    termRaw?: string | null;
    sectionPath?: string[] | string | null;
    roadmap?: { id: string; title: string } | null;
  } | null;
  reminders: Reminder[];
  evidence: Evidence[];
  reviews: Review[];
  history?: HistoryEvent[];
  audit?: HistoryEvent[];
  /** The expected result is an order or a protocol: the form also asks for its number and date. */
  requiresDocument?: boolean;
  outcome?: string | null;
  outcomeReason?: string | null;
  deadlineChanges?: DeadlineChange[];
  can?: Record<string, boolean>;
}

export interface DeadlineChange {
  id: string;
  occurrenceId: string;
  number?: string | null;
  status: 'requested' | 'approved' | 'refused';
  currentDue: string;
  proposedDue: string;
  reason: string;
  decisionComment?: string | null;
  createdAt?: string;
  requestedBy?: PersonRef | string | null;
  decidedBy?: PersonRef | string | null;
  decidedAt?: string | null;
  occurrence?: Partial<Task> | null;
  title?: string;
  organizationName?: string;
}

export interface ReviewQueueItem extends Task {
  evidence?: { id: string; version: number; submittedAt: string; submittedBy: string } | null;
}

export interface HeadOverview {
  organizationIds: string[];
  overdue: Task[];
  dueSoon: Task[];
}

export interface RoadmapSummary {
  id: string;
  regionId?: string;
  title: string;
  status: 'draft' | 'active' | 'closed';
  version?: number;
  period?: { from: string; to: string } | null;
  approved?: { by: string | null; number: string | null; date: string | null } | null;
  launchDate?: string | null;
  activities?: number | unknown[];
  activitiesCount?: number;
  createdAt?: string;
  launchedAt?: string | null;
}

export interface Suggestion {
  id: string;
  label: string;
  /** 0..1, higher is better. */
  score?: number;
  /** Why it matched: `alias`, `abbreviation`, `typo`, `name`, `initials`, `surname`. */
  reason?: string;
}

export type AssignmentStatus = 'resolved' | 'suggested' | 'unresolved' | 'ignored';

/** One responsible / executor string of a draft activity and what it was matched to. */
export interface Assignment {
  id: string;
  kind: 'responsible' | 'executor';
  raw: string;
  status: AssignmentStatus;
  organizationId?: string | null;
  organization?: OrgRef | null;
  organizationName?: string | null;
  userId?: string | null;
  user?: PersonRef | null;
  userName?: string | null;
  suggestions?: Suggestion[];
  lead?: boolean;
}

export interface ReviewWarning {
  message: string;
  line?: number | null;
  accepted: boolean;
}

export interface DraftTerm {
  raw: string;
  kind: string;
  needsReview: boolean;
  reason?: string | null;
  occurrences?: { start: string | null; due: string }[] | number;
  external?: string | null;
  window?: { start: string | null; end: string | null } | null;
}

export interface DraftActivity {
  id: string;
  number?: string | null;
  section?: string[] | null;
  parent?: string | null;
  title: string;
  result?: string | null;
  expectedResult?: string | null;
  termRaw?: string | null;
  term?: DraftTerm | null;
  termAccepted?: boolean;
  warnings?: ReviewWarning[];
  assignments?: Assignment[];
  cancelledAt?: string | null;
  workflowId?: string | null;
  needsReview?: boolean;
}

export interface Blocker {
  kind: 'term' | 'warning' | 'responsible' | 'executor' | 'no_responsible' | 'document_warning' | string;
  activityId: string | null;
  number: string | null;
  ref?: string | number | null;
  message: string;
}

export interface RoadmapDraft extends RoadmapSummary {
  activities: DraftActivity[];
  warnings?: ReviewWarning[];
  blockers?: Blocker[];
  needsReview?: number;
  pastDue?: PastDueItem[];
  sourceFileName?: string;
}

/** An occurrence already past when the roadmap was launched: the curator decides what it is. */
export interface PastDueItem {
  occurrenceId: string;
  id?: string;
  activityId?: string;
  title: string;
  due: string;
  number?: string | null;
  status?: string;
  /** The curator's decision: `pending` until made. */
  decision?: 'pending' | 'done' | 'replanned' | 'overdue' | null;
  /** The result is an order or a protocol: marking it done needs its number and date. */
  expectsDocument?: boolean;
}

export interface ImportResult {
  id: string;
  activities: number;
  needsReview: number;
}

export interface ProgressCounts {
  [status: string]: number;
}

export interface RoadmapProgress {
  roadmapId?: string;
  asOf?: string;
  total: number;
  overdue?: number;
  byStatus: ProgressCounts;
  byOutcome?: ProgressCounts;
  byDirection: {
    direction: string;
    total: number;
    approved: number;
    overdue: number;
    byStatus?: ProgressCounts;
  }[];
  byOrganization: {
    organizationId: string;
    name: string;
    total: number;
    overdue: number;
    approved?: number;
  }[];
}

/** GET uploads/limits: what the server accepts as evidence (it checks the type by content). */
export interface UploadLimits {
  maxFileBytes: number;
  maxFiles: number;
  mimeTypes: string[];
  /** Lower-case extensions without the dot. */
  extensions: string[];
}

export interface TimelineItem {
  id: string;
  activityId?: string;
  number?: string | null;
  title: string;
  direction?: string | null;
  start?: string | null;
  due: string;
  baselineDue?: string | null;
  status: OccurrenceStatus;
  overdue: boolean;
  label?: string | null;
  organizationName?: string | null;
}

export interface Organization {
  id: string;
  name: string;
  shortName?: string | null;
  kind: string;
  parentId?: string | null;
  aliases?: string[];
  regionId?: string;
}

export interface DirectoryUser {
  id: string;
  fullName: string;
  email: string;
  position?: string | null;
  roles?: (RoleAssignment & { id?: string })[];
  active?: boolean;
}

export interface MailMessage {
  id?: string;
  to: string | string[];
  from?: string;
  subject: string;
  date: string;
  text: string;
  html?: string;
}

/** Someone standing in for a person over a date range (vacation, sick leave). */
export interface Deputy {
  id: string;
  deputyId?: string;
  deputyName?: string;
  fullName?: string;
  from: string;
  to: string;
  reason?: string | null;
}
