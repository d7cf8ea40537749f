import type { Command } from './command';

/** Drops the text filter; "only unhealthy" stays as it is. */
export const clearPodFilter: Command = {
  id: 'podDoctor.clearPodFilter',
  run: ({ pods }) => pods.setFilter({ text: '' }),
};
