import { dump } from 'js-yaml';
import * as vscode from 'vscode';
import type { ClusterState } from '../cluster/state';
import { LogDocumentFollows } from './log-documents';

export const DOCUMENT_SCHEME = 'pod-doctor';

export interface PodDocumentRef {
  readonly context: string;
  readonly namespace: string;
  readonly pod: string;
  /** A container's log, or the pod's YAML when absent. */
  readonly container?: string;
  readonly previous?: boolean;
}

export function podDocumentUri(ref: PodDocumentRef): vscode.Uri {
  const base = `/${encodeURIComponent(ref.context)}/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.pod)}`;
  if (ref.container === undefined) return vscode.Uri.from({ scheme: DOCUMENT_SCHEME, path: `${base}.yaml` });
  return vscode.Uri.from({
    scheme: DOCUMENT_SCHEME,
    path: `${base}/${encodeURIComponent(ref.container)}${ref.previous ? '.previous' : ''}.log`,
  });
}

function parseUri(uri: vscode.Uri): PodDocumentRef | undefined {
  const parts = uri.path.split('/').slice(1).map(decodeURIComponent);
  if (parts.length === 3 && parts[2]!.endsWith('.yaml')) {
    return { context: parts[0]!, namespace: parts[1]!, pod: parts[2]!.slice(0, -'.yaml'.length) };
  }
  if (parts.length === 4 && parts[3]!.endsWith('.log')) {
    const file = parts[3]!.slice(0, -'.log'.length);
    const previous = file.endsWith('.previous');
    return {
      context: parts[0]!,
      namespace: parts[1]!,
      pod: parts[2]!,
      container: previous ? file.slice(0, -'.previous'.length) : file,
      previous,
    };
  }
  return undefined;
}

/**
 * Read-only documents for a pod's logs and its YAML as the cluster has it. Errors are shown as the
 * document's text: what failed and what to do.
 */
export class PodDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Current-run logs are followed live while their document is shown. */
  readonly follows = new LogDocumentFollows((uri) => this.changed.fire(uri));

  constructor(private readonly state: ClusterState) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseUri(uri);
    if (!ref) return `Pod Doctor cannot open ${uri.toString()}.`;
    const session = await this.state.session(ref.context);
    if (!session) return `The context "${ref.context}" is no longer in your kubeconfig.`;
    if (ref.container !== undefined && !ref.previous) {
      return this.follows.text(uri, session, {
        namespace: ref.namespace,
        pod: ref.pod,
        container: ref.container,
      });
    }
    try {
      const pod = await session.getPod(ref.namespace, ref.pod);
      if (ref.container === undefined) {
        const { managedFields: _managed, ...metadata } = (pod.metadata ?? {}) as Record<string, unknown>;
        return `# ${ref.namespace}/${ref.pod} as read from context ${ref.context} (read-only)\n${dump({ ...pod, metadata }, { lineWidth: 120, noRefs: true })}`;
      }
      const text = await session.readLogs(pod, ref.container, {
        ...(ref.previous ? { previous: true } : {}),
        tailLines: 2000,
      });
      return text === ''
        ? `(the ${ref.previous ? 'previous' : 'current'} log of ${ref.container} is empty)\n`
        : text;
    } catch (error) {
      const fault = session.fault(error, {
        namespace: ref.namespace,
        action: ref.container ? 'read logs' : 'get pods',
      });
      return `Pod Doctor could not read ${ref.container ? `the ${ref.previous ? 'previous ' : ''}log of ${ref.container} in ` : ''}${ref.namespace}/${ref.pod}: ${fault.message}\n`;
    }
  }

  reload(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  dispose(): void {
    this.follows.dispose();
    this.changed.dispose();
  }
}
