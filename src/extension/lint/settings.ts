import * as vscode from 'vscode';
import type { SeveritySetting } from '../../core/lint/types';

export interface LintSettings {
  readonly enable: boolean;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
}

const SEVERITY_SETTINGS: ReadonlySet<string> = new Set(['off', 'info', 'warning', 'error']);

/** `podDoctor.lint.*` for `scope`; values outside the schema are ignored rather than trusted. */
export function lintSettings(scope?: vscode.ConfigurationScope): LintSettings {
  const config = vscode.workspace.getConfiguration('podDoctor.lint', scope);
  const rawRules: unknown = config.get('rules');
  const rules: Record<string, SeveritySetting> = {};
  if (typeof rawRules === 'object' && rawRules !== null) {
    for (const [id, value] of Object.entries(rawRules)) {
      if (typeof value === 'string' && SEVERITY_SETTINGS.has(value)) rules[id] = value as SeveritySetting;
    }
  }
  return { enable: config.get<boolean>('enable', true) !== false, rules };
}

export function affectsLintSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('podDoctor.lint') || event.affectsConfiguration('yaml.schemas');
}
