/** Role and department trees arrive as flat rows with a parent id; these helpers order and walk them. */
import type { Locale } from '../../core/i18n';

interface TreeNode {
  id: string;
  parentId: string | null;
  label: string;
  labelZh?: string | null;
}

/** Nodes in depth-first order with their depth (children after their parent, siblings by label). */
export function flattenTree<T extends TreeNode>(nodes: T[]): { node: T; depth: number }[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string | null, T[]>();
  for (const n of nodes) {
    const parent = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }
  const out: { node: T; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const n of children.get(parent) ?? []) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      out.push({ node: n, depth });
      walk(n.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The ids of a node and everything below it. */
export function subtreeIds(nodes: TreeNode[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of nodes) {
      if (n.parentId && out.has(n.parentId) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Select options for a tree, in tree order, leaving out `exclude`. */
export function treeOptions(nodes: TreeNode[], locale: Locale, exclude: Set<string> = new Set()) {
  return flattenTree(nodes)
    .filter(({ node }) => !exclude.has(node.id))
    .map(({ node }) => ({ value: node.id, label: locale === 'zh-CN' && node.labelZh ? node.labelZh : node.label }));
}
