/**
 * What the evidence form accepts before it even tries the upload. The server checks again by content
 * (issue 6); these checks only spare a person a long upload that would be refused.
 */
export interface FilePolicy {
  maxBytes: number;
  maxFiles: number;
  /** Lower-case extensions without the dot. */
  extensions: string[];
}

/** Used until (or if ever not) GET uploads/limits answers; see `policyOf`. */
export const DEFAULT_POLICY: FilePolicy = {
  maxBytes: 20 * 1024 * 1024,
  maxFiles: 10,
  // The server's defaults (UPLOAD_MAX_FILE_MB / UPLOAD_MAX_FILES, libs/domain ALLOWED_EVIDENCE_MIME).
  extensions: [
    'pdf',
    'doc',
    'docx',
    'odt',
    'rtf',
    'xls',
    'xlsx',
    'ods',
    'csv',
    'ppt',
    'pptx',
    'jpg',
    'jpeg',
    'png',
    'tif',
    'tiff',
    'txt',
    'zip',
  ],
};

/** The policy the server states (GET uploads/limits), or the defaults while it is not known. */
export function policyOf(
  limits: { maxFileBytes: number; maxFiles: number; extensions: string[] } | null | undefined,
): FilePolicy {
  if (!limits?.extensions?.length) return DEFAULT_POLICY;
  return { maxBytes: limits.maxFileBytes, maxFiles: limits.maxFiles, extensions: limits.extensions };
}

export function extensionOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(i + 1).toLowerCase() : '';
}

/** Why a file cannot be sent, in Russian, or null when it can. */
export function rejectReason(
  file: Pick<File, 'name' | 'size'>,
  policy: FilePolicy = DEFAULT_POLICY,
): string | null {
  const ext = extensionOf(file.name);
  if (!ext || !policy.extensions.includes(ext)) {
    return `тип файла ${ext ? `«.${ext}» ` : ''}не принимается. Допустимы: ${policy.extensions.map((e) => e.toUpperCase()).join(', ')}`;
  }
  if (file.size > policy.maxBytes) {
    return `файл больше ${Math.round(policy.maxBytes / 1024 / 1024)} МБ`;
  }
  if (file.size === 0) return 'файл пустой';
  return null;
}

export const isImage = (mime: string | undefined, name?: string) =>
  (mime ?? '').startsWith('image/') ||
  ['jpg', 'jpeg', 'png', 'gif', 'webp'].includes(extensionOf(name ?? ''));

export const isPdf = (mime: string | undefined, name?: string) =>
  mime === 'application/pdf' || extensionOf(name ?? '') === 'pdf';
