/** The project's ajv setup: JSON Schema 2020-12, all errors, formats, and our annotation keywords. */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export type AjvInstance = InstanceType<typeof Ajv2020>;

export function createAjv(): AjvInstance {
  const ajv = new Ajv2020({ allErrors: true, strict: true, discriminator: true, allowUnionTypes: true });
  // ajv-formats is CommonJS: its function is the default export under some loaders, the module under others.
  const add = (addFormats as unknown as { default?: (a: AjvInstance) => void }).default ?? (addFormats as unknown as (a: AjvInstance) => void);
  add(ajv);
  // Annotation: which message key explains a failed format/pattern (e.g. validation.email).
  ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
  // Annotation: an array whose order means nothing (a set); the canonical writer sorts it (platform/metadata/canonical.ts).
  ajv.addKeyword({ keyword: 'x-unordered', schemaType: 'boolean' });
  return ajv;
}
