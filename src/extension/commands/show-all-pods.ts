import type { Command } from './command';

/** Undoes `showOnlyUnhealthy`. */
export const showAllPods: Command = {
  id: 'podDoctor.showAllPods',
  run: ({ pods }) => pods.setFilter({ onlyUnhealthy: false }),
};
