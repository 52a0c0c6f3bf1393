import {
  DATE_RULE,
  DATE_TIME_RULE,
  ErrorCode,
  isDate,
  isDateTime,
  variablePlaces,
} from '@cppcc/kit';
import {
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

const RULES: Record<string, { rule: string; text: string; ok: (v: unknown) => boolean }> = {
  Date: { rule: 'date', text: DATE_RULE, ok: isDate },
  DateTime: { rule: 'dateTime', text: DATE_TIME_RULE, ok: isDateTime },
};

function refusal(message: string, field: string, rule: string): GraphQLError {
  // Like any other bad variable: 400 for application/graphql-response+json, 200 for plain JSON.
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field, rule, http: { status: 400, spec: true } },
  });
}

/** The first value under `type` that breaks the Date or DateTime rule, with its path. */
function badValue(
  value: unknown,
  type: GraphQLInputType,
  path: string,
): { path: string; value: unknown; scalar: string } | null {
  if (value === null || value === undefined) return null;
  if (isNonNullType(type)) return badValue(value, type.ofType, path);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const bad = badValue(items[i], type.ofType, Array.isArray(value) ? `${path}.${i}` : path);
      if (bad) return bad;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return null;
    for (const [name, field] of Object.entries(type.getFields())) {
      const bad = badValue((value as Record<string, unknown>)[name], field.type, `${path}.${name}`);
      if (bad) return bad;
    }
    return null;
  }
  return isScalarType(type) && RULES[type.name] && !RULES[type.name].ok(value)
    ? { path, value, scalar: type.name }
    : null;
}

/**
 * The gateway serves the supergraph, where `Date` and `DateTime` are scalars without their
 * rules, so a bad day would travel to a subgraph and come back differently per engine (Apollo
 * reports the subgraph's 400 as a 500-ish error, Hive's planner renames the variable). The
 * gateway applies the kit's one rule itself, to variables and to days written inline, and
 * names the argument as the subgraphs would.
 */
export function checkDateArguments(
  schema: GraphQLSchema,
  _document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError | null {
  if (!operation || !schema.getType('Date')) return null;
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  let inline: GraphQLError | null = null;
  visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      ObjectField: {
        enter: (node) => void path.push(node.name.value),
        leave: () => void path.pop(),
      },
      StringValue(node) {
        const type = typeInfo.getInputType();
        const named = type && (isNonNullType(type) ? type.ofType : type);
        if (
          inline ||
          !named ||
          !isScalarType(named) ||
          !RULES[named.name] ||
          RULES[named.name].ok(node.value)
        )
          return;
        const { rule, text } = RULES[named.name];
        inline = refusal(
          `${path.join('.')}: ${JSON.stringify(node.value)} is not a ${named.name}: ${text}`,
          path.join('.'),
          rule,
        );
      },
    }),
  );
  const placeOf = variablePlaces(operation);
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    const name = definition.variable.name.value;
    const bad = type && badValue(variables?.[name], type, name);
    if (bad) {
      const { rule, text } = RULES[bad.scalar];
      const field = (placeOf.get(name) || name) + bad.path.slice(name.length);
      return refusal(
        `Variable "$${name}" got invalid value ${JSON.stringify(bad.value)}${bad.path === name ? '' : ` at "${bad.path}"`}; ${bad.scalar} ${text}`,
        field,
        rule,
      );
    }
  }
  return inline;
}
