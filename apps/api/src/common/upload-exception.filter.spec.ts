import { ArgumentsHost, PayloadTooLargeException } from '@nestjs/common';
import { UploadLimitFilter } from './upload-exception.filter';

function answer(path: string, message = 'File too large') {
  let body: unknown;
  let status = 0;
  const res = { status: (s: number) => ((status = s), { json: (b: unknown) => (body = b) }) };
  const host = {
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ path }) }),
  } as unknown as ArgumentsHost;
  new UploadLimitFilter().catch(new PayloadTooLargeException(message), host);
  return { status, body };
}

describe('UploadLimitFilter', () => {
  it('names the field the route takes, in Russian', () => {
    expect(answer('/api/occurrences/x/evidence')).toEqual({
      status: 413,
      body: expect.objectContaining({ code: 'file_too_large', field: 'files' }),
    });
    expect(answer('/api/roadmaps/import').body).toEqual(expect.objectContaining({ field: 'file' }));
    expect(answer('/api/users/import', 'Too many files').body).toEqual(
      expect.objectContaining({
        code: 'too_many_files',
        field: 'file',
        message: expect.stringMatching(/файлов/u),
      }),
    );
  });
});
