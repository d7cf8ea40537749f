import * as vscode from 'vscode';
import type { Pod } from '../../core/k8s';
import { podDocumentUri } from '../tree/documents';
import { podNodeOf } from '../tree/model';
import type { Command, Features } from './command';

/** Opens the log of the clicked pod's container (asking which when there are several). */
export const showLogs: Command = {
  id: 'podDoctor.showLogs',
  run: (features, arg) => openLog(features, arg, false),
};

/** Opens a container's log, current or of its previous run, as a read-only document. */
export async function openLog({ pods }: Features, arg: unknown, previous: boolean): Promise<void> {
  const pod = podNodeOf(arg);
  if (!pod) return;
  const containers = containerNames(pod.pod);
  const container =
    containers.length === 1
      ? containers[0]
      : await vscode.window.showQuickPick(containers, {
          title: `${previous ? 'Previous log' : 'Log'} of which container?`,
        });
  if (!container) return;
  const uri = podDocumentUri({
    context: pod.context,
    namespace: pod.row.namespace,
    pod: pod.row.name,
    container,
    previous,
  });
  pods.documents.reload(uri);
  await vscode.window.showTextDocument(uri, { preview: false });
}

function containerNames(pod: Pod): string[] {
  const spec = pod.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])]
    .map((c) => c.name)
    .filter((n): n is string => typeof n === 'string');
}
