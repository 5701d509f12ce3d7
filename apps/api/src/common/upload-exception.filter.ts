import { ArgumentsHost, Catch, ExceptionFilter, PayloadTooLargeException } from '@nestjs/common';
import type { Request, Response } from 'express';

/** Multer's limits answer in English; say it in Russian, with the field concerned. */
@Catch(PayloadTooLargeException)
export class UploadLimitFilter implements ExceptionFilter {
  catch(error: PayloadTooLargeException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    // Evidence routes take several `files`; document and directory imports one `file`.
    const multiple = /\/(evidence|past-due)\/?$/u.test(host.switchToHttp().getRequest<Request>().path);
    const tooMany = /too many/iu.test(error.message);
    res.status(413).json({
      statusCode: 413,
      code: tooMany ? 'too_many_files' : 'file_too_large',
      message: tooMany ? 'Слишком много файлов в одном запросе' : 'Файл больше допустимого размера',
      field: multiple ? 'files' : 'file',
    });
  }
}
