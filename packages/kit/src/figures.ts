import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { appError, ErrorCode } from './errors.js';

/**
 * The figures a statistics query was asked for: the names of the fields selected on its result,
 * fragments followed, with the figures asked of each district of a per-district breakdown
 * (`byDistrict`) counted as the same figures.
 */
export function requestedFigures(info: GraphQLResolveInfo, breakdown = 'byDistrict'): Set<string> {
  const names = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === 'Field') {
        if (s.name.value === breakdown) walk(s.selectionSet);
        else if (!s.name.value.startsWith('__')) names.add(s.name.value);
      } else if (s.kind === 'InlineFragment') walk(s.selectionSet);
      else walk(info.fragments[s.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes as readonly FieldNode[]) walk(node.selectionSet);
  return names;
}

/**
 * The one rule for statistics (docs/architecture.md, "Statistics"): a figure is public, or it
 * counts rows only those working for the district may see. A caller who may not see a figure
 * that was asked for is refused with FORBIDDEN naming every such figure by its field path
 * (`extensions.figures`), never answered with zeros or with a count narrowed to the rows they
 * happen to see; a query asking only for public figures is answered for anyone.
 */
export function refuseHiddenFigures(
  info: GraphQLResolveInfo,
  options: {
    /** Figures anyone may see (counted from public rows only). */
    publicFigures: readonly string[];
    /** Fields that describe the answer rather than count anything. */
    descriptive?: readonly string[];
    /** Why the caller may not see the rest, e.g. "only those working for district 341002 (or a district above it) may see them". */
    reason: string;
  },
): void {
  const open = new Set([...options.publicFigures, ...(options.descriptive ?? [])]);
  const hidden = [...requestedFigures(info)].filter((f) => !open.has(f));
  if (hidden.length === 0) return;
  const figures = hidden.map((f) => `${info.fieldName}.${f}`);
  throw appError(ErrorCode.FORBIDDEN, `${figures.join(', ')}: ${options.reason}`, {
    figures,
  });
}
