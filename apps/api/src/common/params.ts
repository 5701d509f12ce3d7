import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** `ParseUUIDPipe` answering in Russian with the parameter's English name. */
export const Uuid = (name = 'id') =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: [`${name}: должно быть идентификатором (UUID)`],
        errors: [{ field: name, code: 'isUuid', message: 'должно быть идентификатором (UUID)' }],
      }),
  });
