/** The OpenAPI operation of lead conversion: `POST /api/v1/records/{object}/{id}/convert` for each object with a conversion mapping. */
import type { JsonSchema } from '../../fields/types';
import { err } from './openapiExtras';

const pick = (role: string): JsonSchema => ({
  description: `Link an existing ${role} ({"id"}) or create one ({"create": {...}}: values overlaid on the mapped ones). Absent: create.`,
  oneOf: [
    { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', format: 'uuid' } } },
    { type: 'object', required: ['create'], additionalProperties: false, properties: { create: { type: 'object' } } },
  ],
});

/** The component schemas of the operation. */
export function conversionSchemas(): Record<string, JsonSchema> {
  return {
    ConvertRequest: {
      type: 'object',
      additionalProperties: false,
      properties: {
        account: pick('account'),
        contact: pick('contact'),
        opportunity: {
          type: ['object', 'null'],
          description: 'Values for the opportunity (defaults: name "<company> - <date>", close date at the quarter end, the lead owner, the default process), or null for none.',
        },
      },
    },
    ConvertResult: {
      type: 'object',
      required: ['account', 'contact', 'opportunity'],
      properties: { account: { type: 'string', format: 'uuid' }, contact: { type: 'string', format: 'uuid' }, opportunity: { type: ['string', 'null'], format: 'uuid' } },
    },
  };
}

/** The path of one convertible object. */
export function conversionPaths(object: string, P: string, tag: string, idParam: JsonSchema): Record<string, JsonSchema> {
  return {
    [`/api/v1/records/${object}/{id}/convert`]: {
      post: {
        summary: 'Convert into an account, a contact and (optionally) an opportunity, in one transaction',
        operationId: `convert${P}`,
        tags: [tag],
        parameters: [idParam],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ConvertRequest' } } } },
        responses: {
          201: { description: 'Converted', content: { 'application/json': { schema: { $ref: '#/components/schemas/ConvertResult' } } } },
          400: err('Malformed body (pointer in details)'),
          401: err('Not authenticated'),
          403: err('Not allowed to edit the record'),
          404: err('Not found'),
          409: err('Already converted'),
          422: err('A created record is invalid, or a linked one is not visible (pointer in details)'),
        },
      },
    },
  };
}
