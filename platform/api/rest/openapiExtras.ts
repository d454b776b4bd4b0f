/**
 * The OpenAPI operations of the sales workspace (issue 13): list totals, following and actions per
 * object, global search and recently viewed. Kept apart from openapi.ts so each file stays small.
 */
import type { JsonSchema } from '../../fields/types';
import { MAX_SEARCH_LENGTH, SEARCH_PER_OBJECT } from '../../search/global';
import { TOTALS_CAP } from '../../data/totals';

/** An error response in the shared error shape. */
export const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const ok = (description: string, schema: JsonSchema) => ({ description, content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The component schemas these operations answer with. */
export function extraSchemas(): Record<string, JsonSchema> {
  // Inline, not a $ref: each component schema stands alone (clients and validators compile them one by one).
  const label = { type: 'object', required: ['en', 'zh'], properties: { en: { type: 'string' }, zh: { type: 'string' } } };
  return {
    ListTotals: {
      type: 'object',
      required: ['count', 'capped', 'sums'],
      properties: {
        count: { type: 'integer', minimum: 0, maximum: TOTALS_CAP, description: `Exact when capped is false; ${TOTALS_CAP} when more records match.` },
        capped: { type: 'boolean', description: `More than ${TOTALS_CAP} records match: the count is a floor and no sum is given.` },
        sums: {
          type: 'array',
          description: 'Per amount (currency) field the caller may read, the sum per currency code.',
          items: {
            type: 'object',
            required: ['field', 'byCurrency'],
            properties: {
              field: { type: 'string' },
              byCurrency: {
                type: 'array',
                items: { type: 'object', required: ['currency', 'sum'], properties: { currency: { type: 'string' }, sum: { type: 'number' } } },
              },
            },
          },
        },
      },
    },
    FollowState: {
      type: 'object',
      required: ['following'],
      properties: {
        following: { type: 'boolean', description: 'Whether the caller follows the record (and is notified when someone else changes it).' },
        followers: { type: 'integer', minimum: 0, description: 'How many users follow it (absent after DELETE).' },
      },
    },
    ActionRequest: {
      type: 'object',
      properties: { expectedVersion: { type: 'integer', description: 'The record version the caller saw: 409 when it has changed since (update actions).' } },
    },
    SearchResult: {
      type: 'object',
      required: ['groups'],
      properties: {
        groups: {
          type: 'array',
          description: "One group per object with matches, the caller's app menu order first.",
          items: {
            type: 'object',
            required: ['object', 'label', 'pluralLabel', 'records', 'more'],
            properties: {
              object: { type: 'string' },
              label,
              pluralLabel: label,
              icon: { type: 'string' },
              records: {
                type: 'array',
                maxItems: SEARCH_PER_OBJECT,
                items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', format: 'uuid' }, name: { type: ['string', 'null'] } } },
              },
              more: { type: 'boolean', description: 'More records match than are listed (the list with ?q= shows them all).' },
            },
          },
        },
      },
    },
    RecentRecords: {
      type: 'object',
      required: ['records'],
      properties: {
        records: {
          type: 'array',
          items: {
            type: 'object',
            required: ['object', 'id', 'name', 'objectLabel'],
            properties: { object: { type: 'string' }, id: { type: 'string', format: 'uuid' }, name: { type: ['string', 'null'] }, icon: { type: 'string' }, objectLabel: label },
          },
        },
      },
    },
  };
}

/** GET /api/v1/search and GET /api/v1/recent. */
export function navigationPaths(): Record<string, JsonSchema> {
  return {
    '/api/v1/search': {
      get: {
        summary: 'Search every object the caller may read',
        operationId: 'globalSearch',
        tags: ['Navigation'],
        description: `Matches the name, search fields, phones and e-mails (contains, from 3 characters; shorter texts match the start of the name) and the pinyin of the name (initials or full, as a prefix), with the caller's access rules and field security. At most ${SEARCH_PER_OBJECT} records per object.`,
        parameters: [{ name: 'q', in: 'query', description: 'The search text (blank: no groups)', schema: { type: 'string', maxLength: MAX_SEARCH_LENGTH } }],
        responses: {
          200: ok('Matches grouped by object', ref('SearchResult')),
          400: err(`A search text over ${MAX_SEARCH_LENGTH} characters or with control characters (details point at /q)`),
          401: err('Not authenticated'),
        },
      },
    },
    '/api/v1/recent': {
      get: {
        summary: "The caller's recently viewed records",
        operationId: 'recentRecords',
        tags: ['Navigation'],
        description: 'Newest first, only records the caller can still read (views are recorded by the record page).',
        responses: { 200: ok('Recently viewed records', ref('RecentRecords')), 401: err('Not authenticated') },
      },
    },
  };
}

/** Totals, follow and actions of one object, its record schema named `P` and its operations tagged `tag`. */
export function objectExtraPaths(name: string, P: string, tag: string, singular: string, listParams: JsonSchema[]): Record<string, JsonSchema> {
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const unfollowed = { type: 'object', required: ['following'], properties: { following: { type: 'boolean', const: false } } };
  const followOp = (method: string, summary: string, schema: JsonSchema, notFound: string) => ({
    summary,
    operationId: `${method}${P}Follow`,
    tags: [tag],
    parameters: [idParam],
    responses: { 200: ok('The caller’s follow of the record', schema), 401: err('Not authenticated'), 403: err('No read right on the object'), 404: err(notFound) },
  });
  return {
    [`/api/v1/records/${name}/totals`]: {
      get: {
        summary: `Count and amount sums of ${tag}`,
        operationId: `totals${P}`,
        tags: [tag],
        description: `The records the list answers for the same filter and q (access rules applied), counted up to ${TOTALS_CAP}; every amount field the caller may read is summed per currency.`,
        parameters: listParams.filter((p) => p.name === 'filter' || p.name === 'q'),
        responses: {
          200: ok('Count and sums', ref('ListTotals')),
          400: err('Malformed filter (details point at /filter) or search text (/q)'),
          401: err('Not authenticated'),
          403: err('No read right on the object'),
          404: err('Unknown object'),
        },
      },
    },
    [`/api/v1/records/${name}/{id}/follow`]: {
      get: followOp('get', 'Whether the caller follows the record, and how many do', ref('FollowState'), 'No such record, or one the caller may not read'),
      post: followOp('follow', 'Follow the record: notified when someone else changes it', ref('FollowState'), 'No such record, or one the caller may not read'),
      delete: followOp('unfollow', 'Stop following the record', unfollowed, 'Not a record id'),
    },
    [`/api/v1/records/${name}/{id}/actions/{action}`]: {
      post: {
        summary: `Run an action on a ${singular}`,
        operationId: `runAction${P}`,
        tags: [tag],
        description:
          'An `update` action sets its values through the same checks as any update (field permissions, validation, locks) and answers the record; a `url` action answers the link rendered over the fields the caller may read. Actions of other types run in the app only (400).',
        parameters: [idParam, { name: 'action', in: 'path', required: true, description: 'The action name (metadata kind `action`)', schema: { type: 'string' } }],
        requestBody: { required: false, content: { 'application/json': { schema: ref('ActionRequest') } } },
        responses: {
          200: ok('The updated record or the link to open', {
            type: 'object',
            properties: { record: ref(P), url: { type: 'string', format: 'uri-reference' } },
          }),
          400: err('Malformed JSON or expectedVersion, an action that does not run over the API, or a link that is not http(s) or a path'),
          401: err('Not authenticated'),
          403: err('No read right on the object'),
          404: err('No such record, or no such action the caller holds the right for'),
          409: err('Version conflict'),
          413: err('Body over 1 MB'),
          422: err('Validation failed: details name each field'),
          423: err('The record is in approval, or the action sets a field its approved flow locks'),
        },
      },
    },
  };
}
