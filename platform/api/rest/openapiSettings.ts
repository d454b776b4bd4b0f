/**
 * The OpenAPI operations of workspace settings (GET/PUT /api/v1/admin/settings) and of the
 * principals picker (GET /api/v1/principals). Kept apart from openapi.ts so each file stays small.
 */
import type { JsonSchema } from '../../fields/types';
import { PRINCIPAL_KINDS } from '../../security/principals';
import { err } from './openapiExtras';

const ok = (description: string, schema: JsonSchema) => ({ description, content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const day = { type: 'string', format: 'date' };

/** The component schemas these operations answer with. */
export function settingsSchemas(): Record<string, JsonSchema> {
  return {
    WorkspaceSettings: {
      type: 'object',
      required: ['fiscalYearStartMonth', 'timeZone', 'thisFiscalYear'],
      properties: {
        fiscalYearStartMonth: {
          type: 'integer',
          minimum: 1,
          maximum: 12,
          description: 'The month (1-12) the fiscal year starts in; a fiscal year is named by the calendar year it ends in.',
        },
        timeZone: { type: 'string', description: "The workspace's time zone (the server's TESSERA_TIME_ZONE), where days start; read-only." },
        thisFiscalYear: { type: 'object', required: ['from', 'to'], properties: { from: day, to: day }, description: 'The current fiscal year as dates [from, to).' },
      },
    },
    WorkspaceSettingsPatch: {
      type: 'object',
      properties: { fiscalYearStartMonth: { type: 'integer', minimum: 1, maximum: 12 } },
      description: 'The settings to change; what is left out keeps its value.',
    },
    Principal: {
      type: 'object',
      required: ['value', 'label'],
      properties: {
        value: { type: 'string', description: "The API name (a user's id)" },
        label: { type: 'string', description: "The label in the caller's language" },
      },
    },
  };
}

/** GET/PUT /api/v1/admin/settings and GET /api/v1/principals. */
export function settingsPaths(): Record<string, JsonSchema> {
  return {
    '/api/v1/admin/settings': {
      get: {
        summary: 'Workspace settings',
        operationId: 'getWorkspaceSettings',
        tags: ['Administration'],
        description: 'Needs the "customise metadata" right.',
        responses: { 200: ok('The settings', ref('WorkspaceSettings')), 401: err('Not authenticated'), 403: err('The caller may not customise metadata') },
      },
      put: {
        summary: 'Change workspace settings',
        operationId: 'updateWorkspaceSettings',
        tags: ['Administration'],
        description: 'Needs the "customise metadata" right; audited. Fiscal quarters and years in conditions, sharing criteria and reports follow the new start at once.',
        requestBody: { required: true, content: { 'application/json': { schema: ref('WorkspaceSettingsPatch') } } },
        responses: {
          200: ok('The settings after the change', ref('WorkspaceSettings')),
          400: err('A body that is not a JSON object, or names __proto__'),
          401: err('Not authenticated'),
          403: err('The caller may not customise metadata, or a cross-site request'),
          422: err('A value out of range (details name the field and its pointer, e.g. /fiscalYearStartMonth)'),
        },
      },
    },
    '/api/v1/principals': {
      get: {
        summary: 'Roles, departments, groups or users to pick from',
        operationId: 'searchPrincipals',
        tags: ['Administration'],
        description: 'Open to every signed-in user (sharing a report, filtering a dashboard by team): names and labels only, at most 50, ordered by label.',
        parameters: [
          { name: 'kind', in: 'query', required: true, schema: { type: 'string', enum: [...PRINCIPAL_KINDS] } },
          { name: 'q', in: 'query', description: 'Text the label or name contains', schema: { type: 'string', maxLength: 100 } },
          { name: 'value', in: 'query', description: 'Exactly these values (repeat the parameter), for the labels of a choice made', schema: { type: 'string' } },
        ],
        responses: {
          200: ok('The principals', { type: 'array', items: ref('Principal') }),
          400: err('An unknown kind, a long search text or a malformed value (details point at /kind, /q or /values)'),
          401: err('Not authenticated'),
        },
      },
    },
  };
}
