/**
 * The OpenAPI 3.1 document of a workspace's REST API, generated from its effective metadata: one
 * schema per object (record, create input, patch input) and explicit paths per object, so client
 * generators produce typed code.
 */
import { pickLabel } from '../../core/i18n';
import { fieldType, isWritable } from '../../fields/registry';
import type { JsonSchema } from '../../fields/types';
import type { MetadataModel, ObjectModel } from '../../metadata/model';
import { MAX_LIMIT } from '../../data/read';
import { err, extraSchemas, navigationPaths, objectExtraPaths } from './openapiExtras';
import { conversionPaths, conversionSchemas } from './openapiConversion';
import { conversionOf } from '../../metadata/kinds/conversion';
import { dashboardPaths, dashboardSchemas } from './openapiDashboards';
import { reportPaths, reportSchemas } from './openapiReports';
import { settingsPaths, settingsSchemas } from './openapiSettings';

function pascal(s: string): string {
  return s.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** Drop our annotation keywords: they are not OpenAPI. */
function clean(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'x-message') continue;
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? clean(v as JsonSchema) : v;
  }
  return out;
}

function nullable(schema: JsonSchema): JsonSchema {
  const s = { ...schema };
  if (typeof s.type === 'string') s.type = [s.type, 'null'];
  if (Array.isArray(s.enum)) s.enum = [...s.enum, null];
  return s;
}

export function objectSchemas(obj: ObjectModel) {
  const record: Record<string, JsonSchema> = {};
  const input: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const f of obj.allFields) {
    for (const [prop, raw] of Object.entries(fieldType(f).properties(f))) {
      const managed = obj.approvalManaged?.has(f.name) ?? false;
      const note = managed ? '. Set by the approval process: send the current value or leave it out (422 approvalManaged otherwise).' : '';
      const schema = { ...clean(raw), title: pickLabel(f.label, 'en'), description: `${f.label.en} / ${f.label.zh}${note}` };
      record[prop] = f.system && f.name !== 'owner' ? schema : nullable(schema);
      if (managed) record[prop] = { ...record[prop], readOnly: true };
      if (isWritable(f)) {
        input[prop] = f.required && prop === f.name ? schema : nullable(schema);
        if (f.required && prop === f.name) required.push(prop);
      }
    }
  }
  record.id = { type: 'string', format: 'uuid', readOnly: true };
  record.created_at = { type: 'string', format: 'date-time', readOnly: true };
  record.updated_at = { type: 'string', format: 'date-time', readOnly: true };
  record.version = { type: 'integer', readOnly: true, description: 'Send as If-Match to update only this version.' };
  return {
    record: { type: 'object', title: pickLabel(obj.label, 'en'), properties: record, required: ['id', 'version'] },
    create: { type: 'object', additionalProperties: false, properties: input, required },
    patch: { type: 'object', additionalProperties: false, properties: input },
  };
}

export function buildOpenApi(meta: MetadataModel, serverUrl = '/'): JsonSchema {
  const schemas: Record<string, JsonSchema> = {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message', 'details'],
          properties: {
            code: { type: 'string', examples: ['VALIDATION_FAILED'] },
            message: { type: 'string' },
            details: {
              type: 'array',
              items: {
                type: 'object',
                required: ['code', 'message'],
                properties: { field: { type: 'string' }, pointer: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
  schemas.ListQuery = {
    type: 'object',
    additionalProperties: false,
    properties: {
      filter: { type: 'object', description: 'Condition tree, e.g. {"all":[{"field":"amount","op":"gte","value":10000}]}' },
      sort: { type: 'string', description: 'Comma-separated fields, "-" for descending, e.g. amount,-close_date' },
      limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 50 },
      cursor: { type: ['string', 'null'], description: 'nextCursor of the previous page' },
      q: { type: 'string', description: 'Search text matched against the record name' },
    },
  };
  schemas.MassRequest = {
    type: 'object',
    required: ['action', 'ids'],
    properties: {
      action: { type: 'string', enum: ['update', 'owner', 'delete'] },
      ids: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 500 },
      values: { type: 'object', description: 'update: the fields to set; owner: {"owner": "<user id>"}' },
      versions: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Record id -> the version the caller saw' },
    },
  };
  schemas.MassResult = {
    type: 'object',
    required: ['done', 'failed'],
    properties: {
      done: { type: 'array', items: { type: 'string' } },
      failed: {
        type: 'array',
        items: { type: 'object', required: ['id', 'code', 'message'], properties: { id: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } },
      },
    },
  };
  Object.assign(schemas, extraSchemas(), reportSchemas(), dashboardSchemas(), settingsSchemas(), conversionSchemas());
  const paths: Record<string, JsonSchema> = {
    ...navigationPaths(),
    ...reportPaths(),
    ...dashboardPaths(),
    ...settingsPaths(),
    '/api/v1/objects': {
      get: { summary: 'List objects', operationId: 'listObjects', tags: ['Metadata'], responses: { 200: { description: 'Objects' }, 401: err('Not authenticated') } },
    },
    '/api/v1/objects/{object}': {
      get: {
        summary: 'Describe an object and its fields',
        operationId: 'describeObject',
        tags: ['Metadata'],
        parameters: [{ name: 'object', in: 'path', required: true, schema: { type: 'string', enum: [...meta.objects.keys()] } }],
        responses: { 200: { description: 'Object description' }, 401: err('Not authenticated'), 404: err('Unknown object') },
      },
    },
  };
  const listParams = [
    { name: 'filter', in: 'query', description: 'Condition tree as URL-encoded JSON, e.g. {"all":[{"field":"amount","op":"gte","value":10000}]}', schema: { type: 'string' } },
    { name: 'sort', in: 'query', description: 'Comma-separated fields, "-" for descending, e.g. amount,-close_date', schema: { type: 'string' } },
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 50 } },
    { name: 'cursor', in: 'query', description: 'nextCursor of the previous page', schema: { type: 'string' } },
    { name: 'q', in: 'query', description: 'Search text matched against the record name', schema: { type: 'string' } },
  ];
  for (const obj of meta.objects.values()) {
    const P = pascal(obj.name);
    const s = objectSchemas(obj);
    schemas[P] = s.record;
    schemas[`${P}Create`] = s.create;
    schemas[`${P}Patch`] = s.patch;
    const tag = pickLabel(obj.pluralLabel, 'en');
    const recordBody = { content: { 'application/json': { schema: { type: 'object', required: ['record'], properties: { record: { $ref: `#/components/schemas/${P}` } } } } } };
    const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
    const ifMatch = { name: 'If-Match', in: 'header', description: 'Record version; 409 when the record has changed since', schema: { type: 'string' } };
    paths[`/api/v1/records/${obj.name}`] = {
      get: {
        summary: `List ${tag}`,
        operationId: `list${P}`,
        tags: [tag],
        parameters: listParams,
        responses: {
          200: {
            description: 'A page of records',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['records', 'nextCursor'],
                  properties: { records: { type: 'array', items: { $ref: `#/components/schemas/${P}` } }, nextCursor: { type: ['string', 'null'] } },
                },
              },
            },
          },
          400: err('Malformed filter, sort, limit or cursor'),
          401: err('Not authenticated'),
        },
      },
      post: {
        summary: `Create a ${pickLabel(obj.label, 'en')}`,
        operationId: `create${P}`,
        tags: [tag],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${P}Create` } } } },
        responses: {
          201: { description: 'Created', ...recordBody },
          400: err('Malformed JSON, or a key __proto__, constructor or prototype'),
          401: err('Not authenticated'),
          413: err('Body over 1 MB'),
          422: err('Validation failed: details name each field'),
        },
      },
    };
    paths[`/api/v1/records/${obj.name}/query`] = {
      post: {
        summary: `List ${tag} with the parameters in a JSON body`,
        operationId: `query${P}`,
        tags: [tag],
        description: 'The same as the GET list, for filters too long for a URL (servers refuse request lines and headers over 16 KB with 431). Unknown keys are refused.',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ListQuery' } } } },
        responses: {
          200: {
            description: 'A page of records',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['records', 'nextCursor'],
                  properties: { records: { type: 'array', items: { $ref: `#/components/schemas/${P}` } }, nextCursor: { type: ['string', 'null'] } },
                },
              },
            },
          },
          400: err('Malformed JSON, filter, sort, limit or cursor'),
          401: err('Not authenticated'),
          404: err('Unknown object'),
          413: err('Body over 1 MB'),
        },
      },
    };
    paths[`/api/v1/records/${obj.name}/mass`] = {
      post: {
        summary: `Update, change the owner of, or delete many ${tag}`,
        operationId: `mass${P}`,
        tags: [tag],
        description:
          'Each row goes through the same checks as a single write, in its own transaction; rows that fail are listed with their error code and message (a record the caller cannot see is NOT_FOUND, like one that does not exist). `versions` (id -> version) makes a row changed since answer CONFLICT.',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/MassRequest' } } } },
        responses: {
          200: { description: 'The rows done and the rows that failed', content: { 'application/json': { schema: { $ref: '#/components/schemas/MassResult' } } } },
          400: err('Malformed JSON, an unknown action, no ids or more than 500, values missing, or a key __proto__, constructor or prototype'),
          401: err('Not authenticated'),
          403: err('No edit (update, owner) or delete right on the object'),
          404: err('Unknown object'),
          413: err('Body over 1 MB'),
        },
      },
    };
    paths[`/api/v1/records/${obj.name}/{id}`] = {
      get: {
        summary: `Get a ${pickLabel(obj.label, 'en')}`,
        operationId: `get${P}`,
        tags: [tag],
        parameters: [idParam],
        responses: { 200: { description: 'The record', ...recordBody }, 401: err('Not authenticated'), 404: err('Not found') },
      },
      patch: {
        summary: `Update a ${pickLabel(obj.label, 'en')}`,
        operationId: `update${P}`,
        tags: [tag],
        parameters: [idParam, ifMatch],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${P}Patch` } } } },
        responses: {
          200: { description: 'Updated', ...recordBody },
          400: err('Malformed JSON or If-Match, or a key __proto__, constructor or prototype'),
          401: err('Not authenticated'),
          404: err('Not found'),
          409: err('Version conflict'),
          413: err('Body over 1 MB'),
          422: err('Validation failed'),
        },
      },
      delete: {
        summary: `Move a ${pickLabel(obj.label, 'en')} to the recycle bin`,
        operationId: `delete${P}`,
        tags: [tag],
        parameters: [idParam, ifMatch],
        responses: { 204: { description: 'Deleted' }, 401: err('Not authenticated'), 404: err('Not found'), 409: err('Version conflict') },
      },
    };
    paths[`/api/v1/recycle-bin/${obj.name}`] = {
      get: {
        summary: `Deleted ${tag}, most recently deleted first`,
        operationId: `listDeleted${P}`,
        tags: [tag],
        parameters: listParams.filter((p) => p.name !== 'sort'),
        responses: {
          200: {
            description: 'A page of deleted records',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['records', 'nextCursor'],
                  properties: { records: { type: 'array', items: { $ref: `#/components/schemas/${P}` } }, nextCursor: { type: ['string', 'null'] } },
                },
              },
            },
          },
          400: err('Malformed filter, limit or cursor'),
          401: err('Not authenticated'),
          404: err('Unknown object'),
        },
      },
    };
    Object.assign(paths, objectExtraPaths(obj.name, P, tag, pickLabel(obj.label, 'en'), listParams));
    if (conversionOf(meta.documents, obj.name)) Object.assign(paths, conversionPaths(obj.name, P, tag, idParam));
    paths[`/api/v1/records/${obj.name}/{id}/restore`] = {
      post: {
        summary: `Restore a ${pickLabel(obj.label, 'en')} from the recycle bin`,
        operationId: `restore${P}`,
        tags: [tag],
        parameters: [idParam],
        responses: { 200: { description: 'Restored', ...recordBody }, 404: err('Not found'), 409: err('Not in the recycle bin') },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tessera REST API', version: '1.0.0', description: 'Records and metadata of a Tessera workspace. Authenticate with `Authorization: Bearer <api key>`.' },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key (npm run apikey)' } } },
  };
}
