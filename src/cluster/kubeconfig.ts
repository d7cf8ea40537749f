import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';

export type Env = Record<string, string | undefined>;

export interface ContextInfo {
  name: string;
  cluster: string;
  /** The context's namespace, `default` when it names none (as kubectl does). */
  namespace: string;
  user: string;
  /** The API server URL of the context's cluster, empty when the cluster is missing. */
  server: string;
}

export interface LoadedKubeconfig {
  /** All files merged; its current context is the merged current-context. Never written back. */
  kubeConfig: KubeConfig;
  contexts: ContextInfo[];
  /** Empty when no file sets one. */
  currentContext: string;
  /** The files that were read, in merge order. */
  sources: string[];
  /** Problems that did not stop loading (a file that could not be parsed, a missing extra file). */
  warnings: string[];
}

export interface LoadKubeconfigOptions {
  /** Replaces `$KUBECONFIG` and `~/.kube/config`, like kubectl's `--kubeconfig`. */
  kubeconfig?: string;
  /** Extra files merged after the usual ones (the extension's `podDoctor.kubeconfig` setting). */
  files?: string[];
  /** Defaults to `process.env`; read for KUBECONFIG, HOME/USERPROFILE and PATH. */
  env?: Env;
}

/** A kubeconfig problem the user fixes (wrong context name, unreadable file); one sentence. */
export class KubeconfigError extends Error {}

/** Thrown when there is nothing to connect to; the message tells the user what to do. */
export class NoKubeconfigError extends KubeconfigError {
  constructor(
    message = 'No kubeconfig found: set KUBECONFIG or create ~/.kube/config, or try `pod-doctor demo`.',
  ) {
    super(message);
  }
}

/** The files kubectl would read, in order: `$KUBECONFIG` (path-list) or `~/.kube/config`. */
export function kubeconfigFiles(env: Env): string[] {
  const list = env.KUBECONFIG;
  if (list) return [...new Set(list.split(delimiter).filter((f) => f !== ''))];
  const home = env.HOME ?? env.USERPROFILE;
  return home ? [join(home, '.kube', 'config')] : [];
}

/** Directories where cloud login helpers (gcloud, aws, kubelogin, …) usually live. */
const COMMON_BIN_DIRS = [
  '/usr/local/bin',
  '/opt/homebrew/bin',
  '/usr/bin',
  '/bin',
  '/usr/sbin',
  '/sbin',
  '/snap/bin',
];

/**
 * PATH for exec credential plugins: an editor started from a desktop launcher often has a bare
 * PATH, so the usual install locations are appended.
 */
export function execPluginPath(env: Env): string {
  const home = env.HOME ?? env.USERPROFILE;
  const extra = [
    ...COMMON_BIN_DIRS,
    ...(home ? [join(home, '.local', 'bin'), join(home, 'bin'), join(home, 'google-cloud-sdk', 'bin')] : []),
  ];
  const current = (env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  return [...current, ...extra.filter((d) => !current.includes(d))].join(delimiter);
}

interface ExecConfig {
  command?: string;
  env?: Array<{ name: string; value: string }> | null;
  [key: string]: unknown;
}

/** One file read as client-node reads it, with paths made absolute and broken entries dropped. */
function readFile(file: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file, { onInvalidEntry: 'filter' });
  const dir = dirname(file);
  for (const user of kc.users) {
    const exec = user.exec as ExecConfig | null | undefined;
    // kubectl resolves a relative exec command against the file's folder only when it is a path.
    if (exec?.command && exec.command.includes('/') && !isAbsolute(exec.command)) {
      exec.command = join(dir, exec.command);
    }
  }
  return kc;
}

function withExecPath(user: User, path: string): User {
  const exec = user.exec as ExecConfig | null | undefined;
  if (!exec || exec.env?.some((e) => e.name === 'PATH')) return user;
  return { ...user, exec: { ...exec, env: [...(exec.env ?? []), { name: 'PATH', value: path }] } };
}

/**
 * Reads and merges kubeconfig files as kubectl does: the first file that defines a cluster, user
 * or context by a name wins, and so does the first non-empty current-context. Nothing is written.
 */
export function loadKubeconfig(options: LoadKubeconfigOptions = {}): LoadedKubeconfig {
  const env = options.env ?? process.env;
  const warnings: string[] = [];
  const candidates: Array<{ file: string; required: boolean }> = [];
  if (options.kubeconfig) candidates.push({ file: options.kubeconfig, required: true });
  else for (const file of kubeconfigFiles(env)) candidates.push({ file, required: false });
  for (const file of options.files ?? []) {
    if (!candidates.some((c) => c.file === file)) candidates.push({ file, required: true });
  }

  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  const sources: string[] = [];
  const execPath = execPluginPath(env);
  for (const { file, required } of candidates) {
    if (!existsSync(file)) {
      // kubectl skips missing files of $KUBECONFIG silently; a file named explicitly is an error.
      if (required) warnings.push(`The kubeconfig file ${file} does not exist.`);
      continue;
    }
    let kc: KubeConfig;
    try {
      kc = readFile(file);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      warnings.push(
        `The kubeconfig file ${file} could not be read (${reason.split('\n')[0]}); it was skipped.`,
      );
      continue;
    }
    sources.push(file);
    for (const c of kc.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.users) if (!users.has(u.name)) users.set(u.name, withExecPath(u, execPath));
    for (const c of kc.contexts) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!currentContext && kc.currentContext) currentContext = kc.currentContext;
  }

  const kubeConfig = new KubeConfig();
  kubeConfig.clusters = [...clusters.values()];
  kubeConfig.users = [...users.values()];
  kubeConfig.contexts = [...contexts.values()];
  kubeConfig.currentContext = currentContext;
  return {
    kubeConfig,
    contexts: kubeConfig.contexts.map((c) => ({
      name: c.name,
      cluster: c.cluster,
      namespace: c.namespace ?? 'default',
      user: c.user ?? '',
      server: clusters.get(c.cluster)?.server ?? '',
    })),
    currentContext,
    sources,
    warnings,
  };
}

/**
 * A KubeConfig bound to one context, leaving the merged one (and the files) untouched, so that
 * switching contexts in the editor never rewrites anyone's kubeconfig.
 */
export function kubeConfigForContext(loaded: LoadedKubeconfig, context: string): KubeConfig {
  const source = loaded.kubeConfig;
  if (!source.getContextObject(context)) {
    const known = loaded.contexts.map((c) => `"${c.name}"`).join(', ');
    throw new KubeconfigError(
      `The context "${context}" is not in your kubeconfig${known ? ` (it has ${known})` : ''}; pick one of those or fix the name.`,
    );
  }
  const kc = new KubeConfig();
  kc.clusters = source.clusters;
  kc.users = source.users;
  kc.contexts = source.contexts;
  kc.currentContext = context;
  return kc;
}
