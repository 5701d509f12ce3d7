import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Russian wording per class-validator constraint; the field name stays English (it is the API's). */
const RU: Record<string, (c: string) => string> = {
  isDefined: () => 'обязательное поле',
  isNotEmpty: () => 'не может быть пустым',
  isString: () => 'должно быть строкой',
  isEmail: () => 'должно быть адресом электронной почты',
  isUuid: () => 'должно быть идентификатором (UUID)',
  isUUID: () => 'должно быть идентификатором (UUID)',
  isIn: (c) => `недопустимое значение (${c.replace(/^.*one of the following values:\s*/u, 'допустимо: ')})`,
  isEnum: (c) => `недопустимое значение (${c.replace(/^.*one of the following values:\s*/u, 'допустимо: ')})`,
  isInt: () => 'должно быть целым числом',
  isNumber: () => 'должно быть числом',
  isBoolean: () => 'должно быть true или false',
  isArray: () => 'должно быть массивом',
  isObject: () => 'должно быть объектом',
  arrayMinSize: (c) => `слишком мало элементов (${c.replace(/\D+/gu, ' ').trim()} минимум)`,
  arrayMaxSize: (c) => `слишком много элементов (максимум ${c.replace(/\D+/gu, ' ').trim()})`,
  minLength: (c) => `слишком короткое (минимум ${c.replace(/\D+/gu, ' ').trim()} симв.)`,
  maxLength: (c) => `слишком длинное (максимум ${c.replace(/\D+/gu, ' ').trim()} симв.)`,
  min: (c) => `слишком маленькое значение (минимум ${c.replace(/[^\d.-]+/gu, ' ').trim()})`,
  max: (c) => `слишком большое значение (максимум ${c.replace(/[^\d.-]+/gu, ' ').trim()})`,
  isDateString: () => 'должно быть датой в формате ГГГГ-ММ-ДД',
  isIsoDate: () => 'должно быть датой в формате ГГГГ-ММ-ДД',
  isTimeZone: () => 'должно быть часовым поясом IANA, например Europe/Moscow',
  whitelistValidation: () => 'лишнее поле: такого поля нет',
  matches: () => 'неверный формат',
};

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([code, english]) => ({
      field,
      code,
      message: (RU[code] ?? (() => english))(english),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** 400 with one Russian line per problem (`field: что не так`) and the same as structured `errors`. */
export function validationException(errors: ValidationError[]): BadRequestException {
  const list = flatten(errors);
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: list.map((e) => `${e.field}: ${e.message}`),
    errors: list,
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationException,
  });
}
