/**
 * The engine's activities, built from their dependencies (`createActivities(deps)`): the worker passes
 * PostgreSQL/SMTP adapters, tests pass in-memory ones.
 *
 * `notify` is the only way an email leaves: the message is stored in the outbox under its idempotency key
 * before anything is sent, sent while the entry is held, then marked sent. A retry, a second worker or a
 * restarted one finds the key and does nothing. SMTP failures throw and Temporal retries with backoff;
 * an address refused for good fails once, non-retryably (`InvalidAddress`).
 */
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type {
  DigestActivities,
  DigestRecipient,
  DigestRun,
  DigestRunInput,
  EngineActivities,
  OutgoingMessage,
  ProjectionInput,
  SendOutcome,
} from '../../workflows/src/activity-contract';
import { isWorkingDay } from '../../libs/terms/src/calendar';
import {
  Clock,
  DigestSource,
  Directory,
  InvalidAddressError,
  Mailer,
  Outbox,
  Projection,
  systemClock,
} from './ports';
import { localToday } from './russian';
import { render } from './templates';
import { DateTime } from 'luxon';

export interface ActivityDeps {
  mailer: Mailer;
  outbox: Outbox;
  projection: Projection;
  /** Base URL of the web app for links in emails (`PUBLIC_URL`). */
  publicUrl: string;
  directory?: Directory;
  digests?: DigestSource;
  clock?: Clock;
  /** Working-day predicate for digests; the Russian production calendar by default. */
  isWorkingDay?: (date: string) => boolean;
}

export type Activities = EngineActivities & DigestActivities;

// Deliberately simple: the SMTP server is the judge; this only catches what can never be delivered.
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/u;

export function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@karta>`;
}

/**
 * Heartbeats while `work` runs, so a worker that dies mid-send is noticed within the heartbeat timeout
 * rather than the start-to-close timeout. Outside an activity (unit tests) it just awaits.
 */
async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return work();
  }
  const timer = setInterval(() => context.heartbeat(), 5_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

const invalidAddress = (message: string) => ApplicationFailure.nonRetryable(message, 'InvalidAddress');

/** Outbox columns are uuid-typed; the engine writes `-` for "none". */
const idOrNull = (v: string | undefined) => (v && v !== '-' ? v : null);

export function createActivities(deps: ActivityDeps): Activities {
  const clock = deps.clock ?? systemClock;
  const workingDay = deps.isWorkingDay ?? isWorkingDay;

  async function notify(message: OutgoingMessage): Promise<SendOutcome> {
    // Whoever stands in for the recipient when the message actually leaves (vacation, sick leave).
    const today = localToday(clock.now(), message.context.tz);
    const deputy = deps.directory ? await deps.directory.deputyOf(message.to.userId, today) : null;
    const to = deputy ?? message.to;
    const { subject, text, html } = render(message, {
      publicUrl: deps.publicUrl,
      ...(deputy ? { to: deputy, onBehalfOf: { name: message.to.name } } : {}),
    });
    const [workflowId, occurrenceId, organizationId] = message.key.split('|');
    await deps.outbox.record({
      key: message.key,
      workflowId: idOrNull(workflowId),
      occurrenceId: idOrNull(occurrenceId ?? message.context.occurrenceId),
      organizationId: idOrNull(organizationId),
      kind: message.kind,
      level: message.level,
      recipient: to.email.trim().toLowerCase(),
      recipientUserId: idOrNull(to.userId),
      onBehalfOfUserId: deputy ? idOrNull(message.to.userId) : null,
      subject,
      text,
      html,
      scheduledFor: message.scheduledFor ? new Date(message.scheduledFor) : null,
    });
    const result = await heartbeating(() =>
      deps.outbox.deliver(message.key, async () => {
        if (!EMAIL.test(to.email.trim())) throw new InvalidAddressError(`invalid email address: ${to.email}`);
        await deps.mailer.send({
          to: { email: to.email.trim(), name: to.name },
          subject,
          text,
          html,
          messageId: messageIdFor(message.key),
          headers: { 'X-Karta-Key': message.key, 'X-Karta-Kind': message.kind },
        });
      }),
    ).catch((error: unknown) => {
      if (error instanceof InvalidAddressError) throw invalidAddress(error.message);
      throw error;
    });
    switch (result) {
      case 'sent':
        return 'sent';
      case 'already-sent':
        return 'already-sent';
      case 'failed':
        throw invalidAddress(`address refused earlier: ${to.email}`);
      case 'busy':
        // Another attempt is sending this very message right now; come back when it has finished.
        throw ApplicationFailure.retryable(
          `outbox entry ${message.key} is held by another attempt`,
          'OutboxBusy',
        );
    }
  }

  async function project(input: ProjectionInput): Promise<void> {
    await deps.projection.apply(input);
  }

  async function listDigestRecipients(input: DigestRunInput): Promise<DigestRun> {
    const source = requireDigests();
    const at = new Date(input.at);
    const due = (await source.regions()).flatMap((r) => {
      const local = DateTime.fromJSDate(at, { zone: r.tz });
      const date = local.toISODate()!;
      return local.hour === input.localHour && workingDay(date) ? [{ ...r, date }] : [];
    });
    const recipients: DigestRecipient[] = [];
    const byDate = new Map<string, string[]>();
    for (const r of due) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r.regionId]);
    for (const [date, regionIds] of byDate) {
      for (const userId of await source.recipients(regionIds, date)) recipients.push({ userId, date });
    }
    return { regions: due.map((r) => r.regionId), recipients };
  }

  async function sendDigest(
    input: DigestRecipient & { scheduledFor: string },
  ): Promise<SendOutcome | 'empty'> {
    const digest = await requireDigests().digestFor(input.userId, input.date);
    if (!digest || digest.content.sections.every((s) => s.items.length === 0)) return 'empty';
    return notify({
      key: `digest|${input.date}|${input.userId}`,
      kind: 'digest',
      level: '',
      scheduledFor: input.scheduledFor,
      to: { ...digest.person, role: 'executor' },
      context: {
        roadmapId: '',
        activityId: '',
        activityTitle: '',
        tz: digest.tz,
        digest: digest.content,
      },
    });
  }

  function requireDigests(): DigestSource {
    if (!deps.digests)
      throw ApplicationFailure.nonRetryable('digest source is not configured', 'Misconfigured');
    return deps.digests;
  }

  return { notify, project, listDigestRecipients, sendDigest };
}
