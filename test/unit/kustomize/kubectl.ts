import { spawnSync } from 'node:child_process';
import { findKubectl } from '../../kubectl';

/** True when the kubectl on PATH runs `kubectl kustomize`; tests that need the real Kustomize skip otherwise. */
export function hasKustomize(): boolean {
  const kubectl = findKubectl();
  return (
    kubectl !== undefined && spawnSync(kubectl, ['kustomize', '--help'], { encoding: 'utf8' }).status === 0
  );
}

export const SKIP_MESSAGE = 'kubectl (with Kustomize) is not on PATH: skipping the tests that render with it';

/** `kubectl kustomize DIR` output, as a user would see it. */
export function kubectlKustomize(dir: string): string {
  const kubectl = findKubectl();
  if (kubectl === undefined) throw new Error('kubectl is not on PATH');
  const result = spawnSync(kubectl, ['kustomize', dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  return result.stdout;
}
