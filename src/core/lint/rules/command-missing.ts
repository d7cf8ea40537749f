import { imageRepository } from '../../image';
import type { Rule } from '../types';
import { eachLongRunningContainer } from '../helpers/containers';

/** Docker Hub official OS and shell images, and the usual vendor copies of them, without registry or tag. */
const BARE_IMAGES = new Set([
  'busybox',
  'alpine',
  'ubuntu',
  'debian',
  'centos',
  'centos/centos',
  'fedora',
  'fedora/fedora',
  'rockylinux',
  'rockylinux/rockylinux',
  'almalinux',
  'amazonlinux',
  'oraclelinux',
  'archlinux',
  'opensuse/leap',
  'opensuse/tumbleweed',
  'photon',
  'bash',
  'ubi8',
  'ubi8/ubi',
  'ubi8/ubi-minimal',
  'ubi9',
  'ubi9/ubi',
  'ubi9/ubi-minimal',
]);

export const rule: Rule = {
  id: 'command-missing',
  severity: 'warning',
  reportsAbsence: true,
  title: 'Bare OS image without a command',
  rationale:
    'Images such as busybox, alpine, ubuntu or debian only run a shell by default. Without a terminal the shell reads end-of-input and exits at once, so a long-running container with no `command` or `args` restarts forever (CrashLoopBackOff, exit code 0).',
  remediation:
    'Give the container the command it should run (for a debugging pod, `["sleep", "infinity"]`), or use the application image.',
  examples: {
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: toolbox\nspec:\n  containers:\n    - name: toolbox\n      image: busybox:1.36\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: toolbox\nspec:\n  containers:\n    - name: toolbox\n      image: busybox:1.36\n      command: ["sleep", "infinity"]\n',
  },
  check(ctx) {
    for (const { ref: container } of eachLongRunningContainer(ctx.templates)) {
      const c = container.container;
      const image = c['image'];
      if (typeof image !== 'string') continue;
      if (c['command'] !== undefined || c['args'] !== undefined) continue;
      // An attached stdin keeps the shell waiting for input, as `kubectl run -it` does.
      if (c['stdin'] === true) continue;
      if (!BARE_IMAGES.has(imageRepository(image))) continue;
      ctx.report({
        path: [...container.path, 'image'],
        message: `Container "${container.name}" runs ${image} with no command or args: the image's default command is a shell that exits at once without a terminal, so the container restarts forever (CrashLoopBackOff). Add the command it should run, e.g. command: ["sleep", "infinity"] for a debugging container.`,
      });
    }
  },
};
