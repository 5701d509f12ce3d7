import { IsEmail, IsString, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { createValidationPipe } from './validation';

class Inner {
  @IsString() @MinLength(3) name!: string;
}
class Body {
  @IsEmail() email!: string;
  @ValidateNested() @Type(() => Inner) inner!: Inner;
}

describe('validation messages', () => {
  it('answers in Russian with English field paths, and refuses unknown fields', async () => {
    const pipe = createValidationPipe();
    const err = await pipe
      .transform({ email: 'x', inner: { name: 'ab' }, extra: 1 }, { type: 'body', metatype: Body })
      .catch((e) => e);
    const body = err.getResponse();
    expect(err.getStatus()).toBe(400);
    expect(body.message).toEqual(
      expect.arrayContaining([
        'email: должно быть адресом электронной почты',
        'inner.name: слишком короткое (минимум 3 симв.)',
        'extra: лишнее поле: такого поля нет',
      ]),
    );
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'email', code: 'isEmail', message: 'должно быть адресом электронной почты' },
      ]),
    );
  });
});
