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

/** What an operation's dates need checking, read once per operation and schema. */
interface DatePlan {
  /** A day written into the document that breaks its rule (the same for every request). */
  inline: GraphQLError | null;
  /** The variables whose type can hold a Date or DateTime, with the argument each stands for. */
  variables: { name: string; type: GraphQLInputType; place: string }[];
}

const plans = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; plan: DatePlan }>();

/** Whether a value of this input type can hold a Date or DateTime anywhere inside. */
function holdsDates(type: GraphQLInputType, seen = new Set<GraphQLInputType>()): boolean {
  if (isNonNullType(type) || isListType(type)) return holdsDates(type.ofType, seen);
  if (isScalarType(type)) return !!RULES[type.name];
  if (!isInputObjectType(type) || seen.has(type)) return false;
  seen.add(type);
  return Object.values(type.getFields()).some((f) => holdsDates(f.type, seen));
}

function planOf(schema: GraphQLSchema, operation: OperationDefinitionNode): DatePlan {
  const known = plans.get(operation);
  if (known?.schema === schema) return known.plan;
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
  const variables = (operation.variableDefinitions ?? []).flatMap((definition) => {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    const name = definition.variable.name.value;
    return type && holdsDates(type) ? [{ name, type, place: placeOf.get(name) || name }] : [];
  });
  const plan = { inline, variables };
  plans.set(operation, { schema, plan });
  return plan;
}

/**
 * The gateway serves the supergraph, where `Date` and `DateTime` are scalars without their
 * rules, so a bad day would travel to a subgraph and come back differently per engine (Apollo
 * reports the subgraph's 400 as a 500-ish error, Hive's planner renames the variable). The
 * gateway applies the kit's one rule itself, to variables and to days written inline, and
 * names the argument as the subgraphs would. What to check is read from the operation once
 * (the engines hand over the same parsed document for the same text); each request then looks
 * only at the variables that can hold a day.
 */
export function checkDateArguments(
  schema: GraphQLSchema,
  _document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> | null | undefined,
): GraphQLError | null {
  if (!operation || !schema.getType('Date')) return null;
  const plan = planOf(schema, operation);
  for (const { name, type, place } of plan.variables) {
    const bad = badValue(variables?.[name], type, name);
    if (bad) {
      const { rule, text } = RULES[bad.scalar];
      return refusal(
        `Variable "$${name}" got invalid value ${JSON.stringify(bad.value)}${bad.path === name ? '' : ` at "${bad.path}"`}; ${bad.scalar} ${text}`,
        place + bad.path.slice(name.length),
        rule,
      );
    }
  }
  // A fresh error each time: the engines add to the errors they are handed.
  return (
    plan.inline && new GraphQLError(plan.inline.message, { extensions: plan.inline.extensions })
  );
}
