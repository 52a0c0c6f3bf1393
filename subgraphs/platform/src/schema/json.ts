import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from '@cppcc/kit';
import { builder } from '../builder.js';

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return node.values.map(literal);
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    default:
      throw new GraphQLError('JSON: variables inside a JSON literal are not supported', {
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      });
  }
}

/** Plugin settings: their shape belongs to each plugin and is described by its JSON Schema. */
export const JSONScalar = builder.scalarType('JSON', {
  description:
    'A JSON value; plugin settings, whose shape each plugin publishes as JSON Schema (Plugin.settingsSchema).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node) => literal(node),
});
