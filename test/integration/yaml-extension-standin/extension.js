// A stand-in for the Kubernetes extension (ms-kubernetes-tools.vscode-kubernetes-tools) in the
// integration tests. Like the real one, activate() returns an API broker whose get(component,
// version) answers { available, api } (npm vscode-kubernetes-tools-api 1.3); it implements only
// what Pod Doctor uses. `standIn` lets a test make the node objects the Cluster Explorer would pass
// to a context-menu command.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- VS Code loads a plain-JS extension as CommonJS. */
const vscode = require('vscode');
const os = require('node:os');
const path = require('node:path');

/** The Cluster Explorer's own node objects are opaque to other extensions; these are too. */
class ResourceNode {
  constructor(kind, namespace, name) {
    this.kind = kind;
    this.namespace = namespace;
    this.name = name;
  }
}

const KINDS = {
  pod: { manifestKind: 'Pod', abbreviation: 'pod' },
  namespace: { manifestKind: 'Namespace', abbreviation: 'ns' },
  deployment: { manifestKind: 'Deployment', abbreviation: 'deployment' },
};

function kubeconfigPath() {
  const settings = vscode.workspace.getConfiguration().get('vs-kubernetes') || {};
  const configured = settings['vs-kubernetes.kubeconfig'];
  if (configured) return { pathType: 'host', hostPath: configured };
  const env = process.env.KUBECONFIG;
  if (env) return { pathType: 'host', hostPath: env.split(path.delimiter)[0] };
  return { pathType: 'host', hostPath: path.join(os.homedir(), '.kube', 'config') };
}

function activate(context) {
  const contextChanged = new vscode.EventEmitter();
  const kubeconfigChanged = new vscode.EventEmitter();
  const namespaceChanged = new vscode.EventEmitter();
  context.subscriptions.push(contextChanged, kubeconfigChanged, namespaceChanged);

  const clusterExplorerV1 = {
    resolveCommandTarget(target) {
      if (!(target instanceof ResourceNode)) return undefined;
      return {
        nodeType: 'resource',
        namespace: target.kind === 'namespace' ? null : target.namespace,
        name: target.name,
        resourceKind: KINDS[target.kind],
        metadata: { namespace: target.namespace, name: target.name },
      };
    },
    registerNodeContributor() {},
    registerNodeUICustomizer() {},
    nodeSources: {},
    refresh() {},
  };
  const configurationV1_1 = {
    getKubeconfigPath: kubeconfigPath,
    onDidChangeKubeconfigPath: kubeconfigChanged.event,
    onDidChangeContext: contextChanged.event,
    onDidChangeNamespace: namespaceChanged.event,
  };
  const apis = {
    'clusterexplorer/v1': clusterExplorerV1,
    'configuration/v1_1': configurationV1_1,
  };
  return {
    get(component, version) {
      const api = apis[`${component}/${version}`];
      return api ? { available: true, api } : { available: false, reason: 'version-unknown' };
    },
    standIn: {
      node: (kind, namespace, name) => new ResourceNode(kind, namespace, name),
      switchContext: (name) => contextChanged.fire(name),
    },
  };
}

module.exports = { activate, deactivate() {} };
