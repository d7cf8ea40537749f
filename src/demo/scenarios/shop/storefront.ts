import { iso, metaOf, statusOf } from '../../build';
import {
  containerStatus,
  fieldPath,
  podConditions,
  podSkeleton,
  recordScheduled,
  recordStart,
  running,
  waiting,
} from '../../pods';
import { ownedPod, put, setReady } from '../../scenario-kit';
import type { Scenario } from '../../scenario';
import type { Json } from '../../selectors';

/** A rollout in progress: the image is still being pulled; it runs and gets ready ~20 s later. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: storefront
  namespace: shop
  labels:
    app: storefront
spec:
  replicas: 1
  selector:
    matchLabels:
      app: storefront
  template:
    metadata:
      labels:
        app: storefront
    spec:
      containers:
        - name: storefront
          image: registry.example.com/shop/storefront:8.1.0
          ports:
            - containerPort: 8080
              name: http
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
            initialDelaySeconds: 5
            periodSeconds: 5
            timeoutSeconds: 1
            failureThreshold: 3
          resources:
            requests:
              cpu: 200m
              memory: 256Mi
            limits:
              memory: 512Mi
`,
  shows: 'ContainerCreating, then Running',
  wrong: 'nothing: a rollout pulling its image',
  play(ctx, workload) {
    const { world } = ctx;
    const plan = ownedPod(ctx, workload, 3000, { node: 'b', ipSuffix: 80 });
    const pod = podSkeleton(plan);
    const scheduledMs = plan.createdMs + 100;
    statusOf(pod).conditions = podConditions({
      scheduledMs,
      sandboxReadyMs: scheduledMs + 1400,
      readyMs: scheduledMs,
      ready: false,
      notReady: ['storefront'],
    });
    statusOf(pod).containerStatuses = [
      containerStatus(pod, 'storefront', { state: waiting('ContainerCreating'), created: false }),
    ];
    const stored = put(ctx, pod);
    const name = String(metaOf(stored).name);
    recordScheduled(world, stored, scheduledMs);
    world.recordEvent(
      stored,
      {
        reason: 'Pulling',
        message: `Pulling image "${String(((plan.spec.containers as Json[])[0] as Json).image)}"`,
        fieldPath: fieldPath('storefront'),
      },
      scheduledMs + 1500,
    );
    const startedMs = ctx.startMs + 14_000;
    world.schedule(startedMs, (at) => {
      const updated = world.updatePod('shop', name, (p) => {
        statusOf(p).phase = 'Running';
        statusOf(p).containerStatuses = [
          containerStatus(p, 'storefront', { state: running(at), created: true }),
        ];
      });
      if (!updated) return;
      recordStart(world, updated, 'storefront', at, false, 14);
      const cid = String(((statusOf(updated).containerStatuses as Json[])[0] as Json).containerID);
      world.startLog(
        updated,
        'storefront',
        cid,
        [
          { ms: at + 200, text: `time=${iso(at)} level=INFO msg="storefront 8.1.0 starting" addr=:8080` },
          {
            ms: at + 4200,
            text: `time=${iso(at + 4000)} level=INFO msg="template cache warmed" templates=214`,
          },
          { ms: at + 6100, text: `time=${iso(at + 6000)} level=INFO msg="ready"` },
        ],
        world.now(),
      );
    });
    world.schedule(startedMs + 6500, (at) => {
      world.updatePod('shop', name, (p) => setReady(p, true, at, ['storefront']));
    });
  },
};
