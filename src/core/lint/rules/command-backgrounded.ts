import type { Rule } from '../types';
import { commandWords, shellScriptIndex } from '../helpers/commands';
import { eachLongRunningContainer } from '../helpers/containers';

interface Statement {
  readonly text: string;
  /** Ended by a single `&`: the shell starts it and moves on. */
  readonly background: boolean;
}

/** Commands that start a daemon and return at once, with the foreground alternative to suggest. */
const DAEMON_STARTS: ReadonlyArray<{ pattern: RegExp; instead: string }> = [
  {
    pattern: /^(?:sudo\s+)?service\s+(\S+)\s+(?:start|restart)\b/,
    instead: 'start the server itself as the last command (e.g. exec $1 with its foreground option)',
  },
  {
    pattern: /^(?:sudo\s+)?\S*\/init\.d\/(\S+)\s+(?:start|restart)\b/,
    instead: 'start the server itself as the last command (e.g. exec $1 with its foreground option)',
  },
  {
    pattern: /^(?:sudo\s+)?systemctl\s+(?:start|restart)\b/,
    instead: 'run the server itself in the foreground; there is no systemd in a container',
  },
  { pattern: /^(?:apachectl|apache2ctl|httpd)\s+(?:-k\s+)?start\b/, instead: 'use apachectl -D FOREGROUND' },
  { pattern: /(?:^|\/)catalina\.sh\s+start\b/, instead: 'use catalina.sh run' },
  { pattern: /(?:^|\/|\$\{?CATALINA_HOME\}?\/bin\/)startup\.sh\b/, instead: 'use catalina.sh run' },
];

export const rule: Rule = {
  id: 'command-backgrounded',
  severity: 'warning',
  title: 'Container script only starts its work in the background',
  rationale:
    "A container lives as long as its main process. A script that ends by backgrounding the server (`nohup … &`, a trailing `&`, `service x start`, Tomcat's `startup.sh`) exits right away, the container stops, and the kubelet restarts it again and again (CrashLoopBackOff).",
  remediation:
    'Run the server in the foreground as the last command (`exec server …`, `catalina.sh run`), or end the script with `wait`.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\nspec:\n  containers:\n    - name: worker\n      image: python:3.12\n      command: ["sh", "-c", "nohup python worker.py &"]\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\nspec:\n  containers:\n    - name: worker\n      image: python:3.12\n      command: ["sh", "-c", "exec python worker.py"]\n',
  },
  check(ctx) {
    for (const { ref: container } of eachLongRunningContainer(ctx.templates)) {
      const words = commandWords(container);
      const first = words[0];
      if (first === undefined) continue;
      const scriptIndex = shellScriptIndex(words);
      const script = scriptIndex === undefined ? undefined : words[scriptIndex];
      // Without a shell a `&` is just an argument, so only daemon-starting commands matter.
      const last = script
        ? lastStatement(script.value)
        : { text: words.map((w) => w.value).join(' '), background: false };
      if (last === undefined) continue;
      const daemon = DAEMON_STARTS.find((d) => d.pattern.test(last.text));
      if (!last.background && daemon === undefined) continue;
      const what = last.background ? `"${last.text} &"` : `"${last.text}"`;
      const name = daemon ? (daemon.pattern.exec(last.text)?.[1] ?? '') : '';
      const instead = daemon
        ? daemon.instead.replace('$1', name)
        : 'drop the & (use exec), or end the script with wait';
      ctx.report({
        path: (script ?? first).path,
        message: `Container "${container.name}" ends by starting its work in the background (${what}): the script then exits, the container stops with it and is restarted again and again (CrashLoopBackOff). Keep the main process in the foreground: ${instead}.`,
      });
    }
  },
};

/** The last statement of a shell script, ignoring comments and empty statements. */
function lastStatement(script: string): Statement | undefined {
  const statements = splitStatements(script).filter((s) => s.text !== '');
  return statements[statements.length - 1];
}

/** Splits on newlines, `;`, `&&`, `||` and background `&`, respecting quotes, escapes and comments. */
function splitStatements(script: string): Statement[] {
  const statements: Statement[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  const end = (background: boolean) => {
    statements.push({ text: current.trim().replace(/\s+/g, ' '), background });
    current = '';
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    const next = script[i + 1];
    if (quote !== undefined) {
      if (ch === '\\' && quote === '"' && next !== undefined) {
        current += ch + next;
        i++;
      } else {
        if (ch === quote) quote = undefined;
        current += ch;
      }
      continue;
    }
    if (ch === '\\' && next !== undefined) {
      // A backslash-newline continues the line.
      current += next === '\n' ? ' ' : ch + next;
      i++;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === '#' && (current === '' || /\s$/.test(current))) {
      const newline = script.indexOf('\n', i);
      i = newline === -1 ? script.length : newline - 1;
    } else if (ch === '\n' || ch === ';') {
      if (ch === ';' && next === ';') {
        current += ';;';
        i++;
      } else end(false);
    } else if (ch === '&') {
      const previous = current.trimEnd().slice(-1);
      if (next === '&') {
        end(false);
        i++;
      } else if (next === '>' || previous === '>' || previous === '<') {
        current += ch;
      } else end(true);
    } else if (ch === '|' && next === '|') {
      end(false);
      i++;
    } else {
      current += ch;
    }
  }
  end(false);
  return statements;
}
