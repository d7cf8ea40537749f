import * as vscode from 'vscode';
import { podNodeOf } from '../tree/model';
import type { Command } from './command';

/** Copies the clicked pod's name to the clipboard. */
export const copyPodName: Command = {
  id: 'podDoctor.copyPodName',
  async run(_features, arg) {
    const pod = podNodeOf(arg);
    if (pod) await vscode.env.clipboard.writeText(pod.row.name);
  },
};
