import type { JsonObject, Path } from '../../manifest/types';
import type { ContainerRef } from '../../manifest/workloads';
import type { Rule } from '../types';

/** One string of a container's `command` followed by its `args`, with where it sits. */
export interface Word {
  readonly value: string;
  readonly path: Path;
}

/** `command` then `args` (what the runtime executes when both are set), strings only. */
export function commandWords(container: ContainerRef): Word[] {
  const words: Word[] = [];
  for (const field of ['command', 'args'] as const) {
    const list = (container.container as JsonObject)[field];
    if (!Array.isArray(list)) continue;
    list.forEach((value: unknown, index) => {
      if (typeof value === 'string' || typeof value === 'number') {
        words.push({ value: String(value), path: [...container.path, field, index] });
      }
    });
  }
  return words;
}

const SHELL = /^(?:\/usr)?(?:\/bin\/)?(?:sh|bash|ash|dash|zsh|ksh|mksh)$/;

/** Index of the script word when the words run `sh -c SCRIPT` (any shell, `-ec`, `-o pipefail -c`, …). */
export function shellScriptIndex(words: readonly Word[]): number | undefined {
  if (words.length === 0 || !SHELL.test(words[0]!.value)) return undefined;
  let hasC = false;
  let i = 1;
  for (; i < words.length; i++) {
    const word = words[i]!.value;
    if (word === '--') {
      i++;
      break;
    }
    if (word === '-o' || word === '+o') {
      i++;
      continue;
    }
    if (!/^[-+][A-Za-z]+$/.test(word)) break;
    if (word.startsWith('-') && word.includes('c')) hasC = true;
  }
  return hasC && i < words.length ? i : undefined;
}

export const rule: Rule = {
  id: 'command-shell-c-split',
  severity: 'warning',
  title: '`sh -c` followed by several arguments',
  rationale:
    'With `sh -c`, only the first argument after `-c` is the script; the following ones become `$0`, `$1`, … of that script. `["sh", "-c", "echo", "hi"]` runs `echo` with no arguments and prints an empty line; a server started this way runs without its flags.',
  remediation: 'Pass the whole script as one string: `["sh", "-c", "echo hi"]`.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\nspec:\n  containers:\n    - name: hello\n      image: busybox:1.36\n      command: ["sh", "-c", "echo", "hello; sleep 3600"]\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\nspec:\n  containers:\n    - name: hello\n      image: busybox:1.36\n      command: ["sh", "-c", "echo hello; sleep 3600"]\n',
  },
  check(ctx) {
    for (const template of ctx.templates) {
      for (const container of template.containers) {
        const words = commandWords(container);
        const scriptIndex = shellScriptIndex(words);
        if (scriptIndex === undefined) continue;
        const script = words[scriptIndex]!;
        const extra = words.slice(scriptIndex + 1);
        const first = extra[0];
        // A script that reads its positional parameters passes them on purpose (`exec "$@"`).
        if (first === undefined || /\$(?:[0-9@*#]|\{[0-9@*#])/.test(script.value)) continue;
        const shell = words
          .slice(0, scriptIndex)
          .map((w) => w.value)
          .join(' ');
        const lines = script.value.trimEnd().split('\n');
        // Appending words to a multi-line script would run them as a command of their own line.
        const advice =
          lines.length > 1
            ? `Move ${extra.length > 1 ? 'them' : 'it'} into the script where ${extra.length > 1 ? 'they belong' : 'it belongs'}, or remove ${extra.length > 1 ? 'them' : 'it'}.`
            : `Pass the script as one string: [${[
                ...words.slice(0, scriptIndex).map((w) => JSON.stringify(w.value)),
                JSON.stringify([script.value, ...extra.map((w) => w.value)].join(' ')),
              ].join(', ')}].`;
        const quoted = lines.length > 1 ? `${lines[0]} …` : script.value;
        ctx.report({
          path: first.path,
          message: `Only the first argument after "${shell}" is the script ("${quoted}"); "${first.value}"${extra.length > 1 ? ' and the rest' : ''} become${extra.length > 1 ? '' : 's'} $0${extra.length > 1 ? ', $1, …' : ''} of that script and ${extra.length > 1 ? 'are' : 'is'} not run. ${advice}`,
        });
      }
    }
  },
};
