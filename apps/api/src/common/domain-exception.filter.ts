import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { DomainError } from '@karta/domain';
import type { Response } from 'express';

const STATUS: Record<DomainError['kind'], number> = {
  validation: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
};

/** Domain errors become HTTP answers: `{statusCode, code, message (Russian), ...details}`. */
@Catch(DomainError)
export class DomainExceptionFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const status = STATUS[error.kind];
    // Details (e.g. `field`, `blockers`) are spread beside the message so clients read them directly.
    res
      .status(status)
      .json({ statusCode: status, code: error.code, message: error.message, ...(error.details ?? {}) });
  }
}
