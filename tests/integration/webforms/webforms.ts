/** Helpers for web-form tests: post to the real route module as a browser or a script would. */
import * as publicFormRoute from '../../../app/api/v1/public/forms/[workspace]/[form]/route';

export interface PostOptions {
  ip?: string;
  origin?: string;
  lang?: string;
  /** 'json' (default), 'form' (urlencoded) or a raw content type. */
  type?: 'json' | 'form' | string;
  accept?: string;
  query?: string;
}

export interface Posted {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- asserted field by field
  body: any;
}

function encode(body: unknown, type: string): string {
  if (typeof body === 'string') return body;
  if (type !== 'form') return JSON.stringify(body);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, String(one));
  return params.toString();
}

/** POST a submission to /api/v1/public/forms/{workspace}/{form}. */
export async function submit(workspace: string, form: string, body: unknown, o: PostOptions = {}): Promise<Posted> {
  const type = o.type ?? 'json';
  const headers: Record<string, string> = {
    'content-type': type === 'json' ? 'application/json' : type === 'form' ? 'application/x-www-form-urlencoded' : type,
    host: 'crm.example.test',
  };
  if (o.ip) headers['x-forwarded-for'] = o.ip;
  if (o.origin) headers.origin = o.origin;
  if (o.lang) headers['accept-language'] = o.lang;
  if (o.accept) headers.accept = o.accept;
  const url = `http://crm.example.test/api/v1/public/forms/${workspace}/${form}${o.query ? `?${o.query}` : ''}`;
  const res = await publicFormRoute.POST(new Request(url, { method: 'POST', headers, body: encode(body, type) }), { params: Promise.resolve({ workspace, form }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text && (res.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(text) : text };
}

/** The CORS preflight of a form's endpoint. */
export async function preflight(workspace: string, form: string, origin: string): Promise<Response> {
  const req = new Request(`http://crm.example.test/api/v1/public/forms/${workspace}/${form}`, {
    method: 'OPTIONS',
    headers: { origin, host: 'crm.example.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  return publicFormRoute.OPTIONS(req, { params: Promise.resolve({ workspace, form }) });
}
