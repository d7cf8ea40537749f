import { iso, statusOf } from '../../build';
import type { Owner } from '../../cluster-objects';
import { addOwner, MIN, occurrences, repeatEvent } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** No pod at all: the namespace's quota refuses it, and the ReplicaSet controller says so. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: notifications
  namespace: shop
  labels:
    app: notifications
spec:
  replicas: 1
  selector:
    matchLabels:
      app: notifications
  template:
    metadata:
      labels:
        app: notifications
    spec:
      containers:
        - name: notifications
          image: registry.example.com/shop/notifications:1.4.0
          resources:
            requests:
              cpu: 250m
              memory: 1Gi
            limits:
              cpu: 500m
              memory: 1Gi
`,
  alsoInSample: {
    'shop/quota.yaml': `apiVersion: v1
kind: ResourceQuota
metadata:
  name: shop-quota
  namespace: shop
spec:
  hard:
    requests.cpu: "8"
    requests.memory: 8Gi
    limits.memory: 8Gi
    pods: "40"
`,
  },
  shows: 'no pod at all, `FailedCreate` on the ReplicaSet',
  wrong: 'the namespace quota on `limits.memory` is used up',
  play(ctx, workload) {
    const { world } = ctx;
    const createdMs = ctx.startMs - 31 * MIN;
    const owner = addOwner(ctx, workload, { createdMs, current: 0 });
    const rs = world.store.get('replicasets', 'shop', owner.name);
    if (!rs) return;
    world.store.update('replicasets', 'shop', owner.name, (r) => {
      statusOf(r).conditions = [
        {
          type: 'ReplicaFailure',
          status: 'True',
          lastTransitionTime: iso(createdMs + 200),
          reason: 'FailedCreate',
          message: quotaMessage(owner, 'x7k2p'),
        },
      ];
    });
    const seeds = ['x7k2p', 'q9d4m', 'fz6wl', 'r2b8n', 'kt5hc'];
    seeds.forEach((suffix, i) => {
      world.recordEvent(
        rs,
        {
          reason: 'FailedCreate',
          type: 'Warning',
          message: `Error creating: ${quotaMessage(owner, suffix)}`,
          component: 'replicaset-controller',
        },
        createdMs + 200 + i * 1000,
      );
    });
    const repeat = {
      reason: 'FailedCreate',
      type: 'Warning' as const,
      message: `Error creating: ${quotaMessage(owner, 'w4j7s')}`,
      component: 'replicaset-controller',
    };
    repeatEvent(
      ctx,
      rs,
      repeat,
      createdMs + 8000,
      5 * MIN + 30_000,
      occurrences(createdMs, ctx.startMs, 5 * MIN + 30_000),
    );
  },
};

function quotaMessage(owner: Owner, suffix: string): string {
  return `pods "${owner.podPrefix}${suffix}" is forbidden: exceeded quota: shop-quota, requested: limits.memory=1Gi, used: limits.memory=7680Mi, limited: limits.memory=8Gi`;
}
