import { addOwner, chattyLog, DAY, podPlanOf, runningPod } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** The cluster's DNS, healthy on both schedulable nodes: not something a team applies. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
  labels:
    app: coredns
spec:
  replicas: 2
  selector:
    matchLabels:
      app: coredns
  template:
    metadata:
      labels:
        app: coredns
        k8s-app: kube-dns
    spec:
      priorityClassName: system-cluster-critical
      containers:
        - name: coredns
          image: registry.k8s.io/coredns/coredns:v1.11.3
          args:
            - -conf
            - /etc/coredns/Corefile
          ports:
            - containerPort: 53
              name: dns
              protocol: UDP
            - containerPort: 53
              name: dns-tcp
              protocol: TCP
            - containerPort: 9153
              name: metrics
              protocol: TCP
          resources:
            requests:
              cpu: 100m
              memory: 70Mi
            limits:
              memory: 170Mi
          livenessProbe:
            httpGet:
              path: /health
              port: 8080
            initialDelaySeconds: 60
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 5
          readinessProbe:
            httpGet:
              path: /ready
              port: 8181
            periodSeconds: 10
            timeoutSeconds: 1
            failureThreshold: 3
`,
  inSample: false,
  shows: 'healthy',
  wrong: 'nothing: a system component',
  diagnosis: 'healthy',
  play(ctx, workload) {
    const createdMs = ctx.startMs - 41 * DAY;
    const owner = addOwner(ctx, workload, { createdMs, ready: 2 });
    for (const [i, node] of (['a', 'b'] as const).entries()) {
      const plan = podPlanOf(workload, owner, createdMs + i * 500, { node, ipSuffix: 2 });
      const pod = runningPod(ctx, plan, { ready: true });
      chattyLog(
        ctx,
        pod,
        'coredns',
        createdMs + 3000,
        30_000,
        (n) =>
          `[INFO] 10.244.${i + 1}.${5 + (n % 40)}:${40000 + n} - ${n % 65536} "A IN web.default.svc.cluster.local. udp 47 false 512" NOERROR qr,aa,rd 104 0.000${100 + (n % 800)}s`,
      );
    }
  },
};
