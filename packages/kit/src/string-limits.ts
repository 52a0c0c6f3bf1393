import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { inputError } from './errors.js';

let maxLength = 20_000;

/** MAX_STRING_LENGTH for every module in this process (startModule sets it from the settings). */
export function setMaxStringLength(n: number): void {
  maxLength = n;
}

/**
 * The first string in a field's arguments that no module should see: one holding a NUL
 * character (PostgreSQL refuses it mid-query) or longer than MAX_STRING_LENGTH. Walks input
 * objects and lists, so the path names the argument and the input field.
 */
export function badString(
  value: unknown,
  path: string,
  limit = maxLength,
): { field: string; rule: string; message: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      return { field: path, rule: 'noNul', message: 'must not contain a NUL character' };
    if (value.length > limit)
      return {
        field: path,
        rule: 'maxLength',
        message: `is ${value.length} characters long; at most ${limit}`,
      };
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = badString(value[i], `${path}.${i}`, limit);
      if (bad) return bad;
    }
    return null;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) {
      const bad = badString(inner, path ? `${path}.${key}` : key, limit);
      if (bad) return bad;
    }
  }
  return null;
}

/**
 * A kit-wide rule on every field with arguments, in every subgraph and plugin: String/ID
 * arguments and input fields are refused as BAD_USER_INPUT, naming the argument, before any
 * resolver (and so any SQL) runs.
 */
export class StringLimitsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (Object.keys(fieldConfig.args).length === 0) return resolver;
    return (parent, args, context, info) => {
      const bad = badString(args, '');
      if (bad) throw inputError(bad.field, bad.rule, bad.message);
      return resolver(parent, args, context, info);
    };
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      kitStringLimits: StringLimitsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('kitStringLimits', StringLimitsPlugin);
