import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Task } from '../api/types';
import { formatDate, personName } from '../lib/format';
import { effectiveDue, workingDaysLeft } from '../lib/workdays';
import { DaysLeft, StatusBadge } from './ui';

export const SOON_WORKING_DAYS = 10;

export type TaskGroup = 'overdue' | 'returned' | 'soon' | 'upcoming' | 'submitted' | 'done';

export function groupOf(t: Task, tz?: string): TaskGroup {
  if (t.status === 'approved' || t.status === 'cancelled') return 'done';
  if (t.overdue) return 'overdue';
  if (t.status === 'submitted') return 'submitted';
  if (t.status === 'returned') return 'returned';
  return workingDaysLeft(t, tz) <= SOON_WORKING_DAYS ? 'soon' : 'upcoming';
}

export function TaskCard({
  task,
  tz,
  showExecutor,
  children,
}: {
  task: Task;
  tz?: string;
  showExecutor?: boolean;
  children?: ReactNode;
}) {
  const group = groupOf(task, tz);
  const due = effectiveDue(task);
  const active = group !== 'done' && group !== 'submitted';
  const org = orgNameOf(task);
  return (
    <li
      className={`task task-${group === 'overdue' ? 'overdue' : group === 'soon' ? 'soon' : group === 'returned' ? 'returned' : 'plain'}`}
      data-testid="task"
      data-id={task.id}
    >
      <div>
        <Link className="task-title" to={`/occurrences/${task.id}`} data-testid="task-link">
          {task.number ? `${task.number} ` : ''}
          {task.title}
        </Link>
        <div className="task-meta">
          {task.label && <span>{task.label}</span>}
          {task.roadmapTitle && <span>{task.roadmapTitle}</span>}
          {org && <span>{org}</span>}
          {showExecutor && <span>Исполнитель: {executorsOf(task)}</span>}
        </div>
        {task.delayNote && <p className="comment comment-plain small">Причина задержки: {task.delayNote}</p>}
      </div>
      <div className="task-side">
        <span className="task-due">
          <span className="visually-hidden">Срок: </span>
          {formatDate(due)}
        </span>
        {active && <DaysLeft days={workingDaysLeft(task, tz)} overdue={task.overdue} />}
        <StatusBadge status={task.status} overdue={task.overdue} />
      </div>
      {children && <div className="task-actions">{children}</div>}
    </li>
  );
}

export function executorsOf(t: Task): string {
  if (typeof t.executors === 'string' && t.executors.trim()) return t.executors;
  if (Array.isArray(t.executors) && t.executors.length)
    return t.executors.map((e) => personName(e)).join(', ');
  if (t.executor) return personName(t.executor);
  return 'не назначен';
}

/** Ids of the people doing it, when the API gives them. */
export function executorIdsOf(t: Task): string[] {
  return Array.isArray(t.executors) ? t.executors.map((e) => e.userId ?? e.id ?? '').filter(Boolean) : [];
}

export function orgNameOf(t: Task): string | null {
  if (typeof t.organization === 'string') return t.organization;
  return t.organization?.name ?? t.organizationName ?? null;
}
