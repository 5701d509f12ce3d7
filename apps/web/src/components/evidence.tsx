import { useEffect, useState } from 'react';
import { downloadEvidenceFile, fetchEvidenceFile } from '../api/endpoints';
import type { Evidence, EvidenceFile } from '../api/types';
import { formatBytes, formatDate, formatDateTime, personName } from '../lib/format';
import { isImage, isPdf } from '../lib/files';
import { PHONE_QUERY, useMediaQuery } from '../lib/useMediaQuery';

export const fileName = (f: EvidenceFile) => f.fileName ?? f.name ?? f.filename ?? f.originalName ?? 'файл';
export const fileMime = (f: EvidenceFile) => f.mimeType ?? f.mime;

/** The files of one evidence version; a store that keeps one file per row is read the same way. */
export function filesOf(e: Evidence): EvidenceFile[] {
  if (e.files?.length) return e.files;
  if (e.name || e.filename)
    return [{ id: e.id, name: e.name ?? e.filename, size: e.size ?? 0, mimeType: e.mimeType }];
  return [];
}

export function DownloadButton({ file }: { file: EvidenceFile }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn-link"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await downloadEvidenceFile(file, fileName(file));
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {fileName(file)}
      </button>
      <span className="muted small">{formatBytes(file.size)}</span>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

export function EvidenceVersion({ evidence }: { evidence: Evidence }) {
  const who = evidence.submittedBy ?? evidence.by;
  return (
    <div className="evidence">
      <div>
        <strong>Версия {evidence.version ?? ''}</strong>{' '}
        <span className="muted small">
          {formatDateTime(evidence.createdAt ?? evidence.at)}
          {who ? `\u00a0· ${personName(who)}` : ''}
          {evidence.onBehalfOf ? ` (за ${personName(evidence.onBehalfOf)})` : ''}
        </span>
        {evidence.state === 'pending' && <span className="badge badge-neutral"> обрабатывается</span>}
        {evidence.state === 'rejected' && (
          <span className="badge badge-danger">
            не принято системой{evidence.stateReason ? `: ${evidence.stateReason}` : ''}
          </span>
        )}
      </div>
      {(evidence.documentNumber || evidence.documentDate) && (
        <div className="small">
          Документ № {evidence.documentNumber ?? '—'} от {formatDate(evidence.documentDate, false)}
        </div>
      )}
      {evidence.comment && <p className="comment comment-plain">{evidence.comment}</p>}
      <ul className="evidence-files">
        {filesOf(evidence).map((f) => (
          <li key={f.id}>
            <span className="file-ext" aria-hidden="true">
              {(fileName(f).split('.').pop() ?? '').slice(0, 4)}
            </span>
            <DownloadButton file={f} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Shows a PDF or an image inline (fetched with the Bearer token into a blob URL); other types: a download.
 * Phones do not draw PDFs inside a page, so below the phone breakpoint a PDF is offered to open or save.
 */
export function FilePreview({ evidence, file }: { evidence: Evidence; file: EvidenceFile }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const phone = useMediaQuery(PHONE_QUERY);
  const name = fileName(file);
  const mime = fileMime(file);
  const pdf = isPdf(mime, name);
  const previewable = isImage(mime, name) || pdf;

  useEffect(() => {
    if (!previewable) return;
    let revoked = false;
    let objectUrl: string | null = null;
    setUrl(null);
    setError(null);
    fetchEvidenceFile(file).then(
      ({ blob }) => {
        if (revoked) return;
        const typed = blob.type
          ? blob
          : new Blob([blob], { type: isPdf(mime, name) ? 'application/pdf' : (mime ?? 'image/png') });
        objectUrl = URL.createObjectURL(typed);
        setUrl(objectUrl);
      },
      (e: Error) => !revoked && setError(e.message),
    );
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [evidence.id, file.id, previewable, mime, name]);

  if (!previewable) {
    return (
      <div className="preview" data-testid="preview">
        <p className="muted">
          Предпросмотр недоступен для этого типа файла. <DownloadButton file={file} />
        </p>
      </div>
    );
  }
  if (pdf && phone) {
    return (
      <div className="preview preview-file" data-testid="preview">
        <p className="preview-file-name">
          <span className="file-ext" aria-hidden="true">
            PDF
          </span>{' '}
          <strong>{name}</strong> <span className="muted small">{formatBytes(file.size)}</span>
        </p>
        <p className="muted small">
          На телефоне PDF не показывается внутри страницы: откройте или скачайте его.
        </p>
        {error && <p className="field-error">{error}</p>}
        {!url && !error && <span className="muted">Загрузка файла…</span>}
        {url && (
          <div className="form-actions">
            <a className="btn btn-primary" href={url} target="_blank" rel="noopener">
              Открыть PDF
            </a>
            <a className="btn" href={url} download={name}>
              Скачать
            </a>
          </div>
        )}
      </div>
    );
  }
  return (
    <div className={`preview${pdf ? ' preview-pdf' : ''}`} data-testid="preview">
      {pdf && (
        <div className="preview-bar">
          <span className="preview-name" title={name}>
            {name}
          </span>
          {url && (
            <span className="preview-actions">
              <a href={url} target="_blank" rel="noopener">
                Открыть в новой вкладке
              </a>
              <a href={url} download={name}>
                Скачать
              </a>
            </span>
          )}
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
      {!url && !error && <span className="muted">Загрузка предпросмотра…</span>}
      {url && isImage(mime, name) && <img src={url} alt={`Предпросмотр: ${name}`} />}
      {/* The viewer's own toolbar would title the file by its blob id: the bar above names it instead. */}
      {url && pdf && (
        <iframe src={`${url}#toolbar=0&navpanes=0&view=FitH`} title={`Предпросмотр PDF: ${name}`} />
      )}
    </div>
  );
}
