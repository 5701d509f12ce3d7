import { ALLOWED_EVIDENCE_MIME, DomainError } from '@karta/domain';
import { EVIDENCE_EXTENSIONS, evidenceUploadLimits, inspectUpload } from './file-inspection';

const file = (name: string, buffer: Buffer) => ({ originalname: name, buffer, size: buffer.length });
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

describe('upload inspection', () => {
  it('detects the type by content and hashes the bytes', async () => {
    const r = await inspectUpload(file('report.exe', PDF), 1024);
    expect(r).toMatchObject({ mimeType: 'application/pdf', fileName: 'report.exe', size: PDF.length });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('refuses executables whatever their name, empty and oversized files', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: DomainError) => e.code,
      );
    expect(
      await code(
        inspectUpload(
          file('report.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1')),
          1024,
        ),
      ),
    ).toBe('file_type_not_allowed');
    expect(await code(inspectUpload(file('a.pdf', Buffer.alloc(0)), 1024))).toBe('empty_file');
    expect(await code(inspectUpload(file('a.pdf', PDF), 4))).toBe('file_too_large');
  });

  it('accepts UTF-8 text, restores Cyrillic names read as latin1, and strips paths', async () => {
    const latin1Name = Buffer.from('Отчёт.txt', 'utf8').toString('latin1');
    const r = await inspectUpload(file(latin1Name, Buffer.from('Отчёт о проведении', 'utf8')), 1024);
    expect(r).toMatchObject({ mimeType: 'text/plain', fileName: 'Отчёт.txt' });
    expect((await inspectUpload(file('../../x/Приказ.pdf', PDF), 1024)).fileName).toBe('Приказ.pdf');
  });

  it('states the limits it enforces, with an extension for every allowed type', () => {
    const limits = evidenceUploadLimits({ maxFileBytes: 5 * 1024 * 1024, maxFiles: 3 });
    expect(limits).toMatchObject({ maxFileBytes: 5 * 1024 * 1024, maxFiles: 3 });
    expect(limits.mimeTypes.sort()).toEqual([...ALLOWED_EVIDENCE_MIME].sort());
    for (const mime of ALLOWED_EVIDENCE_MIME) expect(EVIDENCE_EXTENSIONS[mime]?.length).toBeGreaterThan(0);
    expect(limits.extensions).toEqual(expect.arrayContaining(['pdf', 'docx', 'doc', 'jpg', 'zip', 'txt']));
    expect(new Set(limits.extensions).size).toBe(limits.extensions.length);
  });
});
