/**
 * In-memory adapters for tests and the benchmark: the same contracts as the PostgreSQL/SMTP ones, with
 * enough bookkeeping to assert on (what was stored, what was sent, how often SMTP was tried).
 */
import type { ProjectionInput } from '../../workflows/src/activity-contract';
import type { OccurrenceResult } from '../../workflows/src/messages';
import { DeliveryResult, InvalidAddressError, Mail, Mailer, Outbox, OutboxEntry, Projection } from './ports';

export interface StoredEntry extends OutboxEntry {
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
}

export class InMemoryOutbox implements Outbox {
  readonly entries = new Map<string, StoredEntry>();
  private readonly held = new Set<string>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async record(entry: OutboxEntry): Promise<void> {
    if (!this.entries.has(entry.key)) {
      this.entries.set(entry.key, {
        ...entry,
        status: 'pending',
        attempts: 0,
        sentAt: null,
        lastError: null,
      });
    }
  }

  async deliver(key: string, send: () => Promise<void>): Promise<DeliveryResult> {
    const entry = this.entries.get(key);
    if (!entry) throw new Error(`outbox entry ${key} was not recorded`);
    if (entry.status === 'sent') return 'already-sent';
    if (entry.status === 'failed') return 'failed';
    if (this.held.has(key)) return 'busy';
    this.held.add(key);
    try {
      entry.attempts++;
      await send();
      entry.status = 'sent';
      entry.sentAt = this.now();
      return 'sent';
    } catch (error) {
      entry.lastError = error instanceof Error ? error.message : String(error);
      if (error instanceof InvalidAddressError) entry.status = 'failed';
      throw error;
    } finally {
      this.held.delete(key);
    }
  }

  sent(): StoredEntry[] {
    return [...this.entries.values()].filter((e) => e.status === 'sent');
  }
}

/** Records every email; can be told to fail (SMTP down) for a while. */
export class RecordingMailer implements Mailer {
  readonly sent: Mail[] = [];
  attempts = 0;
  failuresLeft = 0;
  refuse = new Set<string>();

  async send(mail: Mail): Promise<void> {
    this.attempts++;
    if (this.refuse.has(mail.to.email))
      throw new InvalidAddressError(`550 mailbox unavailable: ${mail.to.email}`);
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('connect ECONNREFUSED 127.0.0.1:25');
    }
    this.sent.push(mail);
  }
}

/** Keeps, per occurrence, the snapshot with the highest seq, and every event once (by key). */
export class InMemoryProjection implements Projection {
  readonly occurrences = new Map<string, OccurrenceResult & { seq: number }>();
  readonly events = new Map<string, ProjectionInput['events'][number]>();
  readonly activities = new Map<string, { status: string; waitingForExternalDates: boolean; seq: number }>();
  writes = 0;

  async apply(input: ProjectionInput): Promise<void> {
    this.writes++;
    for (const o of input.occurrences) {
      const prev = this.occurrences.get(o.occurrenceId);
      if (!prev || prev.seq <= input.seq) this.occurrences.set(o.occurrenceId, { ...o, seq: input.seq });
    }
    for (const e of input.events) if (!this.events.has(e.key)) this.events.set(e.key, e);
    const prev = this.activities.get(input.activityId);
    if (!prev || prev.seq <= input.seq) {
      this.activities.set(input.activityId, {
        status: input.status,
        waitingForExternalDates: input.waitingForExternalDates,
        seq: input.seq,
      });
    }
  }

  eventsOf(type: string) {
    return [...this.events.values()].filter((e) => e.type === type);
  }
}
