import { crashLoops, MIN } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** Exit 127: the entrypoint cannot be executed (a glibc binary in an alpine image). */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: report-gen
  namespace: default
  labels:
    app: report-gen
spec:
  replicas: 1
  selector:
    matchLabels:
      app: report-gen
  template:
    metadata:
      labels:
        app: report-gen
    spec:
      containers:
        - name: report-gen
          image: registry.example.com/reports/report-gen:5.0.0-alpine
          command:
            - /app/server
          args:
            - --listen=:8080
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
`,
  shows: 'CrashLoopBackOff, exit 127',
  wrong: '`/app/server` cannot be executed in the alpine image',
  diagnosis: 'crash-loop',
  play: crashLoops({
    createdAgo: 71 * MIN,
    pods: [{ node: 'a', ipSuffix: 40 }],
    loop: {
      container: 'report-gen',
      runSeconds: 0,
      exitCode: 127,
      reason: 'Error',
      script: [[0, 'exec /app/server: no such file or directory']],
    },
  }),
};
