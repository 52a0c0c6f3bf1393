import { type GraphQLError, visit, type ASTNode } from 'graphql';
import { ErrorCode } from './errors.js';

/**
 * Where each variable and each value written into an operation stands: the argument and the
 * input fields around it (`$i` in `createX(input: $i)` is `input`). A variable's first use wins.
 */
function argumentPaths(operation: ASTNode): {
  variables: Map<string, string>;
  values: Map<ASTNode, string>;
} {
  const path: string[] = [];
  const variables = new Map<string, string>();
  const values = new Map<ASTNode, string>();
  const note = (node: ASTNode) => void values.set(node, path.join('.'));
  visit(operation, {
    VariableDefinition: () => false,
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    Variable(node) {
      if (!variables.has(node.name.value)) variables.set(node.name.value, path.join('.'));
    },
    StringValue: note,
    IntValue: note,
    FloatValue: note,
    BooleanValue: note,
    EnumValue: note,
  });
  return { variables, values };
}

/** Where each variable of an operation is used (see argumentPaths). */
export function variablePlaces(operation: ASTNode): Map<string, string> {
  return argumentPaths(operation).variables;
}

/**
 * The argument a refused variable stands for, from graphql-js's message (`Variable "$i" got
 * invalid value … at "i.heldOn"`) and the variables' places: `input.heldOn`. Null for any other
 * error.
 */
export function variableField(
  message: string,
  places: Map<string, string> = new Map(),
): string | null {
  const match = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; /s.exec(message);
  if (!match) return null;
  const [, variable, at = variable] = match;
  // graphql-js writes list positions as [0]; every other field path here says .0.
  return (
    (places.get(variable) || variable) + at.slice(variable.length).replace(/\[(\d+)\]/g, '.$1')
  );
}

/**
 * Gives a refused argument the code and `field` every other bad input has, so clients read one
 * shape: a variable graphql-js refused (a bad Date, a wrong type), and a day written into the
 * document that the Date scalar refused (Apollo files that under GRAPHQL_VALIDATION_FAILED).
 * Apollo hands the request's errors here before formatting them.
 */
export function nameRefusedArguments(
  errors: readonly GraphQLError[],
  document: ASTNode | undefined,
): void {
  let paths: ReturnType<typeof argumentPaths> | undefined;
  for (const error of errors) {
    // The extensions object is the error's own (graphql-js builds one per refusal).
    const extensions = error.extensions as Record<string, unknown>;
    if (extensions.field) continue;
    paths ??= document ? argumentPaths(document) : { variables: new Map(), values: new Map() };
    const written =
      extensions.rule === 'date' || extensions.rule === 'dateTime' ? error.nodes?.[0] : undefined;
    const field =
      extensions.code === ErrorCode.BAD_USER_INPUT
        ? variableField(error.message, paths.variables)
        : written
          ? paths.values.get(written)
          : null;
    if (!field) continue;
    extensions.field = field;
    extensions.code = ErrorCode.BAD_USER_INPUT;
  }
}
