import { waiting } from '../../pods';
import { MIN, occurrences, ownedPod, repeatEvent, waitingPod } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** A missing ConfigMap volume: the kubelet retries the mount and the container is never created. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy-billing
  namespace: default
  labels:
    app: legacy-billing
spec:
  replicas: 1
  selector:
    matchLabels:
      app: legacy-billing
  template:
    metadata:
      labels:
        app: legacy-billing
    spec:
      containers:
        - name: billing
          image: registry.example.com/finance/legacy-billing:2019.4
          volumeMounts:
            - name: config
              mountPath: /etc/billing
          resources:
            requests:
              cpu: 100m
              memory: 256Mi
            limits:
              memory: 256Mi
      volumes:
        - name: config
          configMap:
            name: billing-config
`,
  shows: 'ContainerCreating, `FailedMount`',
  wrong: 'ConfigMap `billing-config` does not exist',
  diagnosis: 'volume-mount',
  play(ctx, workload) {
    const plan = ownedPod(ctx, workload, 9 * MIN, { node: 'b', ipSuffix: 71 });
    const { stored, scheduledMs } = waitingPod(ctx, plan, 'billing', waiting('ContainerCreating'), {
      scheduledAfterMs: 90,
    });
    repeatEvent(
      ctx,
      stored,
      {
        reason: 'FailedMount',
        type: 'Warning',
        message: 'MountVolume.SetUp failed for volume "config" : configmap "billing-config" not found',
      },
      scheduledMs + 500,
      2 * MIN + 2000,
      occurrences(scheduledMs, ctx.startMs, 2 * MIN + 2000) + 3,
    );
  },
};
