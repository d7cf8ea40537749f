import * as vscode from 'vscode';
import type { JsonObject } from '../../core/manifest/types';
import { podTemplates } from '../../core/manifest/workloads';
import { isKubernetesObject } from '../../core/lint/engine';
import { kubectlPodRow, livePodsTitle, podsOfManifest } from '../../core/status';
import type { ClusterState } from '../cluster/state';
import type { Ctx } from '../ctx';
import type { LintedDocuments } from '../lint/document-cache';
import type { PodRef } from '../explain/panel';
import type { PodsTreeProvider } from './pods-tree';

/**
 * Above a manifest's pod template, when the Pods tree already watches its namespace: how many live
 * pods it has and in which STATUS (`3 live pods: 1 CrashLoopBackOff, 2 Running`), linking to the
 * explanation of the first failing one. It never connects to a cluster by itself.
 */
export function registerLivePodsLens(
  ctx: Ctx,
  state: ClusterState,
  tree: PodsTreeProvider,
  documents: LintedDocuments,
): void {
  const changed = ctx.push(new vscode.EventEmitter<void>());
  ctx.push(tree.onDidChangeTreeData(() => changed.fire()));
  ctx.push(
    vscode.languages.registerCodeLensProvider(
      { language: 'yaml' },
      {
        onDidChangeCodeLenses: changed.event,
        async provideCodeLenses(document) {
          const context = state.shownContext;
          if (!context) return [];
          try {
            return await liveLenses(documents, document, context, await state.namespace(context), tree);
          } catch (error) {
            ctx.output.error(
              `Live pods CodeLens failed: ${error instanceof Error ? error.message : String(error)}`,
            );
            return [];
          }
        },
      },
    ),
  );
}

async function liveLenses(
  documents: LintedDocuments,
  document: vscode.TextDocument,
  context: string,
  shownNamespace: string,
  tree: PodsTreeProvider,
): Promise<vscode.CodeLens[]> {
  // The linter has parsed the document already: reuse its documents (offsets shifted per chunk).
  const linted = documents.get(document);
  if (!linted) return [];
  const lenses: vscode.CodeLens[] = [];
  const now = Date.now();
  for (const chunk of linted.result.chunks) {
    for (const manifest of chunk.documents) {
      const object = manifest.value;
      if (!isKubernetesObject(object)) continue;
      const [template] = podTemplates(object as JsonObject);
      if (!template) continue;
      const metadata = object['metadata'];
      const namespace =
        typeof metadata === 'object' &&
        metadata !== null &&
        typeof (metadata as JsonObject)['namespace'] === 'string'
          ? ((metadata as JsonObject)['namespace'] as string)
          : shownNamespace;
      const watched = tree.watchedPods(context, namespace);
      if (!watched) continue;
      const pods = podsOfManifest(object as JsonObject, watched, namespace);
      if (pods.length === 0) continue;
      const rows = pods
        .map((p) => kubectlPodRow(p, now))
        .sort((a, b) => Number(b.problem) - Number(a.problem));
      const target = rows[0]!;
      const anchor = manifest.locate(template.path.length > 0 ? template.path : ['kind']);
      const offset = ((anchor?.key ?? anchor?.value)?.start ?? manifest.range.start) + chunk.shift;
      const ref: PodRef = { context, namespace: target.namespace, name: target.name };
      lenses.push(
        new vscode.CodeLens(document.lineAt(document.positionAt(offset).line).range, {
          title: `$(pulse) ${livePodsTitle(rows)}`,
          tooltip: `Explain ${target.namespace}/${target.name} (${target.status})`,
          command: 'podDoctor.explainPod',
          arguments: [ref],
        }),
      );
    }
  }
  return lenses;
}
