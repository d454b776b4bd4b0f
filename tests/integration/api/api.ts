/**
 * Calls the real Next.js REST route modules the way Next.js does (a Request plus a params promise),
 * routed by URL path, so tests read like HTTP: `api.get('/api/v1/records/account?limit=2')`.
 */
import { expect } from 'vitest';
import * as backfillsRoute from '../../../app/api/v1/admin/backfills/route';
import * as settingsRoute from '../../../app/api/v1/admin/settings/route';
import * as recordFollowRoute from '../../../app/api/v1/records/[object]/[id]/follow/route';
import * as recordActionRoute from '../../../app/api/v1/records/[object]/[id]/actions/[action]/route';
import * as approvalActionRoute from '../../../app/api/v1/approvals/[requestId]/[action]/route';
import * as approvalBulkRoute from '../../../app/api/v1/approvals/bulk-approve/route';
import * as approvalPendingRoute from '../../../app/api/v1/approvals/pending/route';
import * as recordApprovalRoute from '../../../app/api/v1/records/[object]/[id]/approval/route';
import * as recordApprovalSubmitRoute from '../../../app/api/v1/records/[object]/[id]/approval/submit/route';
import * as kanbanRoute from '../../../app/api/v1/kanban/[object]/route';
import * as metadataRoute from '../../../app/api/v1/metadata/[[...path]]/route';
import * as objectRoute from '../../../app/api/v1/objects/[object]/route';
import * as objectsRoute from '../../../app/api/v1/objects/route';
import * as openapiRoute from '../../../app/api/v1/openapi.json/route';
import * as restoreRoute from '../../../app/api/v1/records/[object]/[id]/restore/route';
import * as convertRoute from '../../../app/api/v1/records/[object]/[id]/convert/route';
import * as stageHistoryRoute from '../../../app/api/v1/records/[object]/[id]/stage-history/route';
import * as recordRoute from '../../../app/api/v1/records/[object]/[id]/route';
import * as recordsRoute from '../../../app/api/v1/records/[object]/route';
import * as recordsQueryRoute from '../../../app/api/v1/records/[object]/query/route';
import * as recordsMassRoute from '../../../app/api/v1/records/[object]/mass/route';
import * as recordsTotalsRoute from '../../../app/api/v1/records/[object]/totals/route';
import * as catchAllRoute from '../../../app/api/v1/[[...rest]]/route';
import * as recycleBinRoute from '../../../app/api/v1/recycle-bin/[object]/route';
import * as recentRoute from '../../../app/api/v1/recent/route';
import * as principalsRoute from '../../../app/api/v1/principals/route';
import * as reportsRoute from '../../../app/api/v1/reports/route';
import * as reportsRunRoute from '../../../app/api/v1/reports/run/route';
import * as reportRoute from '../../../app/api/v1/reports/[name]/route';
import * as reportRunRoute from '../../../app/api/v1/reports/[name]/run/route';
import * as reportExportRoute from '../../../app/api/v1/reports/[name]/export/route';
import * as searchRoute from '../../../app/api/v1/search/route';
import * as dashboardsRoute from '../../../app/api/v1/dashboards/route';
import * as dashboardRoute from '../../../app/api/v1/dashboards/[name]/route';
import * as subscriptionsRoute from '../../../app/api/v1/subscriptions/route';
import * as subscriptionRoute from '../../../app/api/v1/subscriptions/[id]/route';
import { getPrisma } from '../../../platform/db/prisma';
import { createApiKey } from '../../../platform/security/apiKeys';
import { createTestWorkspace, type TestWorkspace } from '../../support/workspace';

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
/** Every route's params are a subset of these. */
type RouteParams = { object: string; id: string; path?: string[]; requestId: string; action: string; name: string };
type RouteHandler = (req: Request, route: { params: Promise<RouteParams> }) => Promise<Response>;
type RouteModule = Partial<Record<Method, RouteHandler>>;

/** The app router's tree, as [path pattern, param names, route module]. */
const ROUTES: [RegExp, string[], RouteModule][] = [
  [/^\/api\/v1\/objects$/, [], objectsRoute],
  [/^\/api\/v1\/objects\/([^/]+)$/, ['object'], objectRoute],
  [/^\/api\/v1\/openapi\.json$/, [], openapiRoute],
  [/^\/api\/v1\/records\/([^/]+)$/, ['object'], recordsRoute],
  // A static segment wins over a dynamic one, as in Next.js: .../query is not a record id.
  [/^\/api\/v1\/records\/([^/]+)\/query$/, ['object'], recordsQueryRoute],
  [/^\/api\/v1\/records\/([^/]+)\/mass$/, ['object'], recordsMassRoute],
  [/^\/api\/v1\/records\/([^/]+)\/totals$/, ['object'], recordsTotalsRoute],
  [/^\/api\/v1\/records\/([^/]+)\/([^/]+)$/, ['object', 'id'], recordRoute],
  [/^\/api\/v1\/records\/([^/]+)\/([^/]+)\/restore$/, ['object', 'id'], restoreRoute],
  [/^\/api\/v1\/records\/([^/]+)\/([^/]+)\/convert$/, ['object', 'id'], convertRoute],
  [/^\/api\/v1\/records\/([^/]+)\/([^/]+)\/stage-history$/, ['object', 'id'], stageHistoryRoute],
  [/^\/api\/v1\/kanban\/([^/]+)$/, ['object'], kanbanRoute],
  [/^\/api\/v1\/records\/([^/]+)\/([^/]+)\/follow$/, ['object', 'id'], recordFollowRoute],
  [/^\/api\/v1\/records\/([^/]+)\/([^/]+)\/actions\/([^/]+)$/, ['object', 'id', 'action'], recordActionRoute],
  [/^\/api\/v1\/records\/([^/]+)\/([^/]+)\/approval$/, ['object', 'id'], recordApprovalRoute],
  [/^\/api\/v1\/records\/([^/]+)\/([^/]+)\/approval\/submit$/, ['object', 'id'], recordApprovalSubmitRoute],
  [/^\/api\/v1\/approvals\/pending$/, [], approvalPendingRoute],
  [/^\/api\/v1\/approvals\/bulk-approve$/, [], approvalBulkRoute],
  [/^\/api\/v1\/approvals\/([^/]+)\/([^/]+)$/, ['requestId', 'action'], approvalActionRoute],
  [/^\/api\/v1\/recycle-bin\/([^/]+)$/, ['object'], recycleBinRoute],
  [/^\/api\/v1\/admin\/backfills$/, [], backfillsRoute],
  [/^\/api\/v1\/admin\/settings$/, [], settingsRoute],
  [/^\/api\/v1\/search$/, [], searchRoute],
  [/^\/api\/v1\/recent$/, [], recentRoute],
  [/^\/api\/v1\/principals$/, [], principalsRoute],
  [/^\/api\/v1\/dashboards$/, [], dashboardsRoute],
  [/^\/api\/v1\/dashboards\/([^/]+)$/, ['name'], dashboardRoute],
  [/^\/api\/v1\/subscriptions$/, [], subscriptionsRoute],
  [/^\/api\/v1\/subscriptions\/([^/]+)$/, ['id'], subscriptionRoute],
  [/^\/api\/v1\/reports$/, [], reportsRoute],
  [/^\/api\/v1\/reports\/run$/, [], reportsRunRoute],
  [/^\/api\/v1\/reports\/([^/]+)$/, ['name'], reportRoute],
  [/^\/api\/v1\/reports\/([^/]+)\/run$/, ['name'], reportRunRoute],
  [/^\/api\/v1\/reports\/([^/]+)\/export$/, ['name'], reportExportRoute],
  [/^\/api\/v1\/metadata(\/.*)?$/, [], metadataRoute],
  // Last, as Next.js tries a catch-all last: any other /api/v1 address.
  [/^\/api\/v1(\/.*)?$/, [], catchAllRoute],
];

export interface CallOptions {
  /** A string is sent as is (for malformed bodies); anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The Authorization header; null sends none. Defaults to the client's own key. */
  auth?: string | null;
  /** Accept-Language. */
  lang?: string;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  body: any;
}

/** Send one request to the route module serving `path` (query string included). */
export async function send(method: Method, path: string, opts: CallOptions & { key?: string } = {}): Promise<ApiResponse> {
  const url = new URL(path, 'http://localhost');
  const match = ROUTES.map(([re, names, mod]) => ({ m: re.exec(url.pathname), names, mod })).find((r) => r.m);
  if (!match) throw new Error(`no route serves ${url.pathname}`);
  // As Next.js does: HEAD falls back to GET when a route does not export it.
  const handler = match.mod[method] ?? (method === 'HEAD' ? match.mod.GET : undefined);
  if (!handler) throw new Error(`${url.pathname} has no ${method} handler`);
  const params = Object.fromEntries(match.names.map((n, i) => [n, decodeURIComponent(match.m![i + 1])])) as unknown as RouteParams;
  // The metadata API is one catch-all route: its params are the path segments.
  if (match.mod === metadataRoute)
    params.path = url.pathname
      .replace(/^\/api\/v1\/metadata\/?/, '')
      .split('/')
      .filter(Boolean)
      .map(decodeURIComponent);
  const headers: Record<string, string> = { ...opts.headers };
  const auth = opts.auth === undefined ? (opts.key ? `Bearer ${opts.key}` : null) : opts.auth;
  if (auth !== null) headers.authorization = auth;
  if (opts.lang) headers['accept-language'] = opts.lang;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
  const text = await res.text();
  let parsed: unknown = text;
  if (text === '') parsed = null;
  else if ((res.headers.get('content-type') ?? '').startsWith('application/json')) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed };
}

export interface ApiClient {
  tw: TestWorkspace;
  key: string;
  keyId: string;
  get(path: string, opts?: CallOptions): Promise<ApiResponse>;
  post(path: string, body?: unknown, opts?: CallOptions): Promise<ApiResponse>;
  patch(path: string, body?: unknown, opts?: CallOptions): Promise<ApiResponse>;
  put(path: string, body?: unknown, opts?: CallOptions): Promise<ApiResponse>;
  del(path: string, opts?: CallOptions): Promise<ApiResponse>;
}

/** A fresh workspace with an admin user and an API key acting as them. */
export async function apiClient(prefix = 'api'): Promise<ApiClient> {
  const tw = await createTestWorkspace(prefix);
  process.env.DATABASE_URL ??= tw.url;
  const { id, key } = await createApiKey(getPrisma(tw.url), tw.admin.id, 'test');
  return clientFor(tw, key, id);
}

export function clientFor(tw: TestWorkspace, key: string, keyId = ''): ApiClient {
  return {
    tw,
    key,
    keyId,
    get: (path, opts = {}) => send('GET', path, { key, ...opts }),
    post: (path, body, opts = {}) => send('POST', path, { key, ...opts, body }),
    patch: (path, body, opts = {}) => send('PATCH', path, { key, ...opts, body }),
    put: (path, body, opts = {}) => send('PUT', path, { key, ...opts, body }),
    del: (path, opts = {}) => send('DELETE', path, { key, ...opts }),
  };
}

/** `?filter=` for a condition tree. */
export function filterParam(condition: unknown): string {
  return `filter=${encodeURIComponent(JSON.stringify(condition))}`;
}

/** Assert the shared error shape and status; returns the error for further checks. */
export function expectError(res: ApiResponse, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const { error } = res.body;
  expect(Object.keys(error).sort()).toEqual(['code', 'details', 'message']);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(Array.isArray(error.details)).toBe(true);
  for (const d of error.details) {
    expect(typeof d.code).toBe('string');
    expect(typeof d.message).toBe('string');
  }
  return error as { code: string; message: string; details: { field?: string; pointer?: string; code: string; message: string }[] };
}

/** The (field, code) pairs of an error's details, sorted, for order-independent comparison. */
export function fieldCodes(error: { details: { field?: string; code: string }[] }): [string | undefined, string][] {
  return error.details.map((d): [string | undefined, string] => [d.field, d.code]).sort((a, b) => String(a).localeCompare(String(b)));
}
