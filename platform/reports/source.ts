/**
 * The FROM clause of a report: the primary object's records (formula fields as columns), each
 * parent reached by a lookup path LEFT JOINed once with the parent's own access predicate in the ON
 * clause (a parent the viewer cannot see reads as null, never as its values), and the users,
 * departments and roles tables for user attributes. Every identifier comes from metadata and is
 * quoted; every value is a bind parameter.
 */
import { ident } from '../core/identifiers';
import type { Params } from '../core/sql';
import type { RecordContext } from '../data/context';
import { recordSource } from '../data/source';
import { fieldType } from '../fields/registry';
import type { FieldDef } from '../fields/types';
import type { ObjectModel } from '../metadata/model';
import { compileAccess } from '../security/access';
import { userAttributeField, type ResolvedPath } from './paths';

/** A quoted column of a field under a table alias: its first column, or its n-th (a currency's code). */
export function col(alias: string, field: FieldDef, n = 0): string {
  return `${ident(alias)}.${ident(fieldType(field).columns(field)[n].name)}`;
}

export class ReportSource {
  private readonly joins: string[] = [];
  private readonly aliases = new Map<string, string>();
  private readonly pending: Promise<void>[] = [];

  constructor(
    private readonly ctx: RecordContext,
    private readonly params: Params,
    private readonly root: ObjectModel,
  ) {}

  /** The SQL of a path's value (a user attribute's raw value: department and role ids). */
  value(p: ResolvedPath): string {
    if (p.kind === 'field') return col('t', p.field);
    if (p.kind === 'parent') return col(this.parent(p), p.field);
    return col(this.user(p.lookup), userAttributeField(p.attribute));
  }

  /** A currency path's code column, or null for other types. */
  currency(p: ResolvedPath): string | null {
    if (p.kind === 'user' || p.field.type !== 'currency' || fieldType(p.field).columns(p.field).length < 2) return null;
    return p.kind === 'field' ? col('t', p.field, 1) : col(this.parent(p), p.field, 1);
  }

  /** The display name behind a path whose value is an id (lookups, users, departments, roles), or null. */
  name(p: ResolvedPath): string | null {
    const zh = this.ctx.locale === 'zh-CN';
    if (p.kind === 'user') {
      if (p.attribute !== 'department' && p.attribute !== 'role') return null;
      const table = p.attribute === 'department' ? 'departments' : 'roles';
      const alias = this.join(`${table}:${p.lookup.name}`, (a) => `LEFT JOIN "public".${ident(table)} AS ${ident(a)} ON ${ident(a)}."id" = ${this.value(p)}`);
      return zh ? `coalesce(${ident(alias)}."label_zh", ${ident(alias)}."label")` : `${ident(alias)}."label"`;
    }
    if (p.field.type !== 'lookup') return null;
    if (p.kind === 'field') {
      if (p.field.systemTarget === 'user') return `${ident(this.user(p.field))}."name"`;
      return `${ident(this.parent({ lookup: p.field }, p.field.target!))}."name"`;
    }
    // A parent's own user lookup (account.owner): a scalar look-up of the user's name.
    if (p.field.systemTarget === 'user') return `(SELECT "u"."name" FROM "public"."users" AS "u" WHERE "u"."id" = ${this.value(p)})`;
    return null;
  }

  /** The FROM clause with every join asked for so far (call after building the select list). */
  async from(): Promise<string> {
    await Promise.all(this.pending);
    return [recordSource(this.ctx.workspace.schema, this.root, this.params, 't'), ...this.joins].join(' ');
  }

  private join(key: string, make: (alias: string) => string, fixed?: string): string {
    let alias = this.aliases.get(key);
    if (!alias) {
      alias = fixed ?? `j${this.aliases.size}`;
      this.aliases.set(key, alias);
      this.joins.push(make(alias));
    }
    return alias;
  }

  private user(lookup: FieldDef): string {
    return this.join(`user:${lookup.name}`, (a) => `LEFT JOIN "public"."users" AS ${ident(a)} ON ${ident(a)}."id" = ${col('t', lookup)}`, `u_${lookup.name}`);
  }

  /** The alias of a lookup's parent, joined with the viewer's access predicate on the parent. */
  private parent(p: { lookup: FieldDef }, target?: string): string {
    const object = target ?? (p.lookup as { target: string }).target;
    const key = `parent:${p.lookup.name}`;
    const existing = this.aliases.get(key);
    if (existing) return existing;
    const alias = `p_${p.lookup.name}`;
    this.aliases.set(key, alias);
    const index = this.joins.length;
    this.joins.push('');
    const obj = this.ctx.meta.objects.get(object)!;
    // The access plan is asynchronous; its predicate is filled in before from() returns.
    this.pending.push(
      (async () => {
        const source = recordSource(this.ctx.workspace.schema, obj, this.params, alias);
        const on = [`${ident(alias)}."id" = ${col('t', p.lookup)}`, `${ident(alias)}."deleted_at" IS NULL`];
        const access = compileAccess(await this.ctx.security.plan(object, 'read'), this.params, { workspaceId: this.ctx.workspace.id, object, userId: this.ctx.user.id }, alias);
        if (access) on.push(access);
        this.joins[index] = `LEFT JOIN ${source} ON ${on.join(' AND ')}`;
      })(),
    );
    return alias;
  }
}
