/**
 * Unreadable input ends in a typed ImportError with a one-line message, fast: never a crash, never a hang.
 */
import { randomBytes } from 'crypto';
import { importRoadmap, ImportError, type ImportErrorCode, type ImportInput } from '../src';
import { fixture } from './helpers';

async function failure(input: ImportInput): Promise<ImportError> {
  try {
    await importRoadmap(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    expect((e as Error).message).not.toContain('\n');
    return e as ImportError;
  }
  throw new Error('import did not fail');
}

const expectCode = async (input: ImportInput, code: ImportErrorCode, message?: RegExp) => {
  const e = await failure(input);
  expect(e.code).toBe(code);
  if (message) expect(e.message).toMatch(message);
};

const half = (b: Uint8Array) => b.subarray(0, Math.floor(b.length / 2));

describe('broken input', () => {
  it('empty file', () => expectCode({ bytes: new Uint8Array() }, 'empty', /пуст.*empty/));

  it('binary junk', () => expectCode({ bytes: new Uint8Array(randomBytes(64 * 1024)) }, 'binary'));

  it('text with no table in it', () =>
    expectCode({ bytes: new Uint8Array(Buffer.from('Приказ\n\nОб утверждении плана.\n')) }, 'no_table'));

  it('white space only', () => expectCode({ bytes: new Uint8Array(Buffer.from('\n\n  \n')) }, 'no_table'));

  it('truncated DOCX', () => expectCode({ bytes: half(fixture('roadmap.docx')) }, 'damaged', /DOCX/));

  it('truncated XLSX', () => expectCode({ bytes: half(fixture('roadmap.xlsx')) }, 'damaged', /XLSX/));

  it('truncated PDF', () => expectCode({ bytes: half(fixture('roadmap.pdf')) }, 'damaged', /PDF/));

  it('PDF with a damaged body', async () => {
    const bytes = fixture('roadmap.pdf').slice();
    bytes.fill(0x20, 20, bytes.length - 40); // keep the header and `%%EOF`, wipe everything else
    await expectCode({ bytes }, 'damaged', /PDF/);
  });

  it('PDF without a text layer (a scan)', () =>
    expectCode({ bytes: fixture('scan.pdf') }, 'no_text_layer', /текстового слоя.*no text layer/));

  it('a format forced on bytes of another', () =>
    expectCode({ bytes: fixture('roadmap.txt'), format: 'docx' }, 'damaged'));

  it('a 50 MB file is refused before it is parsed', async () => {
    const bytes = new Uint8Array(50 * 1024 * 1024);
    bytes.set(Buffer.from('№\tМероприятие\tСрок\n'));
    const started = Date.now();
    await expectCode({ bytes }, 'too_large', /50\.0/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a 50 MB file under a raised limit still ends in an error, not a hang', async () => {
    const bytes = new Uint8Array(randomBytes(50 * 1024 * 1024));
    await expectCode({ bytes, maxBytes: 64 * 1024 * 1024 }, 'binary');
  });

  it('a PDF that takes too long is stopped', () =>
    expectCode({ bytes: fixture('roadmap.pdf'), timeoutMs: 1 }, 'timeout'));
});
