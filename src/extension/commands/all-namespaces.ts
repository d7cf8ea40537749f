import type { Command } from './command';

/** Shows every namespace's pods through one all-namespaces watch. */
export const allNamespaces: Command = {
  id: 'podDoctor.allNamespaces',
  run: ({ cluster }) => cluster.setAllNamespaces(true),
};
