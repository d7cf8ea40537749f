import type { Command } from './command';

/** "Discard" in a fix preview's title bar: closes the preview, leaving the manifest as it is. */
export const discardFix: Command = {
  id: 'podDoctor.discardFix',
  run: ({ fixes }, resource) => fixes.discard(resource),
};
