import {
  checkAgainstCluster,
  providedObjects,
  requiredLists,
  type ClusterCheckOptions,
} from '../core/cluster-lint/check';
import type { ClusterCheckInput, DryRunOutcome } from '../core/cluster-lint/context';
import type { ClusterSnapshot } from '../core/cluster-lint/snapshot';
import { isKubernetesObject } from '../core/lint/engine';
import type { Finding, SeveritySetting } from '../core/lint/types';
import { computeLineStarts, iterateDocuments } from '../core/manifest/parse';
import type { JsonObject, ManifestDocument, ParsedFile } from '../core/manifest/types';
import { dryRunCreate, ResourceMapper } from './dry-run';
import type { ClusterSession } from './index';
import { slicer } from '../node/slices';
import { liveFindingsOf } from './live-read';
import { mapLimited } from './snapshot';

/**
 * One cluster-aware lint run over a set of files: read the snapshot the files need (one list per
 * kind and namespace), optionally dry-run every object, then check each file. Shared by the CLI
 * and the editor so that both judge a manifest the same way.
 */

export interface ClusterLintOptions {
  /** `-n`: the namespace of objects that name none (default: the context's). */
  namespace?: string;
  /** Send every object as a server-side dry-run create (`--server-dry-run`). */
  serverDryRun?: boolean;
  rules?: Readonly<Record<string, SeveritySetting>>;
  /** Reuse answers younger than this (the editor); 0 or absent reads everything afresh (the CLI). */
  maxAgeMs?: number;
  /**
   * Also list the pods and events of the manifests' namespaces and report their failing pods as
   * `live-*` findings (the CLI; the editor takes them from the watch cache it already holds).
   */
  live?: boolean;
}

export interface ClusterLintResult {
  context: string;
  namespace: string;
  snapshot: ClusterSnapshot;
  /** The cluster findings of each file, in the order the files were given. */
  findings: Finding[][];
  /** Each file as parsed for the run (the editor places findings in their objects without parsing again). */
  files: ParsedFile[];
  /** Things the run could not do (a dry run RBAC forbids), once each. */
  notices: string[];
}

function objectsOf(file: ParsedFile): Array<{ index: number; object: JsonObject }> {
  return file.documents.flatMap((d) =>
    isKubernetesObject(d.value) && !d.templated ? [{ index: d.index, object: d.value }] : [],
  );
}

export async function lintAgainstCluster(
  session: ClusterSession,
  texts: readonly string[],
  options: ClusterLintOptions = {},
): Promise<ClusterLintResult> {
  const namespace = options.namespace ?? session.namespace;
  const files: ParsedFile[] = [];
  for (const text of texts) files.push(await parseYielding(text));
  const objects = files.map(objectsOf);
  const all = objects.flat().map((o) => o.object);
  const requests = requiredLists(all, namespace);
  const snapshot = await session.clusterSnapshot(requests, namespace, options.maxAgeMs ?? 0);
  const notices = new Set<string>();
  const dryRuns = options.serverDryRun ? await dryRunAll(session, objects, namespace, notices) : [];
  const input: Omit<ClusterCheckInput, 'dryRun'> = {
    snapshot,
    provided: providedObjects(all, namespace),
    notices: new Set<string>(),
  };
  const live = options.live
    ? await liveFindingsOf(
        session.client,
        files,
        all,
        { namespace, nowMs: Date.now(), ...(options.rules ? { rules: options.rules } : {}) },
        notices,
      )
    : [];
  const findings: Finding[][] = [];
  for (const [i, file] of files.entries()) {
    const dryRun = dryRuns[i];
    const checked = await checkYielding(
      file,
      dryRun ? { ...input, dryRun } : input,
      options.rules ? { rules: options.rules } : {},
    );
    findings.push([...checked, ...(live[i] ?? [])]);
  }
  return { context: session.context, namespace, snapshot, findings, files, notices: [...notices] };
}

/**
 * `parseManifests`, one document at a time, in slices: in the editor the run shares the extension
 * host's thread with each keystroke's lint, and a 2,000-line file takes tens of milliseconds to
 * parse (and as long again to check) on a busy machine.
 */
async function parseYielding(text: string): Promise<ParsedFile> {
  const documents: ManifestDocument[] = [];
  const pause = slicer();
  for (const document of iterateDocuments(text)) {
    documents.push(document);
    await pause();
  }
  return { text, documents, lineStarts: computeLineStarts(text) };
}

/**
 * `checkAgainstCluster` of a file, one document at a time, in slices. The findings are those of one
 * call over the whole file: each cluster rule looks at one object (with the run's snapshot and
 * provided objects), the run's notices are shared, and a template's syntax error is still reported
 * once per file.
 */
async function checkYielding(
  file: ParsedFile,
  input: ClusterCheckInput,
  options: ClusterCheckOptions,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const pause = slicer();
  let templateErrorSeen = false;
  for (const document of file.documents) {
    if (document.templated && document.syntaxError) {
      if (templateErrorSeen) continue;
      templateErrorSeen = true;
    }
    findings.push(...checkAgainstCluster({ ...file, documents: [document] }, input, options).findings);
    await pause();
  }
  return findings;
}

async function dryRunAll(
  session: ClusterSession,
  objects: ReadonlyArray<ReadonlyArray<{ index: number; object: JsonObject }>>,
  namespace: string,
  notices: Set<string>,
): Promise<Array<Map<number, DryRunOutcome>>> {
  const mapper = new ResourceMapper(session.client);
  const jobs = objects.flatMap((list, file) => list.map((o) => ({ file, ...o })));
  const results = await mapLimited(jobs, 8, (job) =>
    dryRunCreate(session.client, mapper, job.object, namespace),
  );
  const byFile = objects.map(() => new Map<number, DryRunOutcome>());
  results.forEach((result, i) => {
    const job = jobs[i];
    if (!job) return;
    if (result.notice) notices.add(result.notice);
    if (result.outcome) byFile[job.file]?.set(job.index, result.outcome);
  });
  return byFile;
}
