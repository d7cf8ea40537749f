import { statusOf } from '../../build';
import { fieldPath } from '../../pods';
import { chattyLog, MIN, occurrences, ownedPod, repeatEvent, runningPod } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** Readiness never passes: the probe checks a port the application does not listen on. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: default
  labels:
    app: frontend
spec:
  replicas: 1
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
    spec:
      containers:
        - name: frontend
          image: registry.example.com/web/frontend:3.9.0
          ports:
            - containerPort: 3000
              name: http
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
            periodSeconds: 10
            timeoutSeconds: 1
            failureThreshold: 3
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
`,
  shows: 'Running 0/1, `Unhealthy`',
  wrong: 'readiness probe on 8080, the app listens on 3000',
  diagnosis: 'readiness-failing',
  lint: ['27 probe-port-unknown'],
  play(ctx, workload) {
    const plan = ownedPod(ctx, workload, 17 * MIN, { node: 'a', ipSuffix: 23 });
    const pod = runningPod(ctx, plan, { ready: false });
    const ip = String(statusOf(pod).podIP);
    repeatEvent(
      ctx,
      pod,
      {
        reason: 'Unhealthy',
        type: 'Warning',
        message: `Readiness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`,
        fieldPath: fieldPath('frontend'),
      },
      plan.createdMs + 5000,
      10_000,
      occurrences(plan.createdMs, ctx.startMs, 10_000),
    );
    chattyLog(
      ctx,
      pod,
      'frontend',
      plan.createdMs + 2600,
      7_000,
      (n) =>
        `{"level":"info","time":"%T","msg":"rendered page","path":"/products/${1000 + (n % 37)}","status":200,"ms":${18 + (n % 23)}}`,
    );
  },
};
