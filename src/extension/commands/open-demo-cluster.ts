import * as vscode from 'vscode';
import type { Command } from './command';

/** Starts the embedded demo API server (a pod in every common failure state) and switches to it. */
export const openDemoCluster: Command = {
  id: 'podDoctor.openDemoCluster',
  async run({ cluster }) {
    await vscode.window.withProgress(
      { location: { viewId: 'podDoctor.pods' }, title: 'Starting the demo cluster…' },
      async () => {
        try {
          await cluster.openDemoCluster();
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          void vscode.window.showErrorMessage(`Pod Doctor could not start the demo cluster: ${message}`);
        }
      },
    );
  },
};
