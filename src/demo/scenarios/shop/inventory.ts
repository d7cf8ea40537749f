import { fieldPath, waiting } from '../../pods';
import { MIN, occurrences, ownedPod, repeatEvent, waitingPod } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** A missing ConfigMap key: the kubelet cannot build the container's environment. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: inventory
  namespace: shop
  labels:
    app: inventory
spec:
  replicas: 1
  selector:
    matchLabels:
      app: inventory
  template:
    metadata:
      labels:
        app: inventory
    spec:
      containers:
        - name: inventory
          image: registry.example.com/shop/inventory:1.22.0
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: DATABASE_URL
              valueFrom:
                configMapKeyRef:
                  name: inventory-config
                  key: DATABASE_URL
          resources:
            requests:
              cpu: 100m
              memory: 256Mi
            limits:
              memory: 256Mi
`,
  shows: 'CreateContainerConfigError',
  wrong: 'ConfigMap `inventory-config` has no key `DATABASE_URL`',
  diagnosis: 'config-missing',
  play(ctx, workload) {
    const plan = ownedPod(ctx, workload, 14 * MIN, { node: 'a', ipSuffix: 70 });
    const message = "couldn't find key DATABASE_URL in ConfigMap shop/inventory-config";
    const { stored, scheduledMs } = waitingPod(
      ctx,
      plan,
      'inventory',
      waiting('CreateContainerConfigError', message),
      { scheduledAfterMs: 120, sandboxAfterMs: 1900 },
    );
    const every = 15_000;
    const n = occurrences(scheduledMs, ctx.startMs, every);
    repeatEvent(
      ctx,
      stored,
      {
        reason: 'Pulled',
        message: 'Container image "registry.example.com/shop/inventory:1.22.0" already present on machine',
        fieldPath: fieldPath('inventory'),
      },
      scheduledMs + 2000,
      every,
      n,
    );
    repeatEvent(
      ctx,
      stored,
      { reason: 'Failed', type: 'Warning', message: `Error: ${message}`, fieldPath: fieldPath('inventory') },
      scheduledMs + 2000,
      every,
      n,
    );
  },
};
