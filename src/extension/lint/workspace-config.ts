import { basename, dirname, relative } from 'node:path';
import * as vscode from 'vscode';
import {
  CONFIG_FILE_NAME,
  effectiveRules,
  isIgnored,
  matchesGlob,
  renderConfigSchema,
  type RuleLevels,
} from '../../core/config';
import { defaultRegistry } from '../../core/lint/rules';
import type { LintOptions } from '../../core/lint/types';
import { parseManifests } from '../../core/manifest/parse';
import type { Path } from '../../core/manifest/types';
import {
  ConfigFileError,
  configRelativePath,
  findConfigFile,
  parseConfigText,
  readConfigFile,
  type LoadedConfig,
} from '../../node/config-file';
import { chartOfTemplateSync } from '../../node/helm';
import type { Ctx } from '../ctx';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

/** Rules that Red Hat's YAML extension also reports when a Kubernetes schema applies. */
const YAML_EXTENSION_RULES = ['schema-type', 'schema-required'] as const;
const YAML_EXTENSION_ID = 'redhat.vscode-yaml';
const KUBERNETES_EXTENSION_ID = 'ms-kubernetes-tools.vscode-kubernetes-tools';

/** What linting a document takes from `.pod-doctor.yaml` and the settings. */
export interface DocumentLintOptions extends LintOptions {
  readonly rules: RuleLevels;
  /** The config's `ignore` globs exclude the file: it is not linted. */
  readonly ignored: boolean;
}

/**
 * `.pod-doctor.yaml` in the editor, read as the CLI reads it: the nearest one above a file, up to its
 * workspace folder or repository root. Configs are cached and dropped when a config file is
 * created, changed or deleted (`onDidChange` then fires, so that diagnostics are published again).
 */
export class WorkspaceConfigs {
  private readonly byDir = new Map<string, LoadedConfig | undefined>();
  /** Charts helm renders: their templates are not linted as plain YAML. */
  private readonly renderedCharts = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    ctx.push(this.changed);
    const watcher = ctx.push(vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`));
    const reload = (): void => {
      this.byDir.clear();
      this.changed.fire();
    };
    ctx.push(watcher.onDidCreate(reload));
    ctx.push(watcher.onDidChange(reload));
    ctx.push(watcher.onDidDelete(reload));
    // Saving in the editor is seen at once, also where the file watcher is slow or off.
    ctx.push(
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (basename(document.uri.fsPath) === CONFIG_FILE_NAME) reload();
      }),
    );
  }

  /** Records whether helm renders `chart`; its templates' plain-YAML lint follows. */
  setRenderedChart(chart: string, rendered: boolean): void {
    if (this.renderedCharts.has(chart) === rendered) return;
    if (rendered) this.renderedCharts.add(chart);
    else this.renderedCharts.delete(chart);
    this.changed.fire();
  }

  /** The config that applies to a file on disk, or undefined (none, or not a local file). */
  configFor(uri: vscode.Uri): LoadedConfig | undefined {
    if (uri.scheme !== 'file') return undefined;
    const dir = dirname(uri.fsPath);
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const stops = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    let loaded: LoadedConfig | undefined;
    try {
      const file = findConfigFile(dir, stops);
      loaded = file === undefined ? undefined : readConfigFile(file);
    } catch (error) {
      if (!(error instanceof ConfigFileError)) throw error;
      this.ctx.output.warn(error.message);
    }
    this.byDir.set(dir, loaded);
    return loaded;
  }

  /**
   * The lint options of a document, by the same precedence as the CLI: rule defaults, the config
   * file and its overrides, then `podDoctor.lint.rules`; `podDoctor.lint.schema` last.
   */
  optionsFor(document: vscode.TextDocument, editorRules: RuleLevels): DocumentLintOptions {
    const loaded = this.configFor(document.uri);
    const relativePath = loaded ? configRelativePath(loaded, document.uri.fsPath) : undefined;
    const schema = schemaRules(document);
    const rules = effectiveRules({
      config: loaded?.config,
      relativePath,
      editor: { ...schema.unlessConfigured, ...editorRules },
      cli: schema.forced,
    });
    return {
      rules,
      kubernetesVersion: loaded?.config.kubernetesVersion,
      ignored:
        (loaded !== undefined && relativePath !== undefined && isIgnored(loaded.config, relativePath)) ||
        this.isRenderedTemplate(document.uri),
    };
  }

  private isRenderedTemplate(uri: vscode.Uri): boolean {
    if (this.renderedCharts.size === 0 || uri.scheme !== 'file') return false;
    const chart = chartOfTemplateSync(uri.fsPath);
    return chart !== undefined && this.renderedCharts.has(chart);
  }
}

/**
 * `podDoctor.lint.schema`: `off` silences wrong-type and missing-field errors; `auto` leaves them to
 * Red Hat's YAML extension when it is active and a Kubernetes schema applies to the document (the
 * Kubernetes extension is active, or `yaml.schemas` maps the file to `kubernetes`), unless the config
 * file or `podDoctor.lint.rules` set their level; `on` always reports them.
 */
function schemaRules(document: vscode.TextDocument): { unlessConfigured: RuleLevels; forced: RuleLevels } {
  const mode = vscode.workspace
    .getConfiguration('podDoctor.lint', document.uri)
    .get<string>('schema', 'auto');
  const silenced = Object.fromEntries(YAML_EXTENSION_RULES.map((id) => [id, 'off' as const]));
  if (mode === 'off') return { unlessConfigured: {}, forced: silenced };
  if (mode === 'on' || !yamlExtensionValidates(document)) return { unlessConfigured: {}, forced: {} };
  return { unlessConfigured: silenced, forced: {} };
}

/** True when Red Hat's YAML extension is active and validates this document against Kubernetes. */
export function yamlExtensionValidates(document: vscode.TextDocument): boolean {
  if (vscode.extensions.getExtension(YAML_EXTENSION_ID)?.isActive !== true) return false;
  if (vscode.extensions.getExtension(KUBERNETES_EXTENSION_ID)?.isActive === true) return true;
  const schemas = vscode.workspace
    .getConfiguration('yaml', document.uri)
    .get<Record<string, unknown>>('schemas', {});
  const globs = schemas['kubernetes'];
  const list = typeof globs === 'string' ? [globs] : Array.isArray(globs) ? globs : [];
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const path = folder
    ? relative(folder.uri.fsPath, document.uri.fsPath).split('\\').join('/')
    : basename(document.uri.fsPath);
  return list.some((glob) => typeof glob === 'string' && matchesGlob(path, glob.replace(/^\/+/, '')));
}

/**
 * The config file's own problems as diagnostics (from the text being edited, updated as you type)
 * and hovers on its keys from its JSON schema.
 */
export function registerConfigFileSupport(ctx: Ctx): void {
  const collection = ctx.push(vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-config`));
  const isConfig = (document: vscode.TextDocument): boolean =>
    basename(document.uri.path) === CONFIG_FILE_NAME;
  const check = (document: vscode.TextDocument): void => {
    if (!isConfig(document)) return;
    const { problems } = parseConfigText(document.getText());
    collection.set(
      document.uri,
      problems.map((p) => {
        const range = new vscode.Range(p.start.line, p.start.character, p.end.line, p.end.character);
        const diagnostic = new vscode.Diagnostic(range, p.message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = 'config';
        return diagnostic;
      }),
    );
  };
  ctx.push(vscode.workspace.onDidOpenTextDocument(check));
  ctx.push(vscode.workspace.onDidChangeTextDocument((event) => check(event.document)));
  ctx.push(vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)));
  const initial = setTimeout(() => vscode.workspace.textDocuments.forEach(check), 0);
  ctx.push({ dispose: () => clearTimeout(initial) });
  ctx.push(
    vscode.languages.registerHoverProvider(
      { pattern: `**/${CONFIG_FILE_NAME}` },
      {
        provideHover(document, position) {
          const [first] = parseManifests(document.getText()).documents;
          const node = first?.nodeAt(document.offsetAt(position));
          if (!node || node.on !== 'key') return undefined;
          const description = describeConfigKey(node.path);
          return description ? new vscode.Hover(new vscode.MarkdownString(description)) : undefined;
        },
      },
    ),
  );
}

interface SchemaNode {
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly properties?: Record<string, SchemaNode>;
  readonly items?: SchemaNode;
  readonly $ref?: string;
}
let schemaRoot: (SchemaNode & { definitions: Record<string, SchemaNode> }) | undefined;

/** The schema's description of the key at `path` (the same schema the YAML extension is given). */
export function describeConfigKey(path: Path): string | undefined {
  schemaRoot ??= JSON.parse(renderConfigSchema(defaultRegistry.rules)) as SchemaNode & {
    definitions: Record<string, SchemaNode>;
  };
  const root = schemaRoot;
  const deref = (node: SchemaNode | undefined): SchemaNode | undefined =>
    node?.$ref ? { ...root.definitions[node.$ref.split('/').at(-1) ?? ''], ...node } : node;
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    node = deref(node);
    node = typeof segment === 'number' ? node?.items : node?.properties?.[segment];
    if (!node) return undefined;
  }
  node = deref(node);
  return node?.markdownDescription ?? node?.description;
}
