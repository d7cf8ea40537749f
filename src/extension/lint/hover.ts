import * as vscode from 'vscode';
import { isKubernetesObject } from '../../core/lint/engine';
import { defaultRegistry } from '../../core/lint/rules';
import { findingHover, nodeHover, type DescribeField } from '../../core/summary';
import type { Ctx } from '../ctx';
import { chunkAt, type LintedDocuments } from './document-cache';

/**
 * Hovers on Kubernetes YAML: the findings under the cursor (message, why, what to do, rule doc),
 * then what the node is: a probe's effective values and timeline, a normalized quantity with the
 * pod's QoS class, or the field's type and description.
 */
export function registerHover(ctx: Ctx, documents: LintedDocuments): void {
  ctx.push(
    vscode.languages.registerHoverProvider(
      { language: 'yaml' },
      {
        async provideHover(document, position) {
          try {
            // The API's field descriptions (~190 KB) load on the first hover, not at activation.
            const { describeField } = await import('../../core/schema/index');
            return hoverAt(documents, document, position, describeField);
          } catch (error) {
            ctx.output.error(`Hover failed: ${error instanceof Error ? error.message : String(error)}`);
            return undefined;
          }
        },
      },
    ),
  );
}

function hoverAt(
  documents: LintedDocuments,
  document: vscode.TextDocument,
  position: vscode.Position,
  describe: DescribeField,
): vscode.Hover | undefined {
  const linted = documents.get(document);
  if (!linted) return undefined;
  const offset = document.offsetAt(position);
  const contents: vscode.MarkdownString[] = [];
  let range: vscode.Range | undefined;
  for (const finding of linted.result.findings) {
    if (offset < finding.range.start || offset > finding.range.end) continue;
    contents.push(markdown(findingHover(finding, defaultRegistry.get(finding.ruleId))));
    range ??= new vscode.Range(
      document.positionAt(finding.range.start),
      document.positionAt(finding.range.end),
    );
  }
  const chunk = chunkAt(linted, offset);
  for (const manifest of chunk?.documents ?? []) {
    if (!chunk || !isKubernetesObject(manifest.value)) continue;
    const node = manifest.nodeAt(offset - chunk.shift);
    const location = node && manifest.locate(node.path);
    if (!node || !location) continue;
    const target = node.on === 'key' ? location.key : location.value;
    if (!target) continue;
    const targetRange = new vscode.Range(
      document.positionAt(target.start + chunk.shift),
      document.positionAt(target.end + chunk.shift),
    );
    // Inside a block (between a mapping's entries) there is nothing specific to say.
    if (node.on === 'value' && !targetRange.isSingleLine) continue;
    const text = nodeHover(manifest.value, node.path, describe);
    if (text === undefined) continue;
    contents.push(markdown(text));
    range ??= targetRange;
  }
  return contents.length > 0 ? new vscode.Hover(contents, range) : undefined;
}

function markdown(text: string): vscode.MarkdownString {
  return new vscode.MarkdownString(text);
}
