import * as vscode from 'vscode';
import type { Diagnosis } from '../../core/diagnose/types';
import { parseManifests, positionAt } from '../../core/manifest/parse';
import { templatePathForPodField } from '../../core/manifest/spec-path';
import type { JsonObject, ManifestDocument, ParsedFile } from '../../core/manifest/types';
import { canonicalKind, isObject, podTemplates, type PodTemplate } from '../../core/manifest/workloads';

export interface WorkloadRef {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
}

export interface FoundManifest {
  readonly uri: vscode.Uri;
  readonly workload: WorkloadRef;
  /** Resolves a pod field path of a fix to a range in the manifest. */
  rangeOf(fieldPath: string): vscode.Range | undefined;
}

const MAX_FILES = 2_000;
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Finds the workspace manifest that defines the pod's top-level workload (the Deployment above its
 * ReplicaSet, the CronJob above its Job, or the bare Pod) so that fixes can link to exact lines.
 */
export async function findWorkloadManifest(
  candidates: readonly WorkloadRef[],
): Promise<FoundManifest | undefined> {
  if (candidates.length === 0 || !vscode.workspace.workspaceFolders) return undefined;
  const files = await vscode.workspace.findFiles(
    '**/*.{yaml,yml}',
    '**/{node_modules,.git,dist,out}/**',
    MAX_FILES,
  );
  for (const workload of candidates) {
    const needle = new RegExp(`name:\\s*["']?${escapeRegExp(workload.name)}["']?\\s*$`, 'm');
    for (const uri of files) {
      let text: string;
      try {
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.byteLength > MAX_BYTES) continue;
        text = new TextDecoder().decode(bytes);
      } catch {
        continue;
      }
      if (!needle.test(text)) continue;
      const file = parseManifests(text);
      const found = workloadDocument(file, workload);
      if (found) {
        const { document, object, template } = found;
        const toPosition = (offset: number): vscode.Position => {
          const { line, character } = positionAt(file.lineStarts, offset);
          return new vscode.Position(line, character);
        };
        return {
          uri,
          workload,
          rangeOf(fieldPath) {
            const path = templatePathForPodField(fieldPath, template, object);
            if (!path) return undefined;
            const location = document.locate(path);
            if (!location) return undefined;
            const range = location.key && isObject(valueAt(object, path)) ? location.key : location.value;
            return new vscode.Range(toPosition(range.start), toPosition(range.end));
          },
        };
      }
    }
  }
  return undefined;
}

/** The document of a file that defines the workload (same kind and name, its namespace or none). */
export function workloadDocument(
  file: ParsedFile,
  workload: WorkloadRef,
): { document: ManifestDocument; object: JsonObject; template: PodTemplate } | undefined {
  for (const document of file.documents) {
    const object = document.value;
    if (!isObject(object) || typeof object['kind'] !== 'string') continue;
    if (canonicalKind(object['kind']) !== workload.kind) continue;
    const metadata = isObject(object['metadata']) ? object['metadata'] : {};
    if (metadata['name'] !== workload.name) continue;
    const ns = metadata['namespace'];
    if (typeof ns === 'string' && ns !== workload.namespace) continue;
    const [template] = podTemplates(object as JsonObject);
    if (template) return { document, object: object as JsonObject, template };
  }
  return undefined;
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The workloads a pod may come from, most specific manifest first: Deployment, CronJob, …, the Pod. */
export function workloadCandidates(
  pod: { metadata?: { name?: string; namespace?: string } },
  owners: ReadonlyArray<{ kind?: unknown; metadata?: { name?: string } }>,
): WorkloadRef[] {
  const namespace = pod.metadata?.namespace ?? 'default';
  const refs: WorkloadRef[] = [];
  for (const owner of [...owners].reverse()) {
    if (typeof owner.kind === 'string' && owner.metadata?.name) {
      refs.push({ kind: owner.kind, name: owner.metadata.name, namespace });
    }
  }
  if (pod.metadata?.name) refs.push({ kind: 'Pod', name: pod.metadata.name, namespace });
  return refs;
}

/** Every fix spec path of the diagnoses. */
export function fixPaths(diagnoses: readonly Diagnosis[]): string[] {
  return [...new Set(diagnoses.flatMap((d) => d.fixes.flatMap((f) => (f.specPath ? [f.specPath] : []))))];
}
