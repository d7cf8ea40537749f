import { crashLoops, MIN, type Placement } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/**
 * A bad rollout: all 12 replicas of one Deployment crash the same way (same exit code, same
 * log), which a triage view should show as one group, not 12 problems.
 */
const REPLICAS: Placement[] = Array.from({ length: 12 }, (_, i) => ({
  node: i % 2 === 0 ? 'a' : 'b',
  ipSuffix: 100 + i,
}));

export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout-v2
  namespace: shop
  labels:
    app: checkout-v2
spec:
  replicas: ${REPLICAS.length}
  selector:
    matchLabels:
      app: checkout-v2
  template:
    metadata:
      labels:
        app: checkout-v2
    spec:
      containers:
        - name: checkout
          image: registry.example.com/shop/checkout:5.0.0
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: PAYMENTS_URL
              value: http://payments.shop.svc.cluster.local:8080
          resources:
            requests:
              cpu: 100m
              memory: 256Mi
            limits:
              memory: 256Mi
`,
  shows: `${REPLICAS.length} pods in CrashLoopBackOff, all exit 1 with the same log`,
  wrong: 'release 5.0.0 reads `PAYMENTS_GRPC_ADDR`; the Deployment still sets only `PAYMENTS_URL`',
  diagnosis: 'crash-loop',
  play: crashLoops({
    createdAgo: 14 * MIN,
    pods: REPLICAS,
    staggerMs: 700,
    loop: {
      container: 'checkout',
      runSeconds: 1,
      exitCode: 1,
      reason: 'Error',
      script: [
        [0, '{"time":"%T","level":"INFO","msg":"checkout starting","version":"5.0.0","commit":"8f3c2e1"}'],
        [
          1,
          '{"time":"%T","level":"ERROR","msg":"invalid configuration","error":"PAYMENTS_GRPC_ADDR is required (PAYMENTS_URL is no longer read since 5.0.0)"}',
        ],
      ],
    },
  }),
};
