import { Injectable } from '@nestjs/common';
import { todayIn } from '@karta/domain';

/** The one source of "now" in the API, so tests can move it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  today(tz: string): string {
    return todayIn(tz, this.now());
  }
}
