/**
 * The side effects the engine's activities need, as interfaces. The worker wires real adapters (PostgreSQL,
 * SMTP); tests and the benchmark pass in-memory ones (`testing.ts`) to the same `createActivities`.
 */
import type { DigestContent, ProjectionInput } from '../../workflows/src/activity-contract';
import type { Person } from '../../workflows/src/messages';

export interface Mail {
  to: { email: string; name: string };
  subject: string;
  text: string;
  html: string;
  /** Derived from the idempotency key, so a receiving server can drop a duplicate too. */
  messageId: string;
  headers?: Record<string, string>;
}

/** Sends one email. Throws `InvalidAddressError` when the address is refused for good; anything else is transient. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** A permanent refusal of the recipient (bad syntax, SMTP 5xx for the address): retrying cannot help. */
export class InvalidAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAddressError';
  }
}

export interface OutboxEntry {
  key: string;
  workflowId: string | null;
  occurrenceId: string | null;
  organizationId: string | null;
  kind: string;
  level: string;
  recipient: string;
  recipientUserId: string | null;
  /** When a deputy receives the message instead of the person named. */
  onBehalfOfUserId: string | null;
  subject: string;
  text: string;
  html: string;
  scheduledFor: Date | null;
}

/** `sent`: this call sent it; `already-sent`: an earlier attempt did; `failed`: refused for good earlier; `busy`: another attempt holds it. */
export type DeliveryResult = 'sent' | 'already-sent' | 'failed' | 'busy';

export interface Outbox {
  /** Stores the message unless its key is already there (insert-if-absent), before any sending. */
  record(entry: OutboxEntry): Promise<void>;
  /**
   * Calls `send` while holding the entry exclusively, unless it was sent (or refused) already, then marks it
   * sent. When `send` throws, the attempt and error are recorded (an `InvalidAddressError` marks the entry
   * failed for good) and the error is rethrown.
   */
  deliver(key: string, send: () => Promise<void>): Promise<DeliveryResult>;
}

export interface Projection {
  apply(input: ProjectionInput): Promise<void>;
}

export interface Directory {
  /** The deputy standing in for `userId` on `date` (vacation, sick leave), if any. */
  deputyOf(userId: string, date: string): Promise<Person | null>;
}

export interface DigestRegion {
  regionId: string;
  tz: string;
}

export interface DigestSource {
  regions(): Promise<DigestRegion[]>;
  /** People of these regions with something to read on `date` (their region's local date). */
  recipients(regionIds: string[], date: string): Promise<string[]>;
  /** One person's digest: coming two weeks (executor), organization's overdue (head), review queue and missing dates (curator). */
  digestFor(
    userId: string,
    date: string,
  ): Promise<{ person: Person; tz: string; content: DigestContent } | null>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
