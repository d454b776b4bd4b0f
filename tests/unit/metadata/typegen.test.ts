/** `npm run typegen` output compiles, with one record, create and patch type per object. */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { stockMetadata } from '../../../platform/metadata/registry';
import { workspaceTypes } from '../../../platform/metadata/typegen';

describe('workspace types', () => {
  it('are valid TypeScript naming every object and field', async () => {
    const text = await workspaceTypes(stockMetadata(), 'default');
    for (const name of ['Account', 'AccountCreate', 'AccountPatch', 'Opportunity', 'Contract', 'Activity']) expect(text).toContain(`export interface ${name} {`);
    expect(text).toMatch(/close_date\?: string \| null;/);
    const out = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { strict: true } });
    expect(out.diagnostics ?? []).toEqual([]);
    // Declarations must not clash: compile as a program to catch duplicate identifiers.
    const host = ts.createCompilerHost({ strict: true, noEmit: true });
    const original = host.getSourceFile;
    host.getSourceFile = (f, l) => (f === 'types.ts' ? ts.createSourceFile(f, text, l) : original(f, l));
    const program = ts.createProgram(['types.ts'], { strict: true, noEmit: true, types: [] }, host);
    const diags = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === 'types.ts').map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diags).toEqual([]);
    // Type-checking a program loads TypeScript's own lib files: seconds on a busy 2-core machine.
  }, 60_000);
});
