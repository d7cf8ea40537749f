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
 * Open documents are read as they are in the editor (unsaved edits included). When several files
 * define the workload, the choice is the same every time: the file in the active editor (`editorUri`),
 * then one visible or open in an editor, then one that names the pod's namespace, then the first by
 * path.
 */
export async function findWorkloadManifest(
  candidates: readonly WorkloadRef[],
  /** The file in the active editor when the user asked (a panel may since have taken its place). */
  editorUri: vscode.Uri | undefined,
): Promise<FoundManifest | undefined> {
  if (candidates.length === 0 || !vscode.workspace.workspaceFolders) return undefined;
  const files = await vscode.workspace.findFiles(
    '**/*.{yaml,yml}',
    '**/{node_modules,.git,dist,out}/**',
    MAX_FILES,
  );
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const active = editorUri?.toString();
  const visible = new Set(vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()));
  const needles = candidates.map(
    (workload) => new RegExp(`name:\\s*["']?${escapeRegExp(workload.name)}["']?\\s*$`, 'm'),
  );
  const found: Array<{
    uri: vscode.Uri;
    file: ParsedFile;
    workload: WorkloadRef;
    match: WorkloadMatch;
    /** The candidate (most specific first), then the editor ranks below. */
    rank: [number, number, number, number];
  }> = [];
  // Each file is read and parsed once, whichever candidates it is searched for.
  for (const uri of files) {
    const key = uri.toString();
    const text = open.get(key)?.getText() ?? (await readSmallFile(uri));
    if (text === undefined) continue;
    let file: ParsedFile | undefined;
    candidates.forEach((workload, c) => {
      if (!needles[c]!.test(text)) return;
      file ??= parseManifests(text);
      const match = workloadDocument(file, workload);
      if (!match) return;
      const metadata = match.object['metadata'] as JsonObject;
      found.push({
        uri,
        file,
        workload,
        match,
        rank: [
          c,
          key === active ? 0 : 1,
          visible.has(key) ? 0 : open.has(key) ? 1 : 2,
          metadata['namespace'] === workload.namespace ? 0 : 1,
        ],
      });
    });
  }
  const best = found.sort(
    (a, b) =>
      a.rank[0] - b.rank[0] ||
      a.rank[1] - b.rank[1] ||
      a.rank[2] - b.rank[2] ||
      a.rank[3] - b.rank[3] ||
      a.uri.path.localeCompare(b.uri.path),
  )[0];
  return best && manifestAt(best.uri, best.file, best.workload, best.match);
}

async function readSmallFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    return bytes.byteLength > MAX_BYTES ? undefined : new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}

function manifestAt(
  uri: vscode.Uri,
  file: ParsedFile,
  workload: WorkloadRef,
  match: WorkloadMatch,
): FoundManifest {
  const { document, object, template } = match;
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

interface WorkloadMatch {
  readonly document: ManifestDocument;
  readonly object: JsonObject;
  readonly template: PodTemplate;
}

/** The document of a file that defines the workload (same kind and name, its namespace or none). */
export function workloadDocument(file: ParsedFile, workload: WorkloadRef): WorkloadMatch | undefined {
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
