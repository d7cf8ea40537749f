export { humanDuration, ageSince } from './duration';
export { kubectlPodRow, phaseColor, iconColor, isFailureStatus } from './pod-row';
export type { KubectlPodRow, PhaseColor } from './pod-row';
export { tabwriterTable } from './table';
export { podsOfManifest, livePodsTitle } from './live';
