/**
 * The typed fetch wrapper for the Stepwise API.
 *
 * - Paths, bodies and answers are typed from `schema.d.ts`, which `scripts/gen-types`
 *   generates from the backend's OpenAPI document (never edit it by hand).
 * - Every request sends the session cookie (`credentials: same-origin`) and every write sends
 *   `X-Requested-With: stepwise`, the custom header the server's CSRF guard requires
 *   (OWASP CSRF Cheat Sheet, "custom request headers").
 * - Errors arrive as RFC 9457 problem details and become an `ApiError` whose `fields` map a
 *   form field name (`displayName`, without the `body.` prefix) to the server's reason.
 */
import { markReachable } from '../data/connection';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Me = Schemas['Me'];
export type Preferences = Schemas['Preferences'];
export type Role = Me['role'];
export type Invitation = Schemas['Invitation'];
export type Passkey = Schemas['Passkey'];
export type Person = Schemas['Person'];
export type Team = Schemas['Team'];
export type ClientSummary = Schemas['ClientSummary'];
export type ClientDetail = Schemas['ClientDetail'];
export type Stage = ClientDetail['stage'];
export type AuditEntry = Schemas['AuditEntry'];

/** One field the server refused, with its reason in plain words (RFC 9457 extension). */
export interface FieldProblem {
  field: string;
  reason: string;
  code: string;
}

/** RFC 9457 problem details as the Stepwise server sends them. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  /** The machine-readable reason (`not_found`, `last_passkey`, …): the PWA translates it. */
  code?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly problem: Problem;
  /** Form field name (the wire name without `body.`) → the server's reason. */
  readonly fields: Record<string, string>;
  /** Form field name → the server's machine-readable code (`expired`, `used`, …). */
  readonly codes: Record<string, string>;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.problem = problem;
    this.fields = {};
    this.codes = {};
    for (const error of problem.errors ?? []) {
      const name = error.field.replace(/^(body|query|path)\.?/, '') || 'form';
      this.fields[name] ??= error.reason;
      this.codes[name] ??= error.code;
    }
  }

  /** The machine-readable code, if the server named one: the field's, else the problem's. */
  get code(): string | undefined {
    const field = this.problem.errors?.[0]?.code;
    if (field && field !== 'invalid') return field;
    return this.problem.code || field || undefined;
  }
}

/** Status 0: the request never reached the server (offline, or the server is down). */
export const OFFLINE = 0;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Operation<P extends keyof paths, M extends Method> = paths[P][M];

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;

type Success<O> = O extends { responses: infer R }
  ? 200 extends keyof R
    ? JsonOf<R[200]>
    : 201 extends keyof R
      ? JsonOf<R[201]>
      : undefined
  : never;

type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer T } } }
  ? T
  : O extends { requestBody?: { content: { 'application/json': infer T } } }
    ? T | undefined
    : undefined;

type PathParamsOf<O> = O extends { parameters: { path: infer P } } ? P : undefined;

type Args<O> = (undefined extends BodyOf<O> ? { body?: BodyOf<O> } : { body: BodyOf<O> }) &
  (PathParamsOf<O> extends undefined ? { path?: undefined } : { path: PathParamsOf<O> }) & {
    /** Query parameters; undefined values are left out. */
    query?: Record<string, string | number | undefined>;
  };

type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];

type Rest<O> = object extends Args<O>
  ? [args?: Args<O>]
  : undefined extends BodyOf<O>
    ? PathParamsOf<O> extends undefined
      ? [args?: Args<O>]
      : [args: Args<O>]
    : [args: Args<O>];

let onUnauthorized: (() => void) | null = null;

/** Called when a signed-in request answers 401: the session ended elsewhere or timed out. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function fillPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

function queryString(query: Record<string, string | number | undefined> | undefined): string {
  const pairs = Object.entries(query ?? {}).filter(([, value]) => value !== undefined);
  return pairs.length ? `?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

async function toProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (typeof body.title === 'string') {
        return { ...body, title: body.title, status: body.status ?? response.status };
      }
    } catch {
      // Fall through: a body that is not JSON gets a generic title below.
    }
  }
  return { title: response.statusText || 'Error', status: response.status };
}

export async function call<M extends Method, P extends PathsWith<M>>(
  method: M,
  path: P,
  ...[args]: Rest<Operation<P, M>>
): Promise<Success<Operation<P, M>>> {
  const a = (args ?? {}) as {
    body?: unknown;
    path?: Record<string, string>;
    query?: Record<string, string | number | undefined>;
  };
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (method !== 'get') headers['X-Requested-With'] = 'stepwise';
  const init: RequestInit = {
    method: method.toUpperCase(),
    credentials: 'same-origin',
    headers,
  };
  if (a.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(a.body);
  }
  let response: Response;
  try {
    response = await fetch(fillPath(path, a.path) + queryString(a.query), init);
  } catch {
    markReachable(false);
    throw new ApiError({ title: 'offline', status: OFFLINE });
  }
  // The service worker's saved copy of a task GET (sw.ts) is an answer, but not a connection.
  markReachable(!response.headers.has('X-Stepwise-Saved-Copy'));
  if (!response.ok) {
    const problem = await toProblem(response);
    if (response.status === 401 && path !== '/api/me' && onUnauthorized) onUnauthorized();
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as Success<Operation<P, M>>;
  return (await response.json()) as Success<Operation<P, M>>;
}

/** One page of a list, and the address of the next while more follow. */
export interface Page<T> {
  items: T[];
  /** The next page (the server's `Link: <…>; rel="next"`, RFC 8288), or null at the end. */
  next: string | null;
}

type ItemOf<T> = T extends (infer I)[] ? I : never;

const NEXT_LINK = /<([^>]+)>\s*;\s*rel="?next"?/;

/** A GET with the next page's address (`Link: <…>; rel="next"`), whatever the body is. */
async function getWithNext<T>(url: string): Promise<{ body: T; next: string | null }> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
    });
  } catch {
    markReachable(false);
    throw new ApiError({ title: 'offline', status: OFFLINE });
  }
  markReachable(!response.headers.has('X-Stepwise-Saved-Copy'));
  if (!response.ok) {
    const problem = await toProblem(response);
    if (response.status === 401 && onUnauthorized) onUnauthorized();
    throw new ApiError(problem);
  }
  const next = NEXT_LINK.exec(response.headers.get('Link') ?? '')?.[1] ?? null;
  // Only this origin's API: a Link elsewhere is never followed.
  return { body: (await response.json()) as T, next: next?.startsWith('/api/') ? next : null };
}

async function getPage<T>(url: string): Promise<Page<T>> {
  const { body, next } = await getWithNext<T[]>(url);
  return { items: body, next };
}

/**
 * A list a page at a time: `first(path)` asks for the first page, `more(page)` for the one
 * after it. `all(path)` follows every page, for a choice that needs the whole list (a coach to
 * pick); each request stays bounded by the server's page size.
 */
export const pages = {
  first<P extends PathsWith<'get'>>(
    path: P,
    ...[args]: Rest<Operation<P, 'get'>>
  ): Promise<Page<ItemOf<Success<Operation<P, 'get'>>>>> {
    const a = (args ?? {}) as { path?: Record<string, string>; query?: Record<string, string | number | undefined> };
    return getPage(fillPath(path, a.path) + queryString(a.query));
  },
  more<T>(page: Page<T>): Promise<Page<T>> {
    if (!page.next) return Promise.resolve({ items: [], next: null });
    return getPage<T>(page.next);
  },
  /** An answer that holds lists (the week): its first part, and where the next part is. */
  firstOf<P extends PathsWith<'get'>>(
    path: P,
    ...[args]: Rest<Operation<P, 'get'>>
  ): Promise<{ body: Success<Operation<P, 'get'>>; next: string | null }> {
    const a = (args ?? {}) as { path?: Record<string, string>; query?: Record<string, string | number | undefined> };
    return getWithNext(fillPath(path, a.path) + queryString(a.query));
  },
  /** The next part of such an answer (`next` as the previous part gave it). */
  nextOf<T>(next: string): Promise<{ body: T; next: string | null }> {
    return getWithNext<T>(next);
  },
  async all<P extends PathsWith<'get'>>(
    path: P,
    ...args: Rest<Operation<P, 'get'>>
  ): Promise<ItemOf<Success<Operation<P, 'get'>>>[]> {
    let page = await pages.first(path, ...args);
    const items = [...page.items];
    while (page.next) {
      page = await pages.more(page);
      items.push(...page.items);
    }
    return items;
  },
};

export const api = {
  get: <P extends PathsWith<'get'>>(path: P, ...args: Rest<Operation<P, 'get'>>) =>
    call('get', path, ...args),
  post: <P extends PathsWith<'post'>>(path: P, ...args: Rest<Operation<P, 'post'>>) =>
    call('post', path, ...args),
  put: <P extends PathsWith<'put'>>(path: P, ...args: Rest<Operation<P, 'put'>>) =>
    call('put', path, ...args),
  patch: <P extends PathsWith<'patch'>>(path: P, ...args: Rest<Operation<P, 'patch'>>) =>
    call('patch', path, ...args),
  delete: <P extends PathsWith<'delete'>>(path: P, ...args: Rest<Operation<P, 'delete'>>) =>
    call('delete', path, ...args),
};

/**
 * PUT (or POST) one file as multipart/form-data in the field `file` (a step's photo or voice
 * prompt, a profile's photo).
 * The server recognises the type by content; a refusal is an `ApiError` naming `file`.
 */
export async function uploadFile<T>(path: string, file: Blob, name: string, method: 'PUT' | 'POST' = 'PUT'): Promise<T> {
  const form = new FormData();
  form.append('file', file, name);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'stepwise' },
      body: form,
    });
  } catch {
    markReachable(false);
    throw new ApiError({ title: 'offline', status: OFFLINE });
  }
  markReachable(true);
  if (!response.ok) {
    const problem = await toProblem(response);
    if (response.status === 401 && onUnauthorized) onUnauthorized();
    throw new ApiError(problem);
  }
  return (await response.json()) as T;
}
