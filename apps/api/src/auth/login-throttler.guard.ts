import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';

/** Counts login attempts per client address and email (or invitation token), so guessing one secret is slowed down. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: {
    ip?: string;
    body?: { email?: unknown; token?: unknown };
  }): Promise<string> {
    const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
    // Invitation tokens are keyed by their first characters: guessing one token is what is slowed down.
    const token = typeof req.body?.token === 'string' ? `token:${req.body.token.slice(0, 12)}` : '';
    return `${req.ip}|${email || token}`;
  }

  protected override async throwThrottlingException(
    _: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new ThrottlerException(
      `Слишком много попыток входа: повторите через ${Math.ceil(detail.timeToBlockExpire || detail.ttl / 1000)} с`,
    );
  }
}
