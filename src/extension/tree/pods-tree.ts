import * as vscode from 'vscode';
import type { Pod } from '../../core/k8s';
import type { PhaseColor } from '../../core/status';
import type { ClusterState, ClusterSession } from '../cluster/state';
import type { Ctx } from '../ctx';
import { podTooltip } from './tooltip';
import { worstGroupLine } from '../../core/render/triage';
import { ownersOf } from '../../core/triage-owners';
import type { TreeUsage } from './tree-usage';
import { containerUsage, usageSummary } from '../../core/usage';
import {
  countDescription,
  GROUP_THRESHOLD,
  groupByWorkload,
  HealthMemo,
  inWorkload,
  LISTING_REFRESH_MS,
  matchesFilter,
  podDescription,
  podIcon,
  podRows,
  workloadLabel,
  WorkloadIndex,
  type ContextNode,
  type MessageNode,
  type NamespaceNode,
  type PodFilter,
  type PodNode,
  type PodsNode,
  type WorkloadGroup,
  type WorkloadNode,
} from './model';

type PodCache = ReturnType<ClusterSession['podCache']>;
type Fault = NonNullable<PodCache['error']>;

const THEME_COLOR: Record<PhaseColor, string> = {
  green: 'podDoctor.phase.running',
  yellow: 'podDoctor.phase.pending',
  blue: 'podDoctor.phase.succeeded',
  red: 'podDoctor.phase.failed',
  gray: 'podDoctor.phase.unknown',
};

export const POD_URI_SCHEME = 'pod-doctor-pod';

/** How long the tree waits for a namespace's first list before showing "Loading…" and updating later. */
const FIRST_LIST_WAIT_MS = 1_500;
/** Coalesces watch events into one tree refresh; well under the 100 ms target. */
const REFRESH_DELAY_MS = 30;

/**
 * Contexts → namespaces → pods. Each expanded namespace subscribes to the session's shared watch
 * cache (one watch per namespace, or one for all namespaces); collapsing it lets the watch go.
 */
export class PodsTreeProvider implements vscode.TreeDataProvider<PodsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PodsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions = new Map<string, { dispose(): void }>();
  private readonly caches = new Map<string, PodCache>();
  /** Per watched cache (same keys as `caches`), its namespaces' counts and workload groups. */
  private readonly indexes = new Map<string, WorkloadIndex>();
  private readonly namespaceNodes = new Map<string, NamespaceNode>();
  private readonly podNodes = new Map<string, PodNode>();
  private readonly workloadNodes = new Map<string, WorkloadNode>();
  /** Whether each pod is unhealthy, for workload counts under a text filter. */
  private readonly health = new HealthMemo();
  private readonly pending = new Set<PodsNode | undefined>();
  private timer: NodeJS.Timeout | undefined;
  filter: PodFilter = { text: '', onlyUnhealthy: false };
  /** Last render time per namespace key, for the tree benchmark and tests. */
  readonly renderedAt = new Map<string, number>();

  constructor(
    private readonly ctx: Ctx,
    private readonly state: ClusterState,
  ) {
    ctx.push(this);
    ctx.push(state.onDidChange(() => this.resetAll()));
  }

  refresh(node?: PodsNode): void {
    this.pending.add(node);
    if (this.timer) return;
    const fire = () => {
      this.timer = undefined;
      const nodes = [...this.pending];
      this.pending.clear();
      if (nodes.includes(undefined)) this.changed.fire(undefined);
      else for (const n of nodes) this.changed.fire(n);
    };
    // The counts catch up with the watch first, so that the rows VS Code reads again show them.
    this.timer = setTimeout(() => void this.catchUp().then(fire, fire), REFRESH_DELAY_MS);
  }

  private catchUp(): Promise<unknown> {
    return Promise.all([...this.caches.keys()].map((key) => this.countsUpToDate(key)));
  }

  /**
   * Brings a watched cache's index up to date with what the cache holds: the changes the cache has
   * not handed out yet (they go to the index through the subscription), then those queued.
   */
  private async countsUpToDate(key: string): Promise<void> {
    this.caches.get(key)?.flush();
    await this.indexes.get(key)?.catchUp();
  }

  /** Stops every watch and redraws from scratch (context, namespace or kubeconfig changed). */
  resetAll(): void {
    for (const s of this.subscriptions.values()) s.dispose();
    this.subscriptions.clear();
    this.caches.clear();
    this.indexes.clear();
    this.namespaceNodes.clear();
    this.podNodes.clear();
    this.workloadNodes.clear();
    this.refresh(undefined);
  }

  /** Forces a relist of every watched namespace (the Refresh button). */
  async relist(): Promise<void> {
    this.state.reload();
  }

  /**
   * A namespace row's tooltip names its worst group ("220 pods keep crashing (checkout, orders)"):
   * computed on hover only, from the pods the row's watch cache already holds.
   */
  async resolveTreeItem(item: vscode.TreeItem, node: PodsNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'namespace') return item;
    const cache = this.cacheFor(node);
    if (!cache) return item;
    const pods = cache.listNamespace(node.namespace);
    const { triage } = await this.state.module();
    const worst = worstGroupLine(triage({ pods, owners: ownersOf(pods), nowMs: Date.now() }));
    item.tooltip = `Namespace ${node.namespace}${worst ? `\n${worst}` : '\nNo unhealthy pods'}`;
    return item;
  }

  getTreeItem(node: PodsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'context': {
        const item = new vscode.TreeItem(
          node.context,
          node.current ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = `ctx:${node.context}`;
        item.description = node.current ? `current · ${node.server}` : node.server;
        const listing = this.caches.get(`${node.context}/*`);
        if (listing && !listing.synced && listing.state === 'listing')
          item.description += ` · listing… ${listing.size} pods so far`;
        item.iconPath = new vscode.ThemeIcon(node.current ? 'server-environment' : 'server');
        item.contextValue = node.current ? 'context.current' : 'context';
        item.tooltip = `Context ${node.context}\nServer ${node.server || '(none)'}`;
        return item;
      }
      case 'namespace': {
        const item = new vscode.TreeItem(
          node.namespace,
          node.expanded
            ? vscode.TreeItemCollapsibleState.Expanded
            : vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = `ns:${node.context}/${node.namespace}`;
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        item.contextValue = 'namespace';
        const counts = this.indexes.get(this.cacheKey(node))?.counts(node.namespace);
        if (counts) item.description = countDescription(counts.pods, counts.unhealthy);
        return item;
      }
      case 'workload': {
        const item = new vscode.TreeItem(workloadLabel(node), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `wl:${node.context}/${node.namespace}/${node.workloadKind}/${node.name}`;
        item.description = countDescription(node.pods, node.unhealthy);
        item.iconPath = new vscode.ThemeIcon(
          node.unhealthy > 0 ? 'warning' : 'layers',
          node.unhealthy > 0 ? new vscode.ThemeColor(THEME_COLOR.red) : undefined,
        );
        item.contextValue = 'workload';
        item.tooltip = `${workloadLabel(node)} in ${node.namespace}: ${countDescription(node.pods, node.unhealthy)}`;
        return item;
      }
      case 'pod': {
        const { row } = node;
        const item = new vscode.TreeItem(row.name, vscode.TreeItemCollapsibleState.None);
        item.id = `pod:${node.context}/${row.namespace}/${row.name}`;
        const metrics = this.usage?.of(node.context, row.namespace, row.name);
        const usage = metrics ? usageSummary(containerUsage(node.pod, metrics)) : undefined;
        item.description =
          usage && vscode.workspace.getConfiguration('podDoctor').get<boolean>('pods.showUsage', false)
            ? `${podDescription(row)}  ${usage}`
            : podDescription(row);
        const icon = podIcon(row);
        item.iconPath = new vscode.ThemeIcon(icon.icon, new vscode.ThemeColor(THEME_COLOR[icon.color]));
        item.resourceUri = podUri(
          node.context,
          row.namespace,
          row.name,
          row.problem ? row.status : undefined,
        );
        item.tooltip = podTooltip(
          node.pod,
          row,
          usage ?? (this.usage?.isUnavailable(node.context) ? 'metrics not available' : undefined),
        );
        item.contextValue = hasPreviousRun(node.pod) ? 'pod.restarted' : 'pod';
        item.command = { command: 'podDoctor.explainPod', title: 'Explain Pod', arguments: [node] };
        item.accessibilityInformation = {
          label: `${row.name}, ${row.status}, ready ${row.ready}, restarts ${row.restarts}, age ${row.age}`,
        };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(
          node.icon,
          node.icon === 'error' ? new vscode.ThemeColor('errorForeground') : undefined,
        );
        if (node.detail) item.tooltip = node.detail;
        if (node.command) item.command = { ...node.command, arguments: [...(node.command.arguments ?? [])] };
        item.contextValue = 'message';
        return item;
      }
    }
  }

  async getChildren(node?: PodsNode): Promise<PodsNode[]> {
    try {
      if (!node) return await this.contexts();
      if (node.kind === 'context') return await this.namespaces(node);
      if (node.kind === 'namespace') return await this.pods(node);
      if (node.kind === 'workload') return await this.workloadPods(node);
      return [];
    } catch (error) {
      return [this.errorNode(error, node?.kind === 'context' ? node.context : undefined)];
    }
  }

  private async contexts(): Promise<PodsNode[]> {
    const loaded = await this.state.kubeconfig();
    const hasConfig = loaded.sources.length > 0 && loaded.contexts.length > 0;
    void vscode.commands.executeCommand('setContext', 'podDoctor.noKubeconfig', !hasConfig);
    if (!hasConfig) return [];
    const current = await this.state.contextName();
    return loaded.contexts.map((c): ContextNode => ({
      kind: 'context',
      context: c.name,
      server: c.server,
      current: c.name === current,
    }));
  }

  private async namespaces(node: ContextNode): Promise<PodsNode[]> {
    const session = await this.state.session(node.context);
    if (!session) return [];
    const chosen = await this.state.namespace(node.context);
    if (this.state.allNamespaces && node.current) {
      const cache = session.podCache(undefined);
      this.watch(`${node.context}/*`, cache, node);
      // The first list page is enough to show rows; the rest arrive as the list streams in.
      const fault = await this.firstSync(cache, true);
      if (fault) return [this.faultNode(fault)];
      const names = cache.namespaces();
      if (names.length === 0 && !cache.synced)
        return [{ kind: 'message', text: 'Loading pods…', icon: 'loading~spin' }];
      // Counting the pods that changed for the namespace rows, a bounded number per task.
      await this.countsUpToDate(`${node.context}/*`);
      return names.map((ns) => this.namespaceNode(node.context, ns, true, true));
    }
    let names: string[];
    const messages: MessageNode[] = [];
    try {
      names = await session.listNamespaces();
    } catch (error) {
      const fault = session.fault(error, { action: 'list namespaces' });
      if (fault.kind !== 'forbidden') return [this.faultNode(fault)];
      // Not allowed to list namespaces: show the context's namespace and say why the others are missing.
      names = [chosen];
      messages.push({
        kind: 'message',
        text: 'Other namespaces are hidden',
        detail: fault.message,
        icon: 'lock',
      });
    }
    if (!names.includes(chosen)) names.unshift(chosen);
    return [
      ...names.map((ns) => this.namespaceNode(node.context, ns, false, node.current && ns === chosen)),
      ...messages,
    ];
  }

  private namespaceNode(
    context: string,
    namespace: string,
    fromAll: boolean,
    expanded: boolean,
  ): NamespaceNode {
    const key = `${context}/${namespace}/${fromAll}`;
    let node = this.namespaceNodes.get(key);
    if (!node) {
      node = { kind: 'namespace', context, namespace, fromAll, expanded };
      this.namespaceNodes.set(key, node);
    }
    return node;
  }

  private async pods(node: NamespaceNode): Promise<PodsNode[]> {
    const session = await this.state.session(node.context);
    if (!session) return [];
    const cache = session.podCache(node.fromAll ? undefined : node.namespace);
    if (!node.fromAll) this.watch(`${node.context}/${node.namespace}`, cache, node);
    const fault = await this.firstSync(cache, node.fromAll);
    if (fault) return [this.faultNode(fault)];
    if (!cache.synced && cache.size === 0)
      return [{ kind: 'message', text: 'Loading pods…', icon: 'loading~spin' }];
    // The namespace row's counts and the workload groups.
    await this.countsUpToDate(this.cacheKey(node));
    // A watch that lost its connection keeps the last known pods; say so above them.
    const stale = cache.error ? this.faultNode(cache.error) : undefined;
    if (cache.namespaceSize(node.namespace) > GROUP_THRESHOLD) {
      const groups = await this.workloads(node, cache);
      this.renderedAt.set(`${node.context}/${node.namespace}`, Date.now());
      return stale ? [stale, ...groups] : groups;
    }
    const nodes = this.podList(node.context, cache.listNamespace(node.namespace));
    this.renderedAt.set(`${node.context}/${node.namespace}`, Date.now());
    if (nodes.length === 0) {
      const filtered = this.filter.text !== '' || this.filter.onlyUnhealthy;
      nodes.push({ kind: 'message', text: filtered ? 'No pods match the filter' : 'No pods', icon: 'info' });
    }
    return stale ? [stale, ...nodes] : nodes;
  }

  /** Pod rows that pass the filter, by name. */
  private podList(context: string, pods: readonly Pod[]): PodsNode[] {
    const now = Date.now();
    const nodes: PodNode[] = [];
    for (const pod of pods) {
      const podNode = this.podNode(context, pod, now);
      if (matchesFilter(podNode.row, this.filter)) nodes.push(podNode);
    }
    return nodes.sort((a, b) => (a.row.name < b.row.name ? -1 : 1));
  }

  /**
   * A large namespace's workloads, unhealthy ones first, with their counts (filtered pods only):
   * from the index, or under a text filter counted again from the namespace's pods.
   */
  private async workloads(node: NamespaceNode, cache: PodCache): Promise<PodsNode[]> {
    const { text, onlyUnhealthy } = this.filter;
    const index = this.indexes.get(this.cacheKey(node));
    let groups: WorkloadGroup[];
    if (index && !text) {
      groups = index.groups(node.namespace, onlyUnhealthy);
    } else {
      const pods = cache.listNamespace(node.namespace);
      await this.health.warm(pods);
      const needle = text.toLowerCase();
      const keep = (pod: Pod): boolean =>
        (!onlyUnhealthy || this.health.unhealthy(pod)) &&
        (!needle ||
          [pod.metadata?.name, pod.metadata?.namespace, pod.spec?.nodeName].some((s) =>
            (s ?? '').toLowerCase().includes(needle),
          ));
      groups = groupByWorkload(pods, this.health.unhealthy, keep);
    }
    return groups.map((group) => {
      const key = `${node.context}/${node.namespace}/${node.fromAll}/${group.kind}/${group.name}`;
      let workload = this.workloadNodes.get(key);
      if (!workload) {
        workload = {
          kind: 'workload',
          context: node.context,
          namespace: node.namespace,
          fromAll: node.fromAll,
          workloadKind: group.kind,
          name: group.name,
          pods: 0,
          unhealthy: 0,
        };
        this.workloadNodes.set(key, workload);
      }
      workload.pods = group.pods;
      workload.unhealthy = group.unhealthy;
      return workload;
    });
  }

  private async workloadPods(node: WorkloadNode): Promise<PodsNode[]> {
    const session = await this.state.session(node.context);
    if (!session) return [];
    const cache = session.podCache(node.fromAll ? undefined : node.namespace);
    const pods = cache.listNamespace(node.namespace).filter((pod) => inWorkload(pod, node));
    const nodes = this.podList(node.context, pods);
    return nodes.length > 0 ? nodes : [{ kind: 'message', text: 'No pods match the filter', icon: 'info' }];
  }

  private podNode(context: string, pod: Pod, now: number): PodNode {
    const [row] = podRows([pod], now);
    const key = `${context}/${pod.metadata?.namespace}/${pod.metadata?.name}`;
    let node = this.podNodes.get(key);
    if (node) {
      node.pod = pod;
      node.row = row!;
    } else {
      node = { kind: 'pod', context, pod, row: row! };
      this.podNodes.set(key, node);
    }
    return node;
  }

  /** Subscribes a tree node to a cache once; watch events refresh that node's subtree. */
  private watch(key: string, cache: PodCache, node: PodsNode): void {
    if (this.subscriptions.has(key)) return;
    this.caches.set(key, cache);
    const index = new WorkloadIndex();
    this.indexes.set(key, index);
    // The cache may already hold pods (another subscriber's); its events say what changes after.
    index.update(cache.list(), []);
    const subscription = cache.subscribe((event) => {
      if (event.type === 'change') index.update(event.changed, event.deleted);
      if (event.type === 'state') {
        if (event.error) this.ctx.output.warn(event.error.message);
        this.refresh(node);
      } else {
        // While the first list streams in, every pod is new: redraw the context (its count of pods
        // listed so far, and its namespaces) now and then rather than per page.
        if (!cache.synced && node.kind === 'context') {
          this.refreshWhileListing(node);
          return;
        }
        for (const changed of this.nodesToRefresh(node, event.changed, event.deleted)) this.refresh(changed);
      }
    });
    this.subscriptions.set(key, subscription);
  }

  /**
   * The smallest subtrees that a batch of watch events changes. A pod whose row stays in its list
   * refreshes alone (cheap however large its namespace); an added, deleted, newly hidden or newly
   * unhealthy pod refreshes its namespace (list and description); a new or emptied namespace
   * refreshes the watched node itself.
   */
  private nodesToRefresh(watched: PodsNode, changed: readonly Pod[], deleted: readonly Pod[]): Set<PodsNode> {
    const out = new Set<PodsNode>();
    if (watched.kind !== 'context' && watched.kind !== 'namespace') return new Set([watched]);
    const context = watched.context;
    const fromAll = watched.kind === 'context';
    const namespaceOf = (pod: Pod): PodsNode | undefined => {
      const namespace = pod.metadata?.namespace ?? '';
      if (!fromAll)
        return watched.kind === 'namespace' && watched.namespace === namespace ? watched : undefined;
      return this.namespaceNodes.get(`${context}/${namespace}/true`);
    };
    const now = Date.now();
    for (const pod of deleted) out.add(namespaceOf(pod) ?? watched);
    for (const pod of changed) {
      const parent = namespaceOf(pod);
      if (!parent) {
        if (fromAll) out.add(watched);
        continue;
      }
      const node = this.podNodes.get(`${context}/${pod.metadata?.namespace}/${pod.metadata?.name}`);
      if (!node) {
        out.add(parent);
        continue;
      }
      const before = node.row;
      const [row] = podRows([pod], now);
      node.pod = pod;
      node.row = row!;
      const unhealthy = matchesFilter(row!, { text: '', onlyUnhealthy: true });
      if (
        matchesFilter(before, this.filter) !== matchesFilter(row!, this.filter) ||
        matchesFilter(before, { text: '', onlyUnhealthy: true }) !== unhealthy
      ) {
        out.add(parent);
      } else {
        out.add(node);
      }
    }
    return out;
  }

  private listingTimer: NodeJS.Timeout | undefined;

  private refreshWhileListing(node: PodsNode): void {
    if (this.listingTimer) return;
    this.listingTimer = setTimeout(() => {
      this.listingTimer = undefined;
      this.refresh(node);
    }, LISTING_REFRESH_MS);
  }

  /** The namespaces watched now (undefined: all namespaces), for the usage poller. */
  watchedNamespaces(): Array<{ context: string; namespace: string | undefined }> {
    return [...this.caches.keys()].map((key) => {
      const slash = key.lastIndexOf('/');
      const namespace = key.slice(slash + 1);
      return { context: key.slice(0, slash), namespace: namespace === '*' ? undefined : namespace };
    });
  }

  /** Usage from metrics.k8s.io for tooltips and the optional usage column; set by registerPodsTree. */
  usage: TreeUsage | undefined;

  /** Stops the watch of a collapsed namespace. */
  collapsed(node: PodsNode): void {
    if (node.kind === 'namespace') {
      node.expanded = false;
      if (!node.fromAll) {
        const key = `${node.context}/${node.namespace}`;
        this.subscriptions.get(key)?.dispose();
        this.subscriptions.delete(key);
        this.caches.delete(key);
        this.indexes.delete(key);
      }
    }
  }

  expandedNode(node: PodsNode): void {
    if (node.kind === 'namespace') node.expanded = true;
  }

  /** Waits for the list (or, `firstPage`, for its first page) up to a moment; the fault if it failed. */
  private async firstSync(cache: PodCache, firstPage = false): Promise<Fault | undefined> {
    if (cache.synced) return cache.error && cache.size === 0 ? cache.error : undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        firstPage ? cache.waitForData() : cache.waitForSync(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, FIRST_LIST_WAIT_MS);
        }),
      ]);
      return undefined;
    } catch (fault) {
      return fault as Fault;
    } finally {
      clearTimeout(timer);
    }
  }

  private cacheFor(node: NamespaceNode): PodCache | undefined {
    return this.caches.get(this.cacheKey(node));
  }

  /** The key of the watch a namespace row's pods come from, in `caches` and `indexes`. */
  private cacheKey(node: NamespaceNode): string {
    return node.fromAll ? `${node.context}/*` : `${node.context}/${node.namespace}`;
  }

  private faultNode(fault: Fault): MessageNode {
    const action: Record<string, MessageNode['command']> = {
      unauthorized: { command: 'podDoctor.refreshPods', title: 'Retry after refreshing credentials' },
      forbidden: { command: 'podDoctor.switchNamespace', title: 'Switch Namespace' },
      unreachable: { command: 'podDoctor.refreshPods', title: 'Retry' },
      timeout: { command: 'podDoctor.refreshPods', title: 'Retry' },
      tls: { command: 'podDoctor.switchContext', title: 'Switch Context' },
    };
    const command = action[fault.kind];
    return {
      kind: 'message',
      text: firstSentence(fault.message),
      detail: `${fault.message}${command ? `\n\nClick to ${command.title.toLowerCase()}.` : ''}`,
      icon: fault.kind === 'forbidden' ? 'lock' : 'error',
      ...(command ? { command } : {}),
    };
  }

  private errorNode(error: unknown, context: string | undefined): MessageNode {
    const message = error instanceof Error ? error.message : String(error);
    this.ctx.output.error(`Pods tree${context ? ` (${context})` : ''}: ${message}`);
    return {
      kind: 'message',
      text: firstSentence(message),
      detail: message,
      icon: 'error',
      command: { command: 'podDoctor.refreshPods', title: 'Retry' },
    };
  }

  /**
   * The pods of a namespace from a watch the tree already holds (that namespace's, or all
   * namespaces'), or undefined when the tree does not watch it: callers never start a watch.
   */
  watchedPods(context: string, namespace: string): Pod[] | undefined {
    const cache = this.caches.get(`${context}/${namespace}`) ?? this.caches.get(`${context}/*`);
    if (!cache?.synced) return undefined;
    return cache.listNamespace(namespace);
  }

  /** Every pod the tree currently knows, for the "Explain Pod…" quick pick. */
  knownPods(): PodNode[] {
    return [...this.podNodes.values()];
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.listingTimer);
    for (const s of this.subscriptions.values()) s.dispose();
    this.subscriptions.clear();
    this.changed.dispose();
  }
}

/** The part of a fault message before its first `. ` or `: `, as the row's label. */
function firstSentence(text: string): string {
  const match = /^(.+?)([.:])(\s|$)/.exec(text);
  const sentence = match ? `${match[1]}${match[2] === '.' ? '.' : ''}` : text;
  return sentence.length > 120 ? `${sentence.slice(0, 117)}…` : sentence;
}

function hasPreviousRun(pod: Pod): boolean {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  return statuses.some((s) => (s.restartCount ?? 0) > 0 || s.lastState?.terminated !== undefined);
}

/** A URI per pod so that a FileDecorationProvider can badge the ones with a problem. */
export function podUri(
  context: string,
  namespace: string,
  name: string,
  problem: string | undefined,
): vscode.Uri {
  return vscode.Uri.from({
    scheme: POD_URI_SCHEME,
    path: `/${encodeURIComponent(context)}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    ...(problem ? { query: `problem=${encodeURIComponent(problem)}` } : {}),
  });
}

/** Badges pods whose STATUS is a failure while their phase says otherwise (CrashLoopBackOff under Running). */
export class PodProblemDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== POD_URI_SCHEME) return undefined;
    const problem = new URLSearchParams(uri.query).get('problem');
    if (!problem) return undefined;
    return new vscode.FileDecoration('!', problem, new vscode.ThemeColor('podDoctor.problem'));
  }
}
