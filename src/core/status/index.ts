export { humanDuration, ageSince } from '../text/duration';
export { kubectlPodRow, phaseColor, isFailureStatus } from './pod-row';
export type { KubectlPodRow, PhaseColor } from './pod-row';
export { tabwriterTable } from './table';
export { podsOfManifest, livePodsTitle } from './live';
