/**
 * Every API route the web app calls, in one place (all under /api, Bearer token). The contract of issue 6
 * fixes the first group; the rest follow apps/api's controllers.
 */
import { api, download, fetchBlob, upload } from './client';
import type {
  DeadlineChange,
  Deputy,
  DirectoryUser,
  HeadOverview,
  HistoryEvent,
  ImportResult,
  MailMessage,
  OccurrenceDetail,
  Organization,
  PastDueItem,
  ReviewQueueItem,
  RoadmapDraft,
  RoadmapProgress,
  RoadmapSummary,
  Task,
  TimelineItem,
  UploadLimits,
} from './types';

const enc = encodeURIComponent;

// ---- Executor ----
export const getMyTasks = (signal?: AbortSignal) => api.get<Task[]>('/me/tasks', undefined, signal);
export const getOccurrence = (id: string, signal?: AbortSignal) =>
  api.get<OccurrenceDetail>(`/occurrences/${enc(id)}`, undefined, signal);
export const getOccurrenceHistory = (id: string, signal?: AbortSignal) =>
  api.get<HistoryEvent[]>(`/occurrences/${enc(id)}/history`, undefined, signal);

export function uploadEvidence(
  occurrenceId: string,
  input: { files: File[]; comment?: string; documentNumber?: string; documentDate?: string },
  onProgress: (f: number) => void,
) {
  const form = new FormData();
  for (const f of input.files) form.append('files', f, f.name);
  if (input.comment?.trim()) form.append('comment', input.comment.trim());
  if (input.documentNumber?.trim()) form.append('documentNumber', input.documentNumber.trim());
  if (input.documentDate) form.append('documentDate', input.documentDate);
  return upload<unknown>(`/occurrences/${enc(occurrenceId)}/evidence`, form, onProgress);
}

/** The evidence limits the server enforces (size, count, types), from its own configuration. */
export const getUploadLimits = (signal?: AbortSignal) =>
  api.get<UploadLimits>('/uploads/limits', undefined, signal);

/** Files are checked like their occurrence; the API gives each its `url` (under /api). */
export const evidenceFilePath = (file: { id: string; url?: string }) =>
  file.url ? file.url.replace(/^\/api(?=\/)/, '') : `/evidence/files/${enc(file.id)}`;
export const fetchEvidenceFile = (file: { id: string; url?: string }) => fetchBlob(evidenceFilePath(file));
export const downloadEvidenceFile = (file: { id: string; url?: string }, name: string) =>
  download(evidenceFilePath(file), name);

export const requestDeadlineChange = (occurrenceId: string, body: { proposedDue: string; reason: string }) =>
  api.post<DeadlineChange>(`/occurrences/${enc(occurrenceId)}/deadline-changes`, body);

// ---- Curator: review ----
export const getReviewQueue = (signal?: AbortSignal) =>
  api.get<ReviewQueueItem[]>('/curators/review-queue', undefined, signal);
export const approveOccurrence = (id: string, body: { comment?: string; outcomeReason?: string }) =>
  api.post<unknown>(`/occurrences/${enc(id)}/approve`, body);
export const returnOccurrence = (id: string, body: { comment: string; reworkDue?: string }) =>
  api.post<unknown>(`/occurrences/${enc(id)}/return`, body);

// ---- Head ----
export const getHeadOverview = (days: number, signal?: AbortSignal) =>
  api.get<HeadOverview>('/heads/overview', { days }, signal);
/** Replaces the executors of one organization's part of an activity. */
export const reassignExecutors = (activityId: string, body: { organizationId: string; userIds: string[] }) =>
  api.post<unknown>(`/activities/${enc(activityId)}/executors`, body);
export const saveDelayNote = (occurrenceId: string, note: string) =>
  api.post<unknown>(`/occurrences/${enc(occurrenceId)}/delay-note`, { note });

// ---- Curator: roadmaps ----
export const listRoadmaps = (signal?: AbortSignal) =>
  api.get<RoadmapSummary[]>('/roadmaps', undefined, signal);
export function importRoadmap(file: File, onProgress: (f: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload<ImportResult>('/roadmaps/import', form, onProgress);
}
export const getRoadmap = (id: string, signal?: AbortSignal) =>
  api.get<RoadmapDraft>(`/roadmaps/${enc(id)}`, undefined, signal);
export const updateActivity = (
  roadmapId: string,
  activityId: string,
  body: { term?: string; acceptTerm?: boolean; title?: string; result?: string | null },
) => api.patch<unknown>(`/roadmaps/${enc(roadmapId)}/activities/${enc(activityId)}`, body);
export const resolveAssignment = (
  roadmapId: string,
  assignmentId: string,
  body: { organizationId?: string; userId?: string; ignore?: boolean; lead?: boolean },
) => api.patch<unknown>(`/roadmaps/${enc(roadmapId)}/assignments/${enc(assignmentId)}`, body);
export const acceptWarning = (roadmapId: string, activityId: string | null, index: number) =>
  api.post<unknown>(`/roadmaps/${enc(roadmapId)}/warnings/accept`, {
    activityId: activityId ?? undefined,
    index,
  });
/** Takes every top suggestion scoring at least `minScore` in one go. */
export const acceptSuggestions = (roadmapId: string, minScore = 0.8) =>
  api.post<{ accepted: number }>(`/roadmaps/${enc(roadmapId)}/suggestions/accept`, { minScore });
export const launchRoadmap = (id: string) =>
  api.post<{ status: string; pastDue?: PastDueItem[] }>(`/roadmaps/${enc(id)}/launch`);
export const getPastDue = (roadmapId: string, signal?: AbortSignal) =>
  api.get<PastDueItem[]>(`/roadmaps/${enc(roadmapId)}/past-due`, undefined, signal);
export const decidePastDue = (
  occurrenceId: string,
  body: { decision: 'done' | 'replan' | 'overdue'; due?: string; reason?: string; comment?: string },
) => api.post<unknown>(`/occurrences/${enc(occurrenceId)}/past-due`, body);
/** Dates a curator enters for an external-schedule term (`по графику ФИОКО`). */
export const setExternalDates = (
  activityId: string,
  occurrences: { start?: string; due: string; label?: string }[],
) => api.post<unknown>(`/activities/${enc(activityId)}/external-dates`, { occurrences });

// ---- Progress and reports ----
export const getProgress = (id: string, signal?: AbortSignal) =>
  api.get<RoadmapProgress>(`/roadmaps/${enc(id)}/progress`, undefined, signal);
/** Every occurrence of a roadmap with its dates and status, for the timeline. */
export const getTimeline = (id: string, signal?: AbortSignal) =>
  api.get<TimelineItem[]>(`/roadmaps/${enc(id)}/occurrences`, undefined, signal);
export const downloadXlsx = (id: string) => download(`/roadmaps/${enc(id)}/export.xlsx`, 'roadmap.xlsx');
export const getCalendarLink = () => api.get<{ url: string }>('/me/calendar');

// ---- Deadline changes ----
export const listDeadlineChanges = (status: 'requested' | 'approved' | 'refused', signal?: AbortSignal) =>
  api.get<DeadlineChange[]>('/curators/deadline-changes', { status }, signal);
export const decideDeadlineChange = (id: string, decision: 'approve' | 'refuse', comment?: string) =>
  api.post<unknown>(`/deadline-changes/${enc(id)}/${decision}`, { comment: comment || undefined });

// ---- Directory (of one region) ----
export const listOrganizations = (regionId: string, signal?: AbortSignal) =>
  api.get<Organization[]>('/organizations', { regionId }, signal);
export const createOrganization = (body: Partial<Organization> & { regionId: string }) =>
  api.post<Organization>('/organizations', body);
export const updateOrganization = (id: string, body: Partial<Organization>) =>
  api.patch<Organization>(`/organizations/${enc(id)}`, body);
export const listUsers = (regionId: string, signal?: AbortSignal) =>
  api.get<DirectoryUser[]>('/users', { regionId }, signal);
export const createUser = (body: {
  fullName: string;
  email: string;
  position?: string;
  roles: { organizationId: string; role: string }[];
  invite?: boolean;
}) => api.post<DirectoryUser & { invited?: boolean }>('/users', body);
export interface ImportReport {
  created: number;
  updated: number;
  skipped: number;
  errors: { row: number; message: string }[];
}
/** CSV or XLSX with a header row: organizations (name, kind, short_name, aliases, parent) or users. */
export function importDirectory(
  kind: 'organizations' | 'users',
  regionId: string,
  file: File,
  onProgress: (f: number) => void,
) {
  const form = new FormData();
  form.append('regionId', regionId);
  form.append('file', file, file.name);
  return upload<ImportReport>(`/${kind}/import`, form, onProgress);
}
export const listDeputies = (userId: string, signal?: AbortSignal) =>
  api.get<Deputy[]>(`/users/${enc(userId)}/deputies`, undefined, signal);
export const addDeputy = (
  userId: string,
  body: { deputyId: string; from: string; to: string; reason?: string },
) => api.post<Deputy>(`/users/${enc(userId)}/deputies`, body);
export const removeDeputy = (userId: string, deputyRowId: string) =>
  api.del<void>(`/users/${enc(userId)}/deputies/${enc(deputyRowId)}`);

// ---- Dev ----
export const getMailbox = (to?: string, signal?: AbortSignal) =>
  api.get<MailMessage[]>('/dev/mailbox', to ? { to } : undefined, signal);
