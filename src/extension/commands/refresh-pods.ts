import type { Command } from './command';

/** Lists every watched namespace again (the watches keep running). */
export const refreshPods: Command = {
  id: 'podDoctor.refreshPods',
  run: ({ pods }) => pods.provider.relist(),
};
