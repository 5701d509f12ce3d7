import * as iconv from 'iconv-lite';
import { decodeText, looksBinary } from './decode';
import { detectFormat } from './detect';
import { ImportError } from './errors';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('format detection by bytes', () => {
  it('tells formats apart regardless of any name', () => {
    expect(detectFormat(bytes('%PDF-1.7\n...'))).toBe('pdf');
    expect(detectFormat(bytes('PK\x03\x04....word/document.xml'))).toBe('docx');
    expect(detectFormat(bytes('PK\x03\x04....xl/workbook.xml'))).toBe('xlsx');
    expect(detectFormat(bytes('<!DOCTYPE html><html><body>x</body></html>'))).toBe('html');
    expect(detectFormat(new Uint8Array(Buffer.from('<table><tr><td>1</td></tr></table>')))).toBe('html');
    expect(
      detectFormat(new Uint8Array(Buffer.from('№\tМероприятие\n1\t<p>Текст</p> <ul><li>• пункт</li></ul>'))),
    ).toBe('text');
  });

  it('refuses what it cannot read, with a reason', () => {
    const code = (b: Uint8Array) => {
      try {
        detectFormat(b);
        return 'ok';
      } catch (e) {
        return (e as ImportError).code;
      }
    };
    expect(code(new Uint8Array())).toBe('empty');
    expect(code(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('unsupported');
    expect(code(bytes('{\\rtf1\\ansi'))).toBe('unsupported');
    expect(code(bytes('PK\x03\x04 mimetypeapplication/vnd.oasis.opendocument.text'))).toBe('unsupported');
    expect(code(new Uint8Array([1, 2, 3, 0, 5, 6, 7, 8]))).toBe('binary');
  });
});

describe('text decoding', () => {
  const text = 'Срок реализации мероприятия: до 1 сентября 2024 года';
  it.each(['windows-1251', 'cp866', 'koi8-r'] as const)('detects %s', (enc) => {
    const decoded = decodeText(new Uint8Array(iconv.encode(text, enc)));
    expect(decoded).toEqual({ text, encoding: enc });
  });

  it('reads UTF-8 and UTF-16 with BOM', () => {
    expect(decodeText(new Uint8Array(Buffer.from(text))).encoding).toBe('utf-8');
    expect(
      decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])))
        .text,
    ).toBe(text);
    expect(looksBinary(new Uint8Array(Buffer.from(text)))).toBe(false);
  });
});
