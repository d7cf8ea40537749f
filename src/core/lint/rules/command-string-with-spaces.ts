import type { Path } from '../../manifest/types';
import type { Fix, Rule, RuleContext } from '../types';
import { eachContainer } from '../helpers/containers';

const SHELL_SYNTAX = /[|&;<>()$`*?~]|\[|\]/;
const QUOTES = /["'\\]/;
const YAML_SPECIAL_WORD =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

export const rule: Rule = {
  id: 'command-string-with-spaces',
  severity: 'warning',
  title: 'Command word holding spaces',
  rationale:
    'Kubernetes does not split `command` on spaces: `["python app.py"]` asks the runtime for an executable literally named "python app.py", which does not exist, so the container fails to start (StartError, then CrashLoopBackOff).',
  remediation:
    'Give each word its own element: `["python", "app.py"]`, or run a shell line through `["sh", "-c", "…"]`.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: python:3.12\n      command: ["python app.py"]\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: python:3.12\n      command: ["python", "app.py"]\n',
  },
  check(ctx) {
    for (const { ref: container } of eachContainer(ctx.templates)) {
      const command = container.container['command'];
      if (!Array.isArray(command)) continue;
      const first: unknown = command[0];
      if (typeof first !== 'string' || !/\S\s+\S/.test(first.trim())) continue;
      const path = [...container.path, 'command', 0];
      const line = first.trim();
      const shellLine = SHELL_SYNTAX.test(line) || QUOTES.test(line);
      const words = shellLine ? ['sh', '-c', line] : line.split(/\s+/);
      const fix =
        command.length === 1 && !QUOTES.test(line) ? elementFix(ctx, path, words, shellLine) : undefined;
      ctx.report({
        path,
        message: `The command of container "${container.name}" is the single word "${line}": Kubernetes does not split it on spaces, so the runtime looks for an executable named "${line}" and the container fails to start. ${shellLine ? 'It uses shell syntax, so run it through a shell' : 'Give each word its own element'}: [${words.map((w) => JSON.stringify(w)).join(', ')}].`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

/** Replaces one sequence element by several, in the sequence's own style (flow `[…]` or block `- …`). */
function elementFix(
  ctx: RuleContext,
  path: Path,
  words: readonly string[],
  shellLine: boolean,
): Fix | undefined {
  const location = ctx.locate(path);
  if (!location) return undefined;
  const text = ctx.text;
  const lineStart = text.lastIndexOf('\n', location.value.start - 1) + 1;
  const before = text.slice(lineStart, location.value.start);
  const title = shellLine ? 'Run it through sh -c' : `Split into ${words.length} words`;
  const flow = /[[,]\s*$/.test(before);
  if (flow) {
    return {
      title,
      edits: [{ range: location.value, newText: words.map((w) => JSON.stringify(w)).join(', ') }],
    };
  }
  if (!/^ *- +$/.test(before)) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const newText = words.map(yamlWord).join(eol + before);
  return { title, edits: [{ range: location.value, newText }] };
}

function yamlWord(word: string): string {
  const plain = /^[A-Za-z_./][A-Za-z0-9_./=@%+-]*$/.test(word) && !YAML_SPECIAL_WORD.test(word);
  return plain ? word : JSON.stringify(word);
}
