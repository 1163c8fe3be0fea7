// Every call goes to the gateway with the session cookie; mutating calls echo the XSRF-TOKEN cookie.
// Errors are RFC 9457 problems; a 401 means the session ended and the browser signs in again.

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly field?: string,
    readonly headers?: Headers,
  ) {
    super(detail || title);
  }
}

export const LOGIN_PATH = '/oauth2/authorization/keycloak';

export function csrfToken(): string {
  const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1] ?? '') : '';
}

/** Spring writes the XSRF-TOKEN cookie on a GET; make one first if the page has none yet. */
async function ensureCsrf(): Promise<string> {
  let token = csrfToken();
  if (!token) {
    await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    token = csrfToken();
  }
  return token;
}

export function slugOf(type: string | undefined): string {
  if (!type) return '';
  return type.replace(/\/+$/, '').split('/').pop() ?? '';
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T>(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = await ensureCsrf();
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new Problem(0, 'network', 'Network error', 'The portal could not be reached.');
  }
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    if (response.status === 401 && slugOf(body?.type) !== 'recent-login-required') {
      window.location.assign(LOGIN_PATH);
    }
    throw new Problem(
      response.status,
      slugOf(body?.type) || String(response.status),
      body?.title ?? response.statusText,
      body?.detail ?? '',
      body?.field,
      response.headers,
    );
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await request<T>('GET', path, { signal })).body;
}

/** A file as multipart `file`, with the CSRF header like every change; the answer is JSON. */
export async function upload<T>(path: string, file: File): Promise<T> {
  const token = await ensureCsrf();
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-XSRF-TOKEN': token },
      body: form,
    });
  } catch {
    throw new Problem(0, 'network', 'Network error', 'The portal could not be reached.');
  }
  const body = (response.headers.get('content-type') ?? '').includes('json')
    ? await response.json().catch(() => null)
    : null;
  if (!response.ok) {
    throw new Problem(
      response.status,
      slugOf(body?.type) || String(response.status),
      body?.title ?? response.statusText,
      body?.detail ?? '',
      body?.field,
    );
  }
  return body as T;
}

export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Sign out: a form POST to /logout with the CSRF token, so the gateway ends the session and Keycloak's. */
export function signOut(): void {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/logout';
  const input = document.createElement('input');
  input.type = 'hidden';
  input.name = '_csrf';
  input.value = csrfToken();
  form.append(input);
  document.body.append(form);
  form.submit();
}
