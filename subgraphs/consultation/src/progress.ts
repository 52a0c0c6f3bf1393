import type { Result } from './entities/result.entity.js';

/**
 * Progress of every node of one results tree, as Decidim's accountability computes it: a leaf
 * reports its own; a parent's is the weighted mean of its children's. A child of weight 0 is
 * tracked but does not count; a parent none of whose children count (or that has none left,
 * every child removed) shows its own reported progress, as a leaf would.
 */
export function treeProgress(nodes: Result[]): Map<number, number> {
  const children = new Map<number, Result[]>();
  for (const n of nodes)
    if (n.parentId != null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  const done = new Map<number, number>();
  const visit = (node: Result): number => {
    const known = done.get(node.id);
    if (known !== undefined) return known;
    const counting = (children.get(node.id) ?? []).filter((c) => c.weight > 0);
    const total = counting.reduce((sum, c) => sum + c.weight, 0);
    const value =
      total === 0
        ? node.ownProgress
        : counting.reduce((sum, c) => sum + c.weight * visit(c), 0) / total;
    const rounded = Math.round(value * 100) / 100;
    done.set(node.id, rounded);
    return rounded;
  };
  // Children of weight 0 still get a figure of their own.
  for (const n of nodes) visit(n);
  return done;
}
