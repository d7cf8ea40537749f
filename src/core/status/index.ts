export { humanDuration, ageSince } from '../text/duration';
export { kubectlPodRow, phaseColor, iconColor, isFailureStatus } from './pod-row';
export type { KubectlPodRow, PhaseColor } from './pod-row';
export { tabwriterLines, tabwriterTable } from './table';
export { podsOfManifest, livePodsTitle } from './live';
export { PodTrimmer, isCompactPod } from './trim';
