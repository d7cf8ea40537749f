import { crashLoops, MIN } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** Exit 137 that is not an OOM kill: the liveness probe fails and the kubelet kills the container. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: default
  labels:
    app: api
spec:
  replicas: 1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: ghcr.io/example/orders-api:1.14.2
          ports:
            - containerPort: 8000
              name: http
          resources:
            requests:
              cpu: 100m
              memory: 256Mi
            limits:
              cpu: 200m
              memory: 256Mi
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8000
            initialDelaySeconds: 10
            periodSeconds: 10
            timeoutSeconds: 1
            failureThreshold: 3
`,
  shows: 'CrashLoopBackOff, exit 137 after `Killing` events',
  wrong: 'the liveness probe checks Redis, which is down',
  diagnosis: 'liveness-restarts',
  play: crashLoops({
    createdAgo: 47 * MIN,
    pods: [{ node: 'a', ipSuffix: 31 }],
    loop: {
      container: 'api',
      runSeconds: 41,
      exitCode: 137,
      reason: 'Error',
      onEnd: [
        {
          reason: 'Unhealthy',
          type: 'Warning',
          message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
        },
        { reason: 'Killing', message: 'Container api failed liveness probe, will be restarted' },
      ],
      script: [
        [0, 'INFO:     Started server process [1]'],
        [0, 'INFO:     Waiting for application startup.'],
        [1, 'INFO:     Application startup complete.'],
        [1, 'INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)'],
        [10, 'ERROR:    health check failed: redis.default.svc.cluster.local:6379: Connection refused'],
        [10, 'INFO:     10.244.1.1:51234 - "GET /healthz HTTP/1.1" 500 Internal Server Error'],
        [20, 'ERROR:    health check failed: redis.default.svc.cluster.local:6379: Connection refused'],
        [20, 'INFO:     10.244.1.1:51250 - "GET /healthz HTTP/1.1" 500 Internal Server Error'],
        [30, 'ERROR:    health check failed: redis.default.svc.cluster.local:6379: Connection refused'],
        [30, 'INFO:     10.244.1.1:51266 - "GET /healthz HTTP/1.1" 500 Internal Server Error'],
        [30, 'INFO:     Shutting down'],
      ],
    },
  }),
};
