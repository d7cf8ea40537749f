import { load } from 'js-yaml';
import { explainPod, explanationExitCode } from '../core/diagnose';
import type { ContainerLogs, DiagnoseInput, Explanation } from '../core/diagnose/types';
import type { KubeEvent, KubeNode, Pod } from '../core/k8s';
import { explanationHtml, explanationJson, explanationText } from '../core/render';
import {
  CliError,
  formatFlag,
  connectCluster,
  loadCluster,
  parseFlags,
  writeOut,
  type CliCommand,
} from './common';
import { readText } from './files';

const HELP = `Usage: pod-doctor explain <pod> [-n NS] [--kubeconfig F] [--context C] [--format text|json|html]
       pod-doctor explain --pod-file pod.json [--events-file events.json] [--logs-file [CONTAINER=]app.log]...

Explains why a pod is not healthy: what is wrong in one sentence, the evidence (status fields,
events, log lines, spec fields), the likely causes ranked, the fixes with the spec field to change,
and a timeline of conditions, container state changes and events.

Against a cluster it reads the pod, its events, its node, its owners (ReplicaSet, Job, …) and their
events, and the log tails of crashed containers. Offline it reads files saved with kubectl:
  --pod-file FILE       the pod, as \`kubectl get pod NAME -o json\` (or -o yaml) prints it; a List
                        (\`kubectl get pod,events -o json\`) also works: its Events are used too
  --events-file FILE    \`kubectl get events -o json\`: a core/v1 EventList, an events.k8s.io/v1
                        list, or a JSON array of events; events of other objects are ignored
  --logs-file [C=]FILE  a container's log (what \`kubectl logs --previous\` prints for a crashing
                        container); without C= it belongs to the pod's first main container;
                        repeatable, one per container
  --node-file FILE      the pod's node, as \`kubectl get node NAME -o json\` prints it
  --now TIME            judge ages and back-off as of this RFC 3339 time (to replay a saved pod)

Options:
  -n, --namespace NS    namespace of the pod (default: the context's, else "default")
  --kubeconfig FILE     kubeconfig file instead of $KUBECONFIG / ~/.kube/config
  --context NAME        kubeconfig context (default: its current-context)
  --format FORMAT       text (default), json, or html (one self-contained page, no scripts)
  --no-color            plain text (also when NO_COLOR is set or output is not a terminal)

Exit code: 0 when the pod is healthy, starting or completed (or only warnings), 1 when a
diagnosis is an error or critical, 2 on usage or I/O errors.`;

function parseStructured(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    try {
      return load(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new CliError(
        `"${file}" is neither JSON nor YAML (${reason}); save it with kubectl get … -o json.`,
      );
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Events out of an EventList, an events.k8s.io/v1 list, a kubectl List, or an array. */
function eventsFrom(value: unknown, file: string): KubeEvent[] {
  const items = Array.isArray(value)
    ? value
    : isRecord(value) && Array.isArray(value['items'])
      ? value['items']
      : undefined;
  if (!items) {
    throw new CliError(
      `"${file}" holds no events: expected an EventList (kubectl get events -o json) or a JSON array of events.`,
    );
  }
  return items.filter(
    (e): e is KubeEvent => isRecord(e) && (e['kind'] === undefined || e['kind'] === 'Event'),
  );
}

/** The pod of a pod file, plus the events a `kubectl get pod,events -o json` List carries. */
function podFrom(value: unknown, file: string, name: string | undefined): { pod: Pod; events: KubeEvent[] } {
  if (isRecord(value) && value['kind'] === 'Pod') return { pod: value as Pod, events: [] };
  const items =
    isRecord(value) && Array.isArray(value['items']) ? value['items'].filter(isRecord) : undefined;
  if (items) {
    const pods = items.filter(
      (i) =>
        i['kind'] === 'Pod' ||
        (i['kind'] === undefined &&
          isRecord(i['spec']) &&
          Array.isArray((i['spec'] as Record<string, unknown>)['containers'])),
    );
    const chosen =
      name === undefined
        ? pods
        : pods.filter((p) => (p['metadata'] as { name?: string } | undefined)?.name === name);
    if (chosen.length === 1)
      return { pod: chosen[0] as Pod, events: items.filter((i) => i['kind'] === 'Event') as KubeEvent[] };
    if (chosen.length > 1) {
      throw new CliError(
        `"${file}" holds ${chosen.length} pods; name the one to explain, e.g. pod-doctor explain ${String((chosen[0]?.['metadata'] as { name?: string } | undefined)?.name ?? 'NAME')} --pod-file ${file}.`,
      );
    }
  }
  throw new CliError(
    `"${file}" holds no Pod${name ? ` named "${name}"` : ''}; save one with \`kubectl get pod NAME -o json > ${file}\`.`,
  );
}

function firstMainContainer(pod: Pod): string | undefined {
  return pod.spec?.containers?.[0]?.name ?? pod.status?.containerStatuses?.[0]?.name;
}

async function logsFrom(values: readonly string[], pod: Pod): Promise<Record<string, ContainerLogs>> {
  const logs: Record<string, ContainerLogs> = {};
  const known = new Set(
    [
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.containers ?? []),
      ...(pod.spec?.ephemeralContainers ?? []),
    ].map((c) => c.name ?? ''),
  );
  for (const value of values) {
    const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)=(.+)$/.exec(value);
    const container = match && known.has(match[1]!) ? match[1]! : firstMainContainer(pod);
    const file = match && known.has(match[1]!) ? match[3]! : value;
    if (!container)
      throw new CliError(`--logs-file ${value}: the pod has no container to attach the log to.`);
    const text = await readText(file);
    // One saved log stands for both runs: the detectors read the crashed run's log as `previous`.
    logs[container] = { current: text, previous: text };
  }
  return logs;
}

async function offlineInput(
  values: { 'pod-file'?: string; 'events-file'?: string; 'logs-file': string[]; 'node-file'?: string },
  name: string | undefined,
): Promise<Omit<DiagnoseInput, 'nowMs'>> {
  const podFile = values['pod-file']!;
  const { pod, events: listEvents } = podFrom(
    parseStructured(await readText(podFile), podFile),
    podFile,
    name,
  );
  const eventsFile = values['events-file'];
  const events = eventsFile
    ? eventsFrom(parseStructured(await readText(eventsFile), eventsFile), eventsFile)
    : [];
  const nodeFile = values['node-file'];
  const node = nodeFile ? (parseStructured(await readText(nodeFile), nodeFile) as KubeNode) : undefined;
  return {
    pod,
    events: [...listEvents, ...events],
    logs: await logsFrom(values['logs-file'], pod),
    ...(node ? { node } : {}),
  };
}

async function clusterInput(
  name: string,
  values: { namespace?: string; kubeconfig?: string; context?: string },
): Promise<{ input: Omit<DiagnoseInput, 'nowMs'>; gaps: string[] }> {
  const session = await connectCluster(values);
  const cluster = await loadCluster();
  const namespace = values.namespace ?? session.namespace;
  try {
    const { gaps, ...input } = await cluster.gatherEvidence(session, namespace, name);
    return { input, gaps };
  } catch (error) {
    throw new CliError(session.fault(error, { action: `get pod ${name}`, namespace }).message);
  }
}

function render(explanation: Explanation, format: string, color: boolean, gaps: readonly string[]): string {
  if (format === 'json')
    return JSON.stringify(explanationJson(explanation, gaps.length > 0 ? { gaps } : {}), null, 2);
  if (format === 'html') return explanationHtml(explanation);
  return explanationText(explanation, { color, notes: gaps.map((g) => `evidence incomplete: ${g}`) });
}

export const command: CliCommand = {
  async run(argv) {
    const { values, positionals } = parseFlags(argv, {
      namespace: { type: 'string', short: 'n' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'pod-file': { type: 'string' },
      'events-file': { type: 'string' },
      'logs-file': { type: 'string', multiple: true, default: [] },
      'node-file': { type: 'string' },
      now: { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    });
    if (values.help) {
      writeOut(HELP);
      return 0;
    }
    const format = formatFlag('explain', values.format, ['text', 'json', 'html'] as const);
    if (positionals.length > 1)
      throw new CliError(
        `Explain one pod at a time; got ${positionals.length} names (${positionals.join(', ')}).`,
      );
    const name = positionals[0];
    const offline = values['pod-file'] !== undefined;
    if (
      !offline &&
      (values['events-file'] !== undefined ||
        values['logs-file'].length > 0 ||
        values['node-file'] !== undefined)
    ) {
      throw new CliError(
        '--events-file, --logs-file and --node-file go with --pod-file; against a cluster they are read from the API.',
      );
    }
    if (!offline && name === undefined) {
      throw new CliError(
        'Name the pod to explain (pod-doctor explain NAME -n NAMESPACE), or give a saved pod with --pod-file pod.json.',
      );
    }
    let nowMs = Date.now();
    if (values.now !== undefined) {
      nowMs = Date.parse(values.now);
      if (Number.isNaN(nowMs))
        throw new CliError(
          `--now expects an RFC 3339 time such as 2026-11-23T12:00:00Z, got "${values.now}".`,
        );
    }
    let explanation: Explanation;
    let gaps: string[] = [];
    if (offline) {
      try {
        explanation = explainPod({ ...(await offlineInput(values, name)), nowMs });
      } catch (error) {
        // The API server guarantees field types; a hand-edited file does not.
        if (error instanceof CliError) throw error;
        const files = [values['pod-file'], values['events-file'], values['node-file']].filter(
          (f) => f !== undefined,
        );
        throw new CliError(
          `${files.map((f) => `"${f}"`).join(' or ')} hold${files.length === 1 ? 's' : ''} fields of types kubectl never writes, so the pod cannot be explained; save it again with \`kubectl get pod NAME -o json\` (and events with \`kubectl get events -o json\`).`,
        );
      }
    } else {
      const gathered = await clusterInput(name!, values);
      gaps = gathered.gaps;
      explanation = explainPod({ ...gathered.input, nowMs });
    }
    const color =
      format === 'text' &&
      !values['no-color'] &&
      process.stdout.isTTY === true &&
      process.env['NO_COLOR'] === undefined;
    writeOut(render(explanation, format, color, gaps));
    return explanationExitCode(explanation);
  },
};
