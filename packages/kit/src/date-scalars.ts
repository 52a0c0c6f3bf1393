import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { DATE_RULE, DATE_TIME_RULE, isDate, isDateTime, utcDay, type Day } from './dates.js';
import { ErrorCode } from './errors.js';

// The scalars cannot know which argument they parse: graphql-js puts the variable and the
// path into the message ("Variable "$i" got invalid value … at "i.heldOn"") and the runtime
// names the argument from it (nameRefusedArguments: `field: "input.heldOn"`).
function refuse(rule: 'date' | 'dateTime', message: string, node?: ValueNode): never {
  // A day written into the document carries its node: that is how its argument is found.
  throw new GraphQLError(message, {
    nodes: node,
    extensions: { code: ErrorCode.BAD_USER_INPUT, rule },
  });
}

function literal(node: ValueNode): unknown {
  return node.kind === Kind.STRING ? node.value : undefined;
}

/** The ways the two scalars read and write their values, apart from Pothos so they are tested alone. */
export const dateScalar = {
  description:
    'A calendar day, ISO 8601 YYYY-MM-DD (e.g. 2026-03-01): zero-padded and a real day, so 2026-02-30 and 2026-13-01 are refused.',
  serialize: (value: unknown): Day => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return utcDay(value);
    if (!isDate(value))
      throw new GraphQLError(`Date: a stored value ${JSON.stringify(value)} is not a day`);
    return value;
  },
  parseValue: (value: unknown): Day =>
    isDate(value) ? value : refuse('date', `Date ${DATE_RULE}`),
  parseLiteral: (node: ValueNode): Day => {
    const value = literal(node);
    return isDate(value) ? value : refuse('date', `Date ${DATE_RULE}`, node);
  },
};

export const dateTimeScalar = {
  description:
    'An instant, ISO 8601 with an offset (e.g. 2026-03-01T08:30:00Z); written out in UTC.',
  serialize: (value: unknown): string => {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime()))
      throw new GraphQLError(`DateTime: a stored value ${JSON.stringify(value)} is not an instant`);
    return date.toISOString();
  },
  parseValue: (value: unknown): Date =>
    isDateTime(value) ? new Date(value) : refuse('dateTime', `DateTime ${DATE_TIME_RULE}`),
  parseLiteral: (node: ValueNode): Date => {
    const value = literal(node);
    return isDateTime(value)
      ? new Date(value)
      : refuse('dateTime', `DateTime ${DATE_TIME_RULE}`, node);
  },
};
