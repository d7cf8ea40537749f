/** crash-loop: a container exits and the kubelet restarts it, again and again (the exit-code matrix). */
import type { ContainerInfo, DiagnoseContext } from '../context';
import type { DiagnosisDeclaration } from '../declaration';
import { exitedRun, restartsNoMore } from '../exits';

export const crashLoopDiagnosis: DiagnosisDeclaration = {
  id: 'crash-loop',
  severity: 'critical',
  title: 'A container keeps crashing',
  scope: 'container',
  containers: 'long-running',
  skipsClaimed: true,
  claims: 'container',
  detect: (ctx: DiagnoseContext, c: ContainerInfo) =>
    restartsNoMore(ctx, c) ? undefined : exitedRun(ctx, c),
};
