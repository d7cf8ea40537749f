/**
 * Where to write `# pod-doctor-disable-next-line <id>` so that it silences a finding that starts
 * on `line`: a comment line above it, indented like it, or, when the finding starts inside a block
 * scalar (a `|` script), a comment after the scalar's header — a line inserted there would become
 * part of the script. Plain text in, an insertion out (no `vscode`), so it is unit-tested in node.
 */
export interface CommentInsertion {
  readonly line: number;
  readonly character: number;
  readonly text: string;
}

const DISABLE_COMMENT_LINE = /^\s*#\s*pod-doctor-disable-next-line\b/;
/** `key: |`, `- >-`, `run: |2 # note`: a block scalar header, with its trailing comment if any. */
const BLOCK_SCALAR_HEADER = /(?:^|[\s:-])[|>][1-9+-]{0,2}[ \t]*(#.*)?$/;

export function disableCommentInsertion(
  lineText: (line: number) => string,
  line: number,
  character: number,
  ruleId: string,
  eol: string,
): CommentInsertion | undefined {
  const text = lineText(line);
  const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
  const above = line > 0 ? lineText(line - 1) : undefined;
  const header = above === undefined ? null : BLOCK_SCALAR_HEADER.exec(above);
  if (above !== undefined && header && character <= indent.length) {
    const comment = header[1];
    if (comment === undefined) {
      return {
        line: line - 1,
        character: above.trimEnd().length,
        text: ` # pod-doctor-disable-next-line ${ruleId}`,
      };
    }
    // Another comment already sits there; only one of ours can be extended.
    return /^#\s*pod-doctor-disable-next-line\b/.test(comment)
      ? { line: line - 1, character: above.length, text: ` ${ruleId}` }
      : undefined;
  }
  // A finding under an existing comment is not silenced by it yet: add its rule to the list.
  if (above !== undefined && DISABLE_COMMENT_LINE.test(above)) {
    return { line: line - 1, character: above.length, text: ` ${ruleId}` };
  }
  return { line, character: 0, text: `${indent}# pod-doctor-disable-next-line ${ruleId}${eol}` };
}
