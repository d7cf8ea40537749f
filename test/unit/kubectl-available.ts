import { execFileSync } from 'node:child_process';

/** The kubectl the tests drive (the machines' /usr/bin/kubectl; see the toolchain notes). */
export const KUBECTL = '/usr/bin/kubectl';

function kubectlWorks(): boolean {
  try {
    execFileSync(KUBECTL, ['version', '--client'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Skips the suite (with a sentence saying why) where kubectl is missing: never a failure. */
export function skipWithoutKubectl(suite: Mocha.Context): void {
  if (kubectlWorks()) return;
  console.log(`      (skipped: ${KUBECTL} is missing or does not run; install kubectl to run these tests)`);
  suite.skip();
}
