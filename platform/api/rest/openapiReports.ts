/**
 * The OpenAPI operations of reports (issue 14), and of the sales-process and approval endpoints the
 * document lacked until then: the kanban, stage history, a record's approval, submitting it,
 * deciding or recalling a request, the approvals inbox and bulk approval.
 */
import type { JsonSchema } from '../../fields/types';
import { MAX_ROW_LIMIT } from '../../reports/check';
import { err } from './openapiExtras';

const ok = (description: string, schema: JsonSchema) => ({ description, content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const anyObject = { type: 'object', additionalProperties: true };
const nameParam = {
  name: 'name',
  in: 'path',
  required: true,
  description: 'The report name (unique in the workspace)',
  schema: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' },
};
const filterParam = {
  name: 'filter',
  in: 'query',
  description: 'Extra conditions (URL-encoded JSON, the condition language) added to the report filter',
  schema: { type: 'string' },
};

/** The report schemas: a definition and a result, in the shapes of platform/reports/types.ts. */
export function reportSchemas(): Record<string, JsonSchema> {
  const grouping = {
    type: 'object',
    required: ['field'],
    properties: {
      field: { type: 'string', description: 'A field or lookup path (account.industry, owner.department)' },
      bucket: { type: 'string', description: 'day, week, month, quarter, year, fiscal_quarter, fiscal_year; range (with ranges); or a bucket definition name' },
      ranges: { type: 'array', items: { type: 'number' } },
      sort: { type: 'string', enum: ['key', 'key_desc', 'value_desc', 'value_asc'], description: 'Group order: by key, or by the sortBy figure' },
      sortBy: { type: 'string', description: 'The aggregate or formula value_desc/value_asc order by (default the first aggregate)' },
      top: { type: 'integer', minimum: 1, maximum: 1000, description: 'Only the first this many groups of each parent (top 5 reps by won amount)' },
    },
  };
  const group: JsonSchema = {
    type: 'object',
    required: ['key', 'label', 'aggregates', 'drill'],
    properties: {
      key: { type: ['string', 'number', 'boolean', 'null'] },
      label: { type: 'string' },
      aggregates: { type: 'object', additionalProperties: { type: ['number', 'null'] } },
      groups: { type: 'array', items: { type: 'object' }, description: 'The next grouping level (summary), or the column cells (matrix leaf rows)' },
      cells: { type: 'array', items: { type: 'object' }, description: 'Matrix: this row group’s column cells' },
      drill: { description: 'A condition selecting exactly this group’s records (open /o/{object}?filter=)' },
    },
  };
  return {
    ReportDefinition: {
      type: 'object',
      required: ['object', 'format'],
      properties: {
        object: { type: 'string' },
        format: { type: 'string', enum: ['tabular', 'summary', 'matrix'] },
        columns: { type: 'array', items: { type: 'string' } },
        filter: { description: 'The condition language, with relative dates, lookup paths and with/without related records' },
        groupings: { type: 'array', items: grouping, description: 'Summary: up to 3; matrix: the row groupings, up to 2' },
        columnGroupings: { type: 'array', items: grouping, description: 'Matrix: up to 2' },
        aggregates: {
          type: 'array',
          items: {
            type: 'object',
            required: ['fn'],
            properties: {
              fn: { type: 'string', enum: ['count', 'sum', 'avg', 'min', 'max', 'count_distinct'] },
              field: { type: 'string' },
              filter: {},
              name: { type: 'string' },
              label: anyObject,
            },
          },
        },
        formulas: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'label', 'expression'],
            properties: { name: { type: 'string' }, label: anyObject, expression: { type: 'string' }, format: { type: 'string', enum: ['number', 'percent', 'currency'] } },
          },
        },
        sort: { type: 'array', items: { type: 'string' }, description: 'field:asc|desc' },
        chart: anyObject,
        rowLimit: { type: 'integer', minimum: 1, maximum: MAX_ROW_LIMIT },
      },
    },
    ReportGroup: group,
    ReportResult: {
      type: 'object',
      required: ['object', 'format', 'columns', 'groups', 'rows', 'totals', 'rowCount', 'truncated', 'computedAt'],
      properties: {
        object: { type: 'string' },
        format: { type: 'string', enum: ['tabular', 'summary', 'matrix'] },
        columns: {
          type: 'array',
          items: {
            type: 'object',
            required: ['key', 'label', 'type'],
            properties: {
              key: { type: 'string' },
              label: { type: 'string' },
              type: { type: 'string' },
              aggregate: anyObject,
              format: { type: 'string', enum: ['number', 'percent', 'currency'], description: 'Formula columns: how the figure reads (percent: the ratio)' },
            },
          },
        },
        groups: { type: 'array', items: group },
        columnGroups: { type: 'array', items: { type: 'object', properties: { key: {}, label: { type: 'string' } } } },
        columnTotals: { type: 'array', items: group },
        rows: { type: 'array', items: anyObject, description: 'Detail rows: `$id` and each column by its path, display-ready' },
        totals: { type: 'object', additionalProperties: { type: ['number', 'null'] } },
        rowCount: { type: 'integer', minimum: 0, description: 'Every record matching (exact)' },
        truncated: { type: 'boolean', description: 'Rows or groups were left out of this answer; export gives them all' },
        truncatedReason: { type: 'string', enum: ['rows', 'groups'] },
        unbucketed: { type: 'array', items: anyObject },
        topGroups: { type: 'array', items: anyObject, description: 'Groupings whose `top` left groups out: field, shown, total' },
        computedAt: { type: 'string', format: 'date-time' },
        cached: { type: 'boolean' },
      },
    },
  };
}

const runResponses = {
  200: ok('The report as the caller may see it', ref('ReportResult')),
  400: err('Malformed JSON or filter'),
  401: err('Not authenticated'),
  422: err('An unknown or unreadable field, a grouping or aggregate that does not fit (details point into the definition)'),
};

/** Report, kanban, stage-history and approval operations. */
export function reportPaths(): Record<string, JsonSchema> {
  const object = { name: 'object', in: 'path', required: true, schema: { type: 'string' } };
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const comment = { content: { 'application/json': { schema: { type: 'object', properties: { comment: { type: 'string' } } } } } };
  return {
    '/api/v1/reports': {
      get: {
        summary: 'Reports the caller may see',
        operationId: 'listReports',
        tags: ['Reports'],
        responses: {
          200: ok('Reports by folder', { type: 'object', required: ['reports'], properties: { reports: { type: 'array', items: anyObject } } }),
          401: err('Not authenticated'),
        },
      },
    },
    '/api/v1/reports/run': {
      post: {
        summary: 'Run a report definition',
        operationId: 'runReportDefinition',
        tags: ['Reports'],
        requestBody: { required: true, content: { 'application/json': { schema: ref('ReportDefinition') } } },
        responses: { ...runResponses, 403: err('Cross-site request'), 413: err('Body over 1 MB') },
      },
    },
    '/api/v1/reports/{name}': {
      get: {
        summary: 'A saved report',
        operationId: 'getReport',
        tags: ['Reports'],
        parameters: [nameParam],
        responses: {
          200: ok('The report document', { type: 'object', properties: { report: anyObject } }),
          401: err('Not authenticated'),
          404: err('No such report, or one the caller may not see'),
        },
      },
    },
    '/api/v1/reports/{name}/run': {
      get: {
        summary: 'Run a saved report',
        operationId: 'runReport',
        tags: ['Reports'],
        parameters: [nameParam, filterParam, { name: 'rowLimit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_ROW_LIMIT } }],
        responses: { ...runResponses, 404: err('No such report, or one the caller may not see') },
      },
    },
    '/api/v1/reports/{name}/export': {
      get: {
        summary: 'Export a saved report (every row, streamed)',
        operationId: 'exportReport',
        tags: ['Reports'],
        parameters: [nameParam, filterParam, { name: 'format', in: 'query', schema: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' } }],
        responses: {
          200: {
            description: 'CSV (UTF-8 with a byte-order mark) or XLSX: tabular rows, or the grouped table with the total',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
            },
          },
          400: err('A format other than csv or xlsx, or a malformed filter'),
          401: err('Not authenticated'),
          403: err('The caller lacks the export right'),
          404: err('No such report, or one the caller may not see'),
          422: err('The definition no longer fits the caller’s fields, or more groups than an export holds'),
        },
      },
    },
    '/api/v1/kanban/{object}': {
      get: {
        summary: 'A sales process as columns of cards',
        operationId: 'kanban',
        tags: ['Sales processes'],
        parameters: [
          object,
          { name: 'process', in: 'query', schema: { type: 'string' } },
          filterParam,
          { name: 'q', in: 'query', schema: { type: 'string' } },
          { name: 'perColumn', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        ],
        responses: {
          200: ok('Columns per stage with their first cards and counts', anyObject),
          400: err('Malformed filter, or an object without a sales process'),
          401: err('Not authenticated'),
          404: err('Unknown object or process'),
        },
      },
    },
    '/api/v1/records/{object}/{id}/stage-history': {
      get: {
        summary: 'A record’s stage changes',
        operationId: 'stageHistory',
        tags: ['Sales processes'],
        parameters: [object, id],
        responses: {
          200: ok('From, to, when, by whom, amount and probability', { type: 'object', properties: { history: { type: 'array', items: anyObject } } }),
          401: err('Not authenticated'),
          404: err('No such record, or one the caller may not read'),
        },
      },
    },
    '/api/v1/records/{object}/{id}/approval': {
      get: {
        summary: 'A record’s approval state and history',
        operationId: 'recordApproval',
        tags: ['Approvals'],
        parameters: [object, id],
        responses: {
          200: ok('The current request, its steps and what the caller may do', anyObject),
          401: err('Not authenticated'),
          404: err('No such record, or one the caller may not read'),
        },
      },
    },
    '/api/v1/records/{object}/{id}/approval/submit': {
      post: {
        summary: 'Submit a record for approval',
        operationId: 'submitForApproval',
        tags: ['Approvals'],
        parameters: [object, id],
        requestBody: { required: false, ...comment },
        responses: {
          201: ok('The request and the record’s approval state', anyObject),
          400: err('Malformed comment'),
          401: err('Not authenticated'),
          404: err('No such record'),
          409: err('Already pending'),
          422: err('No flow applies'),
        },
      },
    },
    '/api/v1/approvals/{requestId}/{action}': {
      post: {
        summary: 'Approve, reject or recall a request',
        operationId: 'decideApproval',
        tags: ['Approvals'],
        parameters: [
          { name: 'requestId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          { name: 'action', in: 'path', required: true, schema: { type: 'string', enum: ['approve', 'reject', 'recall'] } },
        ],
        requestBody: { required: false, ...comment },
        responses: {
          200: ok('The request after the decision', anyObject),
          400: err('Malformed comment'),
          401: err('Not authenticated'),
          403: err('Not an approver of the current step'),
          404: err('No such request or action'),
          409: err('No longer pending'),
        },
      },
    },
    '/api/v1/approvals/pending': {
      get: {
        summary: 'The caller’s approvals inbox',
        operationId: 'approvalInbox',
        tags: ['Approvals'],
        parameters: [
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        ],
        responses: { 200: ok('Pending items, oldest first, with a cursor', anyObject), 401: err('Not authenticated') },
      },
    },
    '/api/v1/approvals/bulk-approve': {
      post: {
        summary: 'Approve several requests',
        operationId: 'bulkApprove',
        tags: ['Approvals'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['requestIds'],
                properties: { requestIds: { type: 'array', items: { type: 'string', format: 'uuid' } }, comment: { type: 'string' } },
              },
            },
          },
        },
        responses: { 200: ok('Approved and failed ids', anyObject), 400: err('Malformed body'), 401: err('Not authenticated') },
      },
    },
  };
}
