import type { Rule } from '../types';
import { commandWords, shellScriptIndex } from '../helpers/commands';
import { eachContainer } from '../helpers/containers';

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
    for (const { ref: container } of eachContainer(ctx.templates)) {
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
  },
};
