/**
 * Unreadable input is an ImportError with a stable code and a one-line message (Russian — English), so
 * the CLI can print it as is and callers can branch on `code` without parsing text.
 */
export type ImportErrorCode =
  | 'empty'
  | 'too_large'
  | 'binary'
  | 'unsupported'
  | 'damaged'
  | 'encrypted'
  | 'no_text_layer'
  | 'no_table'
  | 'no_period'
  | 'timeout';

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message.replace(/\s*\n\s*/g, ' '), options);
    this.name = 'ImportError';
  }
}

export const isImportError = (e: unknown): e is ImportError => e instanceof ImportError;
