import { crashLoops, MIN } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** Exit 0 under restartPolicy Always: the process daemonises and PID 1 exits. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: default
  labels:
    app: worker
spec:
  replicas: 1
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
        - name: worker
          image: registry.example.com/tools/queue-worker:0.9.1
          command:
            - /bin/sh
            - -c
          args:
            - nohup /opt/worker/bin/worker --queue=emails > /var/log/worker.log 2>&1 &
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 128Mi
`,
  shows: 'CrashLoopBackOff, exit 0',
  wrong: '`nohup … &`: PID 1 exits at once',
  diagnosis: 'crash-loop',
  lint: ['25 command-backgrounded'],
  play: crashLoops({
    createdAgo: 26 * MIN,
    pods: [{ node: 'b', ipSuffix: 17 }],
    loop: { container: 'worker', runSeconds: 1, exitCode: 0, reason: 'Completed', script: [] },
  }),
};
