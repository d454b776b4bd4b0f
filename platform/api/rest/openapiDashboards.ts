/**
 * The OpenAPI operations of dashboards and subscriptions (issue 14): the dashboards the caller may
 * open, one run with its filters, and the caller's e-mail subscriptions. Kept apart from openapi.ts.
 */
import type { JsonSchema } from '../../fields/types';
import { err } from './openapiExtras';

const ok = (description: string, schema: JsonSchema) => ({ description, content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The component schemas these operations answer with (each stands alone: no $ref between them). */
export function dashboardSchemas(): Record<string, JsonSchema> {
  const label = { type: 'object', required: ['en', 'zh'], properties: { en: { type: 'string' }, zh: { type: 'string' } } };
  const error = {
    type: 'object',
    required: ['code', 'message', 'details'],
    description: "The component's own failure (the others still show), in the shared error shape.",
    properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'object' } } },
  };
  const filters = {
    type: 'object',
    required: ['date', 'owner', 'department', 'role'],
    description: 'The filters as applied to every report component.',
    properties: {
      date: {
        description: 'A relative period, a {from, to} range, or null',
        oneOf: [{ type: 'string' }, { type: 'object', properties: { from: { type: ['string', 'null'] }, to: { type: ['string', 'null'] } } }, { type: 'null' }],
      },
      owner: { type: ['string', 'null'] },
      department: { type: ['string', 'null'] },
      role: { type: ['string', 'null'] },
    },
  };
  const subscription = {
    type: 'object',
    required: ['id', 'targetKind', 'target', 'frequency', 'hour', 'weekday', 'nextRunAt', 'lastStatus', 'lastError'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      targetKind: { type: 'string', enum: ['report', 'dashboard'] },
      target: { type: 'string' },
      frequency: { type: 'string', enum: ['daily', 'weekly'] },
      hour: { type: 'integer', minimum: 0, maximum: 23, description: "In the workspace's time zone" },
      weekday: { type: ['integer', 'null'], minimum: 1, maximum: 7, description: 'Weekly: 1 Monday to 7 Sunday' },
      filters: { type: ['object', 'null'], description: 'Dashboards: the filters of the e-mailed run' },
      nextRunAt: { type: 'string', format: 'date-time' },
      lastRunAt: { type: ['string', 'null'], format: 'date-time' },
      lastStatus: { type: ['string', 'null'], enum: ['sent', 'skipped', 'failed', null], description: 'skipped: the subscriber may no longer open it (lastError says why)' },
      lastError: { type: ['string', 'null'] },
    },
  };
  return {
    DashboardList: {
      type: 'object',
      required: ['dashboards', 'home'],
      properties: {
        home: { type: ['string', 'null'], description: "The caller's home dashboard: their role's (or the nearest role above), else by permission set" },
        dashboards: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'label', 'visibility', 'canEdit', 'components'],
            properties: {
              name: { type: 'string' },
              label,
              description: label,
              folder: label,
              visibility: { type: 'string', enum: ['private', 'shared', 'public'] },
              canEdit: { type: 'boolean' },
              components: { type: 'integer' },
            },
          },
        },
      },
    },
    DashboardRun: {
      type: 'object',
      required: ['dashboard', 'label', 'filters', 'canEdit', 'components', 'ranAt'],
      properties: {
        dashboard: { type: 'object', description: 'The dashboard document (metadata kind dashboard)' },
        label: { type: 'string' },
        description: { type: 'string' },
        filters,
        canEdit: { type: 'boolean' },
        ranAt: { type: 'string', format: 'date-time' },
        components: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'type', 'title', 'width', 'height', 'order'],
            properties: {
              id: { type: 'string' },
              type: { type: 'string', enum: ['report', 'approvals'] },
              title: { type: 'string' },
              width: { type: 'integer', minimum: 1, maximum: 4 },
              height: { type: 'integer', minimum: 1, maximum: 4 },
              order: { type: 'integer' },
              report: { type: 'string' },
              object: { type: 'string' },
              chart: { type: 'object' },
              dateField: { type: 'string' },
              filter: { description: 'The condition the dashboard filters added (also inside each group drill)' },
              result: { type: 'object', description: 'The report result: columns, groups, rows, totals, rowCount, truncated (as GET /api/v1/reports/{name}/run)' },
              approvals: { type: 'object', description: "Approvals components: the caller's pending approvals (items, total)" },
              error,
            },
          },
        },
      },
    },
    Subscription: subscription,
    SubscriptionList: { type: 'object', required: ['subscriptions'], properties: { subscriptions: { type: 'array', items: subscription } } },
    SubscriptionInput: {
      type: 'object',
      required: ['targetKind', 'target', 'frequency', 'hour'],
      properties: {
        targetKind: { type: 'string', enum: ['report', 'dashboard'] },
        target: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' },
        frequency: { type: 'string', enum: ['daily', 'weekly'] },
        hour: { type: 'integer', minimum: 0, maximum: 23 },
        weekday: { type: ['integer', 'null'], minimum: 1, maximum: 7 },
        filters: { type: ['object', 'null'] },
      },
    },
  };
}

const filterParams = [
  { name: 'period', in: 'query', description: 'A relative period (this_month, last_quarter, last_30_days...); `all` clears the default', schema: { type: 'string' } },
  { name: 'from', in: 'query', description: 'Date range start (YYYY-MM-DD)', schema: { type: 'string', format: 'date' } },
  { name: 'to', in: 'query', description: 'Date range end (YYYY-MM-DD, inclusive)', schema: { type: 'string', format: 'date' } },
  { name: 'owner', in: 'query', description: 'A user id, or $me', schema: { type: 'string' } },
  { name: 'department', in: 'query', description: 'A department (name or id): owners in it and below', schema: { type: 'string' } },
  { name: 'role', in: 'query', description: 'A role (name or id): owners in it and below (a team)', schema: { type: 'string' } },
];

/** The paths of dashboards and subscriptions. */
export function dashboardPaths(): Record<string, JsonSchema> {
  return {
    '/api/v1/dashboards': {
      get: {
        summary: 'Dashboards the caller may open, and their home dashboard',
        operationId: 'listDashboards',
        tags: ['Dashboards'],
        responses: { 200: ok('Dashboards', ref('DashboardList')), 401: err('Not authenticated') },
      },
    },
    '/api/v1/dashboards/{name}': {
      get: {
        summary: 'Run a dashboard as the caller',
        operationId: 'runDashboard',
        tags: ['Dashboards'],
        description:
          'Every report component runs as the caller (their records, their fields) with the dashboard filters added; a component that fails carries its own error. Filters the dashboard does not offer are refused.',
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }, ...filterParams],
        responses: {
          200: ok('Each component with its result or error', ref('DashboardRun')),
          400: err('An unknown parameter, a filter the dashboard does not offer, or a bad period, date, owner, department or role'),
          401: err('Not authenticated'),
          404: err('No such dashboard, or the caller may not open it'),
        },
      },
    },
    '/api/v1/subscriptions': {
      get: {
        summary: "The caller's e-mail subscriptions",
        operationId: 'listSubscriptions',
        tags: ['Dashboards'],
        responses: { 200: ok('Subscriptions', ref('SubscriptionList')), 401: err('Not authenticated') },
      },
      post: {
        summary: 'Subscribe to a report or dashboard by e-mail (or change the subscription to it)',
        operationId: 'saveSubscription',
        tags: ['Dashboards'],
        requestBody: { required: true, content: { 'application/json': { schema: ref('SubscriptionInput') } } },
        responses: {
          201: ok('The subscription', ref('Subscription')),
          400: err('Not a JSON object'),
          401: err('Not authenticated'),
          404: err('No such report or dashboard, or the caller may not open it'),
          422: err('A bad schedule (details point at /hour, /weekday, /frequency)'),
        },
      },
    },
    '/api/v1/subscriptions/{id}': {
      delete: {
        summary: 'Unsubscribe',
        operationId: 'deleteSubscription',
        tags: ['Dashboards'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { 204: { description: 'Removed' }, 401: err('Not authenticated'), 404: err("Not one of the caller's subscriptions") },
      },
    },
  };
}
