import type { Command } from './command';
import { openLog } from './show-logs';

/** Opens the log of the container's previous run: what it printed before it crashed or was killed. */
export const showPreviousLogs: Command = {
  id: 'podDoctor.showPreviousLogs',
  run: (features, arg) => openLog(features, arg, true),
};
