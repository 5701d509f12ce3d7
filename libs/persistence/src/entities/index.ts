// Every TypeORM entity, listed explicitly: no globs, so swc, jest and tsc all see the same list.
import { Activity } from './activity.entity';
import { ActivityAssignment } from './activity-assignment.entity';
import { ActivityExecutor } from './activity-executor.entity';
import { ActivityPart } from './activity-part.entity';
import { AuditEvent } from './audit-event.entity';
import { DeadlineChange } from './deadline-change.entity';
import { Deputy } from './deputy.entity';
import { Evidence } from './evidence.entity';
import { EvidenceFile } from './evidence-file.entity';
import { NotificationOutbox } from './notification-outbox.entity';
import { Occurrence } from './occurrence.entity';
import { OccurrencePart } from './occurrence-part.entity';
import { Organization } from './organization.entity';
import { Region } from './region.entity';
import { Reminder } from './reminder.entity';
import { Review } from './review.entity';
import { Roadmap } from './roadmap.entity';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';
import { WorkflowCommand } from './workflow-command.entity';

export {
  Activity,
  ActivityAssignment,
  ActivityExecutor,
  ActivityPart,
  AuditEvent,
  DeadlineChange,
  Deputy,
  Evidence,
  EvidenceFile,
  NotificationOutbox,
  Occurrence,
  OccurrencePart,
  Organization,
  Region,
  Reminder,
  Review,
  Roadmap,
  RoleAssignment,
  User,
  WorkflowCommand,
};
export type { StoredTerm } from './activity.entity';
export type { ActionState } from './evidence.entity';
export type { DeadlineChangeStatus } from './deadline-change.entity';
export type { OccurrenceKind, PastDueDecision } from './occurrence.entity';
export type { OutboxStatus } from './notification-outbox.entity';
export type { WorkflowCommandState } from './workflow-command.entity';

export const entities: Array<new (...args: never[]) => unknown> = [
  Region,
  Organization,
  User,
  RoleAssignment,
  Deputy,
  Roadmap,
  Activity,
  ActivityAssignment,
  ActivityPart,
  ActivityExecutor,
  Occurrence,
  OccurrencePart,
  Evidence,
  EvidenceFile,
  Review,
  DeadlineChange,
  NotificationOutbox,
  Reminder,
  AuditEvent,
  WorkflowCommand,
];
