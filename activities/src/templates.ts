/**
 * Email templates, in Russian, as plain text and HTML from one structure: a subject, a greeting, a few
 * paragraphs, a fact table and a link to the item (`PUBLIC_URL`). Dates in the region's zone.
 */
import type { NotificationContext, OutgoingMessage } from '../../workflows/src/activity-contract';
import { daysBetween, days, localToday, ruDate, ruDue, workingDays } from './russian';

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

interface Letter {
  subject: string;
  lead: string[];
  facts: Array<[string, string]>;
  link?: { href: string; label: string };
  sections?: Array<{ title: string; lines: string[] }>;
}

export interface RenderOptions {
  publicUrl: string;
  /** Who actually receives it when not `message.to` (a deputy). */
  to?: { name: string; email: string };
  /** The person a deputy receives this for. */
  onBehalfOf?: { name: string };
}

const SIGNATURE = 'Карта — мониторинг исполнения дорожных карт';

export function render(message: OutgoingMessage, opts: RenderOptions): Rendered {
  const letter = compose(message, opts);
  const to = opts.to ?? message.to;
  const greeting = `Здравствуйте, ${to.name || to.email}!`;
  const deputyNote = opts.onBehalfOf
    ? `Вы получили это письмо как заместитель: ${opts.onBehalfOf.name}.`
    : undefined;
  return {
    subject: letter.subject,
    text: toText(greeting, letter, deputyNote),
    html: toHtml(greeting, letter, deputyNote),
  };
}

function itemName(c: NotificationContext): string {
  return c.activityNumber ? `${c.activityNumber} «${c.activityTitle}»` : `«${c.activityTitle}»`;
}

function shortTitle(c: NotificationContext): string {
  const t = c.activityTitle.length > 80 ? `${c.activityTitle.slice(0, 79)}…` : c.activityTitle;
  return c.activityNumber ? `${c.activityNumber} ${t}` : t;
}

function linkTo(c: NotificationContext, publicUrl: string): { href: string; label: string } {
  const base = publicUrl.replace(/\/+$/, '');
  const href = c.occurrenceId
    ? `${base}/occurrences/${c.occurrenceId}`
    : `${base}/activities/${c.activityId}`;
  return { href, label: 'Открыть в Карте' };
}

function baseFacts(c: NotificationContext): Array<[string, string]> {
  const facts: Array<[string, string]> = [['Мероприятие', itemName(c)]];
  if (c.occurrenceLabel) facts.push(['Период', c.occurrenceLabel]);
  if (c.due) facts.push(['Срок', ruDue(c.due, c.tz)]);
  if (c.organizationName) facts.push(['Организация', c.organizationName]);
  return facts;
}

function compose(m: OutgoingMessage, opts: RenderOptions): Letter {
  const c = m.context;
  const link = linkTo(c, opts.publicUrl);
  const facts = baseFacts(c);
  const due = c.due ? ruDue(c.due, c.tz) : '';
  const isCheckpoint = c.occurrenceKind === 'checkpoint';
  const what = isCheckpoint ? 'отчёт о ходе исполнения' : 'отчёт об исполнении';
  switch (m.kind) {
    case 'reminder': {
      const left = c.workingDaysLeft ?? 0;
      const when = left === 0 ? 'Сегодня последний день срока' : `До срока осталось ${workingDays(left)}`;
      return {
        subject: `${left === 0 ? 'Срок сегодня' : 'Напоминание'}: ${shortTitle(c)} — ${due}`,
        lead: [
          `${when}: ${what} по мероприятию ${itemName(c)} нужно представить ${due}.`,
          isCheckpoint
            ? 'Коротко опишите, что сделано за период, и приложите подтверждающие материалы.'
            : 'Приложите подтверждающие документы (приказ, протокол, отчёт) и отправьте их на проверку.',
        ],
        facts,
        link,
      };
    }
    case 'escalation': {
      const level = c.escalationLevel ?? 1;
      const late = c.due ? daysBetween(c.due, localToday(new Date(m.scheduledFor), c.tz)) : 0;
      const overdue = late > 0 ? ` Просрочка — ${days(late)}.` : '';
      const lead =
        level === 1
          ? `Срок по мероприятию ${itemName(c)} истёк (${due}), ${what} не представлен.${overdue}`
          : level === 2
            ? `Ответственная организация не представила ${what} по мероприятию ${itemName(c)}: срок истёк (${due}).${overdue} Уведомление направлено куратору.`
            : `Повторное уведомление: ${what} по мероприятию ${itemName(c)} по-прежнему не представлен (срок ${due}).${overdue}`;
      return {
        // How late, not the escalation level: weekly repeats make the level a counter nobody can read.
        subject: `Просрочено${late > 0 ? ` на ${days(late)}` : ''}: ${shortTitle(c)} — срок ${due}`,
        lead: [lead, 'Представьте отчёт или согласуйте перенос срока с куратором.'],
        facts: [...facts, ['Уровень эскалации', String(level)]],
        link,
      };
    }
    case 'evidence-submitted':
      return {
        subject: `Отчёт на проверку: ${shortTitle(c)}`,
        lead: [
          `${c.submittedBy ?? 'Исполнитель'} представил(а) ${what} по мероприятию ${itemName(c)}.`,
          'Проверьте материалы: примите отчёт или верните его на доработку с комментарием.',
        ],
        facts: c.comment ? [...facts, ['Комментарий исполнителя', c.comment]] : facts,
        link,
      };
    case 'returned':
      return {
        subject: `Отчёт возвращён на доработку: ${shortTitle(c)}`,
        lead: [
          `Куратор вернул ${what} по мероприятию ${itemName(c)} на доработку.`,
          c.reworkDue ? `Доработанный отчёт нужно представить ${ruDue(c.reworkDue, c.tz)}.` : '',
        ].filter(Boolean),
        facts: [
          ...facts.filter(([k]) => k !== 'Срок'),
          ['Комментарий куратора', c.comment ?? '—'],
          ...(c.reworkDue ? [['Срок доработки', ruDue(c.reworkDue, c.tz)] as [string, string]] : []),
        ],
        link,
      };
    case 'approved':
      return {
        subject: `Отчёт принят: ${shortTitle(c)}`,
        lead: [`Куратор принял ${what} по мероприятию ${itemName(c)}. Итог: ${c.outcome ?? 'выполнено'}.`],
        facts: c.comment ? [...facts, ['Комментарий куратора', c.comment]] : facts,
        link,
      };
    case 'deadline-changed':
      return {
        subject: `Срок перенесён: ${shortTitle(c)} — ${due}`,
        lead: [
          `Срок по мероприятию ${itemName(c)} изменён${c.previousDue ? `: было ${ruDue(c.previousDue, c.tz)}, стало ${due}` : ` на ${due}`}.`,
        ],
        facts: c.reason ? [...facts, ['Основание', c.reason]] : facts,
        link,
      };
    case 'assigned':
      return {
        subject: `Вы назначены исполнителем: ${shortTitle(c)}`,
        lead: [
          `Вы назначены исполнителем мероприятия ${itemName(c)}.${due ? ` Ближайший срок — ${due}.` : ''}`,
        ],
        facts,
        link,
      };
    case 'external-dates-missing':
      return {
        subject: `Не заданы даты: ${shortTitle(c)}`,
        lead: [
          `Мероприятие ${itemName(c)} выполняется по внешнему графику${c.externalSource ? ` (${c.externalSource})` : ''}, но даты в Карту ещё не внесены.`,
          'Внесите даты, чтобы исполнители получали напоминания и срок контролировался.',
        ],
        facts,
        link,
      };
    case 'cancelled':
      return {
        subject: `Мероприятие отменено: ${shortTitle(c)}`,
        lead: [`Мероприятие ${itemName(c)} отменено, отчёт по нему больше не требуется.`],
        facts: c.reason ? [...facts, ['Причина', c.reason]] : facts,
        link,
      };
    case 'digest': {
      const d = c.digest!;
      const base = opts.publicUrl.replace(/\/+$/, '');
      return {
        subject: `Сводка на ${ruDate(d.date, c.tz)}`,
        lead: ['Ваша сводка по дорожным картам на сегодня.'],
        facts: [],
        sections: d.sections.map((s) => ({
          title: s.title,
          lines: s.items.map((i) =>
            [
              i.title,
              i.due ? ruDue(i.due, c.tz) : '',
              i.organization ?? '',
              i.status ?? '',
              i.occurrenceId ? `${base}/occurrences/${i.occurrenceId}` : '',
            ]
              .filter(Boolean)
              .join(' — '),
          ),
        })),
        link: { href: `${base}/`, label: 'Открыть Карту' },
      };
    }
  }
}

function toText(greeting: string, l: Letter, deputyNote?: string): string {
  const lines = [greeting, '', ...l.lead.flatMap((p) => [p, ''])];
  if (l.facts.length) lines.push(...l.facts.map(([k, v]) => `${k}: ${v}`), '');
  for (const s of l.sections ?? []) lines.push(s.title, ...s.lines.map((x) => `• ${x}`), '');
  if (l.link) lines.push(`${l.link.label}: ${l.link.href}`, '');
  if (deputyNote) lines.push(deputyNote, '');
  lines.push('—', SIGNATURE);
  return lines.join('\n');
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function toHtml(greeting: string, l: Letter, deputyNote?: string): string {
  const parts = [`<p>${esc(greeting)}</p>`, ...l.lead.map((p) => `<p>${esc(p)}</p>`)];
  if (l.facts.length) {
    const rows = l.facts
      .map(
        ([k, v]) =>
          `<tr><td style="padding:2px 12px 2px 0;color:#555">${esc(k)}</td><td style="padding:2px 0">${esc(v)}</td></tr>`,
      )
      .join('');
    parts.push(`<table style="border-collapse:collapse;margin:8px 0">${rows}</table>`);
  }
  for (const s of l.sections ?? []) {
    parts.push(
      `<h3 style="margin:16px 0 4px">${esc(s.title)}</h3><ul>${s.lines.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`,
    );
  }
  if (l.link) parts.push(`<p><a href="${esc(l.link.href)}">${esc(l.link.label)}</a></p>`);
  if (deputyNote) parts.push(`<p style="color:#555">${esc(deputyNote)}</p>`);
  parts.push(`<p style="color:#888;font-size:12px">${esc(SIGNATURE)}</p>`);
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${esc(l.subject)}</title></head><body style="font-family:Arial,sans-serif;font-size:14px;line-height:1.4">${parts.join('')}</body></html>`;
}
