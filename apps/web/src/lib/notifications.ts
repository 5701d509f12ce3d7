/**
 * Reminders and escalations as a person reads them. The engine names its steps by level (workflows
 * `PlannedNotification.level`): `d10`, `d3`, `d0` for reminders (working days before the due date), `1`, `2`,
 * `3`… for escalations, with `@n` after the part's n-th re-plan (a return for rework, a moved due date).
 */
import { pluralize } from './format';

export interface ParsedLevel {
  kind: 'reminder' | 'escalation';
  /** Reminders: working days before the due date. Escalations: the level (1, 2, 3…). */
  n: number | null;
  /** 0 for the first plan; n after the n-th re-plan. */
  epoch: number;
}

export function parseLevel(kind: string, level: string | number | null | undefined): ParsedLevel {
  const [base = '', epoch = '0'] = String(level ?? '').split('@');
  const k = kind === 'escalation' ? 'escalation' : 'reminder';
  const digits = /^d?(\d+)$/.exec(base);
  return { kind: k, n: digits ? Number(digits[1]) : null, epoch: Number(epoch) || 0 };
}

/** «Напоминание за 10 рабочих дней», «Эскалация: куратор»… (without the re-plan note). */
export function notificationTitle(p: ParsedLevel): string {
  if (p.kind === 'reminder') {
    if (p.n === null) return 'Напоминание';
    if (p.n === 0) return 'Напоминание в день срока';
    return `Напоминание за ${pluralize(p.n, ['рабочий день', 'рабочих дня', 'рабочих дней'])}`;
  }
  if (p.n === 1) return 'Эскалация: исполнитель и руководитель';
  if (p.n === 2) return 'Эскалация: куратор';
  if (p.n !== null && p.n >= 3) return 'Повторное уведомление: исполнитель, руководитель и куратор';
  return 'Эскалация';
}

/** What re-planned the part (it then counts its steps afresh: `@1`, `@2`…), and when. */
export interface ReplanCause {
  kind: 'return' | 'deadline';
  at: string;
}

/** A step as the notes need it: its level and, once sent, when. */
export interface StepLike {
  kind: string;
  level?: string | number | null;
  state?: string;
  sentAt?: string | null;
}

/**
 * Notes for the steps of each re-plan: «после возврата на доработку», «после переноса срока», or «по новому
 * сроку» when the known causes (`causes`, oldest first; null when unknown) do not account for the steps:
 * a corrected term or a part among several re-plans too. A cause is trusted only when every step fits
 * it — the current plan is the last cause's, and a step of plan n was sent between cause n and cause n+1.
 */
export function replanNotes(causes: ReplanCause[] | null, steps: StepLike[]): (epoch: number) => string {
  const trusted =
    !!causes &&
    steps.every((s) => {
      const { epoch } = parseLevel(s.kind, s.level);
      if (epoch > causes.length) return false;
      if (s.state === 'planned') return epoch === causes.length;
      if (!s.sentAt) return true;
      const sent = Date.parse(s.sentAt);
      const after = epoch === 0 || Date.parse(causes[epoch - 1].at) <= sent;
      const before = epoch === causes.length || sent <= Date.parse(causes[epoch].at);
      return after && before;
    });
  return (epoch) => {
    if (epoch <= 0) return '';
    const known = trusted ? causes!.slice(0, epoch) : [];
    const cause = known[epoch - 1]?.kind;
    // The k-th cause of its kind: «после 2-го возврата на доработку».
    const k = known.filter((c) => c.kind === cause).length;
    const nth = k > 1 ? `${k}-го ` : '';
    if (cause === 'return') return `после ${nth}возврата на доработку`;
    if (cause === 'deadline') return `после ${nth}переноса срока`;
    return epoch > 1 ? `по новому сроку, ${epoch}-й пересчёт` : 'по новому сроку';
  };
}

/** Title with the re-plan note: «Эскалация: куратор (после возврата на доработку)». */
export function notificationLabel(
  kind: string,
  level: string | number | null | undefined,
  note: (epoch: number) => string = replanNotes(null, []),
): string {
  const p = parseLevel(kind, level);
  const n = note(p.epoch);
  return n ? `${notificationTitle(p)} (${n})` : notificationTitle(p);
}
