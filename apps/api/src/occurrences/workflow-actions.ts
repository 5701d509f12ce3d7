import { HttpException, HttpStatus } from '@nestjs/common';
import { conflict } from '@karta/domain';
import type { CommandOutcome } from '../temporal/command-dispatcher';

/**
 * How a delivered human action answers over HTTP: accepted → the caller's 200/201 body; refused by the
 * workflow → 409 with its reason; Temporal unreachable → 202, the action is kept and delivered later.
 */
export function answer<T>(outcome: CommandOutcome, body: T, what: string): T {
  if (outcome.state === 'rejected')
    throw conflict('workflow_rejected', `${what}: ${outcome.error ?? 'отклонено'}`);
  if (outcome.state === 'pending') {
    throw new HttpException(
      {
        statusCode: 202,
        state: 'pending',
        message: `${what}: принято к отправке, процесс мероприятия временно недоступен — будет доставлено автоматически`,
        ...body,
      },
      HttpStatus.ACCEPTED,
    );
  }
  return body;
}
