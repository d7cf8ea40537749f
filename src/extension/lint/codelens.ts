import * as vscode from 'vscode';
import { isKubernetesObject } from '../../core/lint/engine';
import { podTemplates } from '../../core/manifest/workloads';
import { containerLensTitle, findingsWithin } from '../../core/summary';
import { showProblemsForContainer } from '../commands/show-problems-for-container';
import type { Ctx } from '../ctx';
import type { LintedDocuments } from './document-cache';

/**
 * A one-line summary above each container's first line (`- name: web`): QoS class, when liveness
 * kills and readiness starts, and the number of problems. Clicking a lens with problems selects the
 * first one in the editor and opens the Problems panel, which reveals the selected problem.
 */
export function registerCodeLens(
  ctx: Ctx,
  documents: LintedDocuments,
  onDidLint: vscode.Event<vscode.Uri>,
): void {
  const changed = ctx.push(new vscode.EventEmitter<void>());
  ctx.push(onDidLint(() => changed.fire()));
  ctx.push(
    vscode.languages.registerCodeLensProvider(
      { language: 'yaml' },
      {
        onDidChangeCodeLenses: changed.event,
        provideCodeLenses(document) {
          try {
            return containerLenses(documents, document);
          } catch (error) {
            ctx.output.error(`CodeLens failed: ${error instanceof Error ? error.message : String(error)}`);
            return [];
          }
        },
      },
    ),
  );
}

function containerLenses(documents: LintedDocuments, document: vscode.TextDocument): vscode.CodeLens[] {
  const linted = documents.get(document);
  if (!linted) return [];
  const lenses: vscode.CodeLens[] = [];
  for (const chunk of linted.result.chunks) {
    for (const manifest of chunk.documents) {
      if (!isKubernetesObject(manifest.value)) continue;
      for (const template of podTemplates(manifest.value)) {
        for (const container of template.containers) {
          const location = manifest.locate(container.path);
          if (!location) continue;
          const start = location.value.start + chunk.shift;
          const problems = findingsWithin(chunk.findings, { start, end: location.value.end + chunk.shift });
          const line = document.positionAt(start).line;
          const title = containerLensTitle(template, container, problems.length);
          const first = problems[0];
          lenses.push(
            new vscode.CodeLens(
              document.lineAt(line).range,
              first
                ? {
                    title,
                    command: showProblemsForContainer.id,
                    tooltip: `Show the problems of ${container.name}`,
                    arguments: [document.uri.toString(), first.start.line, first.start.character],
                  }
                : { title, command: '' },
            ),
          );
        }
      }
    }
  }
  return lenses;
}
