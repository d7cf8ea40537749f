import { crashLoops, MIN } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** Exit 126: the entrypoint script is not executable. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: thumbnailer
  namespace: default
  labels:
    app: thumbnailer
spec:
  replicas: 1
  selector:
    matchLabels:
      app: thumbnailer
  template:
    metadata:
      labels:
        app: thumbnailer
    spec:
      containers:
        - name: thumbnailer
          image: registry.example.com/media/thumbnailer:1.3.0
          command:
            - /app/entrypoint.sh
          resources:
            requests:
              cpu: 200m
              memory: 256Mi
            limits:
              memory: 512Mi
`,
  shows: 'CrashLoopBackOff, exit 126',
  wrong: '`/app/entrypoint.sh` is not executable',
  diagnosis: 'crash-loop',
  play: crashLoops({
    createdAgo: 38 * MIN,
    pods: [{ node: 'b', ipSuffix: 41 }],
    loop: {
      container: 'thumbnailer',
      runSeconds: 0,
      exitCode: 126,
      reason: 'Error',
      script: [[0, 'exec /app/entrypoint.sh: permission denied']],
    },
  }),
};
