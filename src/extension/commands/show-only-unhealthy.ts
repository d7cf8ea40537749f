import type { Command } from './command';

/** Hides pods that run with every container ready and pods that completed. */
export const showOnlyUnhealthy: Command = {
  id: 'podDoctor.showOnlyUnhealthy',
  run: ({ pods }) => pods.setFilter({ onlyUnhealthy: true }),
};
