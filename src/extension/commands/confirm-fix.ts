import type { Command } from './command';

/** "Apply fix" in a fix preview's title bar: makes the previewed change to the manifest. */
export const confirmFix: Command = {
  id: 'podDoctor.confirmFix',
  run: ({ fixes }, resource) => fixes.confirm(resource),
};
