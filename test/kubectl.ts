import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

let found: string | null | undefined;

/**
 * The kubectl on PATH when it runs (`kubectl version --client` succeeds), else undefined. Some
 * machines have none, or one that cannot start: tests that drive kubectl skip there, never fail.
 */
export function findKubectl(): string | undefined {
  if (found === undefined) found = locate() ?? null;
  return found ?? undefined;
}

function locate(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, process.platform === 'win32' ? 'kubectl.exe' : 'kubectl');
    try {
      accessSync(candidate, constants.X_OK);
      execFileSync(candidate, ['version', '--client'], { stdio: 'ignore', timeout: 20_000 });
      return candidate;
    } catch {
      // Not here, or it does not run: look further along PATH.
    }
  }
  return undefined;
}

/** kubectl's path for a mocha suite's `before`, or a skip that says why. */
export function kubectlOrSkip(context: Mocha.Context): string {
  const kubectl = findKubectl();
  if (kubectl === undefined) {
    console.log('      (skipped: no working kubectl on PATH; install kubectl to run these tests)');
    context.skip();
  }
  return kubectl;
}
