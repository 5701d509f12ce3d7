/**
 * The only place that talks HTTP. Every call goes to the same origin under /api with the Bearer token
 * kept in localStorage; a 401 logs the user out everywhere (see auth.tsx).
 */
const TOKEN_KEY = 'karta.token';

export function getToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* private mode: the session lasts as long as the tab */
  }
}

export const UNAUTHORIZED_EVENT = 'karta:unauthorized';

/** An error the user can read: the server's Russian message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Structured extras some routes send (e.g. `blockers` when a launch is refused). */
  get details(): Record<string, unknown> {
    return this.body && typeof this.body === 'object' ? (this.body as Record<string, unknown>) : {};
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Проверьте введённые данные',
  401: 'Войдите в систему',
  403: 'Недостаточно прав для этого действия',
  404: 'Не найдено',
  409: 'Действие сейчас невозможно',
  413: 'Файл слишком большой',
  415: 'Этот тип файла не принимается',
  429: 'Слишком много попыток, подождите минуту',
  500: 'Ошибка сервера, попробуйте ещё раз',
  502: 'Сервер недоступен',
  503: 'Сервер недоступен',
};

/** Turns Nest's `{message: string | string[]}` (or anything else) into one readable sentence. */
export function messageFrom(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const m = b.message ?? b.error;
    if (Array.isArray(m) && m.length) return m.map(String).join('; ');
    if (
      typeof m === 'string' &&
      m.trim() &&
      !/^(Bad Request|Unauthorized|Forbidden|Not Found|Conflict|Internal Server Error)$/i.test(m)
    )
      return m;
  }
  if (typeof body === 'string' && body.trim() && body.length < 300 && !body.trimStart().startsWith('<'))
    return body;
  return STATUS_TEXT[status] ?? `Ошибка ${status}`;
}

function authHeaders(extra?: HeadersInit): Headers {
  const h = new Headers(extra);
  const token = getToken();
  if (token) h.set('Authorization', `Bearer ${token}`);
  return h;
}

async function readBody(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (res.status === 204) return null;
  if (type.includes('application/json')) return res.json().catch(() => null);
  return res.text().catch(() => null);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers = authHeaders({ Accept: 'application/json' });
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(`/api${path}`, opts.query), {
      method: opts.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'Нет связи с сервером. Проверьте подключение и попробуйте ещё раз.');
  }
  const data = await readBody(res);
  if (!res.ok) {
    if (res.status === 401 && path !== '/auth/login') window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    throw new ApiError(res.status, messageFrom(res.status, data), data);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};

export interface UploadHandle<T> {
  promise: Promise<T>;
  abort: () => void;
}

/**
 * Multipart upload through XMLHttpRequest: unlike fetch, it reports upload progress.
 * `onProgress` gets a fraction 0..1 of the bytes sent.
 */
export function upload<T>(
  path: string,
  form: FormData,
  onProgress?: (fraction: number) => void,
): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', `/api${path}`);
    const token = getToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.total ? e.loaded / e.total : 0);
    };
    xhr.onload = () => {
      let data: unknown = xhr.responseText;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(data as T);
      } else {
        if (xhr.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
        reject(new ApiError(xhr.status, messageFrom(xhr.status, data), data));
      }
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'Нет связи с сервером: файл не отправлен. Попробуйте ещё раз.'));
    xhr.onabort = () => reject(new ApiError(0, 'Отправка отменена'));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** Fetches a protected file (Bearer) as a blob: for previews and downloads alike. */
export async function fetchBlob(path: string): Promise<{ blob: Blob; filename: string | null }> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { headers: authHeaders() });
  } catch {
    throw new ApiError(0, 'Нет связи с сервером');
  }
  if (!res.ok) throw new ApiError(res.status, messageFrom(res.status, await readBody(res)));
  return { blob: await res.blob(), filename: filenameFrom(res.headers.get('content-disposition')) };
}

export function filenameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}

/** Saves a protected file under its server-given name (or `fallback`). */
export async function download(path: string, fallback: string): Promise<void> {
  const { blob, filename } = await fetchBlob(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename ?? fallback;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
