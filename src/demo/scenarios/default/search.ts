import { metaOf, statusOf } from '../../build';
import { fieldPath } from '../../pods';
import { HOUR, MIN, ownedPod, runningPod, setReady } from '../../scenario-kit';
import type { Scenario } from '../../scenario';
import type { EventSeed } from '../../world';

/** Readiness flaps: a probe every second with no tolerance, on a CPU-starved container. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: search
  namespace: default
  labels:
    app: search
spec:
  replicas: 1
  selector:
    matchLabels:
      app: search
  template:
    metadata:
      labels:
        app: search
    spec:
      containers:
        - name: search
          image: registry.example.com/shop/search-api:6.0.2
          ports:
            - containerPort: 8080
              name: http
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
            periodSeconds: 1
            timeoutSeconds: 1
            failureThreshold: 1
          resources:
            requests:
              cpu: 50m
              memory: 256Mi
            limits:
              cpu: 100m
              memory: 256Mi
`,
  shows: 'Running, readiness flapping',
  wrong: 'probe every 1 s, `failureThreshold: 1`, 100m CPU limit',
  diagnosis: 'readiness-failing',
  lint: ['28 probe-too-aggressive', '36 probe-cpu-starved'],
  play(ctx, workload) {
    const plan = ownedPod(ctx, workload, 4 * HOUR + 3 * MIN, { node: 'b', ipSuffix: 24 }, { ready: 1 });
    const pod = runningPod(ctx, plan, { ready: true });
    const ns = 'default';
    const name = String(metaOf(pod).name);
    const ip = String(statusOf(pod).podIP);
    const seed: EventSeed = {
      reason: 'Unhealthy',
      type: 'Warning',
      message: `Readiness probe failed: Get "http://${ip}:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      fieldPath: fieldPath('search'),
    };
    ctx.world.recordEvent(
      pod,
      { ...seed, count: 212, firstMs: plan.createdMs + 40_000 },
      ctx.startMs - 25_000,
    );
    let ready = true;
    ctx.world.every(ctx.startMs + 20_000, 20_000, (at) => {
      ready = !ready;
      const updated = ctx.world.updatePod(ns, name, (p) => setReady(p, ready, at, ['search']));
      if (!updated) return false;
      if (!ready) ctx.world.recordEvent(updated, seed, at);
      return true;
    });
  },
};
