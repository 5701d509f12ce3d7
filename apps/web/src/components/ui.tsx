import { useEffect, useId, useRef, type ReactNode } from 'react';
import { OCCURRENCE_STATUS_LABELS } from '../../../../libs/domain/src/occurrence';
import type { OccurrenceStatus } from '../api/types';
import { pluralize } from '../lib/format';

export function PageHeader({
  title,
  children,
  lead,
}: {
  title: string;
  children?: ReactNode;
  lead?: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Карта`;
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1 ref={ref} tabIndex={-1} id="page-title">
          {title}
        </h1>
        {lead && <p className="lead">{lead}</p>}
      </div>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}

export function Loading({ label = 'Загрузка…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Alert({
  kind = 'error',
  children,
  onClose,
}: {
  kind?: 'error' | 'success' | 'info' | 'warning';
  children: ReactNode;
  onClose?: () => void;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="alert-body">{children}</div>
      {onClose && (
        <button type="button" className="btn-icon" onClick={onClose} aria-label="Закрыть сообщение">
          ×
        </button>
      )}
    </div>
  );
}

export function ErrorBox({ error, retry }: { error: Error | null | undefined; retry?: () => void }) {
  if (!error) return null;
  return (
    <Alert kind="error">
      {error.message}
      {retry && (
        <>
          {' '}
          <button type="button" className="btn-link" onClick={retry}>
            Повторить
          </button>
        </>
      )}
    </Alert>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

const STATUS_TONE: Record<string, string> = {
  planned: 'neutral',
  open: 'info',
  submitted: 'accent',
  returned: 'warning',
  approved: 'success',
  cancelled: 'muted',
};

export function statusLabel(status: string): string {
  return OCCURRENCE_STATUS_LABELS[status as OccurrenceStatus] ?? status;
}

export function StatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  return (
    <span className="badges">
      <span className={`badge badge-${STATUS_TONE[status] ?? 'neutral'}`}>{statusLabel(status)}</span>
      {overdue && <span className="badge badge-danger">Просрочено</span>}
    </span>
  );
}

/** «осталось 3 рабочих дня» / «сегодня» / «просрочено на 5 рабочих дней». */
export function DaysLeft({ days, overdue }: { days: number | null | undefined; overdue?: boolean }) {
  if (days === null || days === undefined) return null;
  const forms: [string, string, string] = ['рабочий день', 'рабочих дня', 'рабочих дней'];
  let text: string;
  let tone: string;
  if (days < 0 || overdue) {
    text = days < 0 ? `просрочено на ${pluralize(-days, forms)}` : 'срок истёк';
    tone = 'danger';
  } else if (days === 0) {
    text = 'срок сегодня';
    tone = 'warning';
  } else {
    text = `осталось ${pluralize(days, forms)}`;
    tone = days <= 3 ? 'warning' : 'neutral';
  }
  return <span className={`days days-${tone}`}>{text}</span>;
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}%`}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-value" aria-hidden="true">
        {pct}%
      </span>
    </div>
  );
}

/** A labelled form control with an optional hint and error, wired for screen readers. */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A modal built on <dialog>: focus is trapped by the browser, Esc closes. */
export function Modal({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      {open && (
        <div className="modal-inner">
          <div className="modal-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="btn-icon" onClick={onClose} aria-label="Закрыть">
              ×
            </button>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}

export function Stat({ label, value, tone }: { label: string; value: ReactNode; tone?: string }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
