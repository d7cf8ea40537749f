import * as vscode from 'vscode';
import { podDocumentUri } from '../tree/documents';
import { podNodeOf } from '../tree/model';
import type { Command } from './command';

/** Opens the clicked pod as the cluster has it, as a read-only YAML document. */
export const openPodManifest: Command = {
  id: 'podDoctor.openPodManifest',
  async run({ pods }, arg) {
    const pod = podNodeOf(arg);
    if (!pod) return;
    const uri = podDocumentUri({ context: pod.context, namespace: pod.row.namespace, pod: pod.row.name });
    pods.documents.reload(uri);
    await vscode.window.showTextDocument(uri, { preview: false });
  },
};
