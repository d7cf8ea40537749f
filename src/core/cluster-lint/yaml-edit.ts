import type { TextEdit } from '../lint/types';
import type { ManifestDocument, Path } from '../manifest/types';
import { getPath, isObject } from '../manifest/workloads';

/**
 * An edit that sets `path` to `value` (YAML text of a scalar or flow collection): replaces the value
 * when the field exists, else adds the missing keys below the deepest block mapping on the path,
 * at its indentation. Undefined when the text is not plain block YAML there (flow mappings, aliases).
 */
export function setFieldEdit(
  text: string,
  document: ManifestDocument,
  path: Path,
  value: string,
): TextEdit | undefined {
  const leaf = document.locate(path);
  if (leaf) return { range: leaf.value, newText: value };
  for (let k = path.length - 1; k >= 1; k--) {
    const parentPath = path.slice(0, k);
    const node = getPath(document.value, parentPath);
    if (node === undefined) continue;
    const missing = path.slice(k);
    if (!isObject(node) || missing.some((segment) => typeof segment !== 'string')) return undefined;
    const parent = document.locate(parentPath);
    const firstKey = Object.keys(node)[0];
    const first = firstKey === undefined ? undefined : document.locate([...parentPath, firstKey]);
    if (!parent || !first?.key || text[parent.value.start] === '{') return undefined;
    const column = first.key.start - (text.lastIndexOf('\n', first.key.start - 1) + 1);
    const newline = text.indexOf('\n', Math.max(parent.value.end - 1, 0));
    const lines = missing.map((segment, i) => {
      const indent = ' '.repeat(column + 2 * i);
      return i === missing.length - 1
        ? `${indent}${String(segment)}: ${value}`
        : `${indent}${String(segment)}:`;
    });
    if (newline === -1) {
      return { range: { start: text.length, end: text.length }, newText: `\n${lines.join('\n')}` };
    }
    return { range: { start: newline + 1, end: newline + 1 }, newText: `${lines.join('\n')}\n` };
  }
  return undefined;
}
