/**
 * Unreadable input ends in a typed ImportError with a one-line message, fast: never a crash, never a hang.
 */
import { randomBytes } from 'crypto';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
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

/** The ZIP with one part's XML edited. */
function rezip(zip: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const parts = unzipSync(zip);
  parts[part] = strToU8(edit(strFromU8(parts[part]!)));
  return zipSync(parts);
}

/** The ZIP with one part's inflated size in the central directory set to `size` (nothing else changed). */
function declareSize(zip: Uint8Array, part: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const name = Buffer.from(part);
  for (let o = 0; o + 46 < out.length; o++) {
    if (view.getUint32(o, true) !== 0x02014b50) continue; // central directory entry
    const len = view.getUint16(o + 28, true);
    if (Buffer.from(out.subarray(o + 46, o + 46 + len)).equals(name)) {
      view.setUint32(o + 24, size >>> 0, true);
      return out;
    }
  }
  throw new Error(`${part} not in the ZIP`);
}

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

  it('a format forced on bytes of another', async () => {
    await expectCode({ bytes: fixture('roadmap.txt'), format: 'docx' }, 'unsupported', /не DOCX.*текст/);
    await expectCode({ bytes: fixture('roadmap.docx'), format: 'text' }, 'unsupported', /это DOCX/);
    await expectCode({ bytes: fixture('roadmap.xlsx'), format: 'pdf' }, 'unsupported', /это XLSX/);
  });

  it('a forced container format on bytes of no known format is left to its reader', () =>
    expectCode({ bytes: new Uint8Array(randomBytes(4096)), format: 'pdf' }, 'damaged', /PDF/));

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

  it('a DOCX whose cells claim huge spans is read in bounded time and memory', async () => {
    const docx = rezip(fixture('roadmap.docx'), 'word/document.xml', (xml) =>
      xml
        .replace(/<w:tcPr>/, '<w:tcPr><w:gridSpan w:val="200000000"/>')
        .replace(/<w:tr>/, '<w:tr><w:trPr><w:gridBefore w:val="300000000"/></w:trPr>'),
    );
    const started = Date.now();
    const r = await importRoadmap({ bytes: docx });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.warnings.length).toBeGreaterThan(0);
  });

  it('a DOCX that would inflate past the limit (a ZIP bomb) is refused before inflating', () =>
    expectCode(
      { bytes: declareSize(fixture('roadmap.docx'), 'word/document.xml', 2 ** 31) },
      'too_large',
      /DOCX/,
    ));

  it('an XLSX that would inflate past the limit is refused before inflating', () =>
    expectCode(
      { bytes: declareSize(fixture('roadmap.xlsx'), 'xl/styles.xml', 2 ** 31) },
      'too_large',
      /XLSX/,
    ));

  it('an XLSX declaring a giant merged range is refused, not inflated', () =>
    expectCode(
      {
        bytes: rezip(fixture('roadmap.xlsx'), 'xl/worksheets/sheet1.xml', (xml) =>
          xml.replace(
            /<mergeCells count="(\d+)">/,
            (_, n) => `<mergeCells count="${+n + 1}"><mergeCell ref="H40:ZZ300000"/>`,
          ),
        ),
      },
      'damaged',
      /H40:ZZ300000/,
    ));

  it('an XLSX with a stray cell at the far corner of the sheet is read by its content only', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('План');
    ws.addRow(['План мероприятий на 2024 год']);
    ws.addRow(['№', 'Мероприятие', 'Срок', 'Ответственный']);
    ws.addRow(['1', 'Семинар', 'Март', 'ЦНППМ']);
    ws.getCell('XFD1048576').value = 'x';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const started = Date.now();
    const r = await importRoadmap({ bytes });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.activities.map((a) => a.title)).toEqual(['Семинар']);
    expect(r.warnings.map((w) => w.message)).toContain('лист «План»: столбцы правее 512-го не прочитаны');
  });

  it('an HTML table with one absurdly wide row is read, the row folded and warned about', async () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `<tr><td>${i + 1}</td><td>Семинар</td><td>Март</td></tr>`,
    );
    const html = `<html><body><p>План мероприятий на 2024 год</p><table><tr><th>№</th><th>Мероприятие</th><th>Срок</th></tr>${rows.join('')}<tr>${'<td>x</td>'.repeat(100_000)}</tr></table></body></html>`;
    const started = Date.now();
    const r = await importRoadmap({ bytes: new Uint8Array(Buffer.from(html)) });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.activities).toHaveLength(2001);
    expect(r.warnings.map((w) => w.message)).toContain(
      'в строке больше 512 ячеек; лишние добавлены в последнюю',
    );
  }, 30_000);

  it('a PDF that takes too long is stopped', () =>
    expectCode({ bytes: fixture('roadmap.pdf'), timeoutMs: 1 }, 'timeout'));
});
