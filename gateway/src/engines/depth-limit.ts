import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** Refuses operations nested deeper than `max` fields (fragments counted where they are spread). */
export function depthLimitRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const depth = (set: SelectionSetNode | undefined, level: number, seen: Set<string>): number => {
      if (!set) return level;
      let deepest = level;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) deepest = Math.max(deepest, depth(s.selectionSet, level + 1, seen));
        else if (s.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depth(s.selectionSet, level, seen));
        else if (!seen.has(s.name.value)) {
          deepest = Math.max(deepest, depth(fragments.get(s.name.value)?.selectionSet, level, new Set([...seen, s.name.value])));
        }
        if (deepest > max) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        if (depth(node.selectionSet, 0, new Set()) > max) {
          context.reportError(new GraphQLError(`query is nested deeper than ${max} levels`, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED', rule: 'maxDepth' } }));
        }
      },
    };
  };
}
