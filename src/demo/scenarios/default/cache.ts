import { crashLoops, MIN } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** The postStart hook fails, so the kubelet kills the container right after it started. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
  namespace: default
  labels:
    app: cache
spec:
  replicas: 1
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      containers:
        - name: redis
          image: redis:7.4.1
          ports:
            - containerPort: 6379
              name: redis
          resources:
            requests:
              cpu: 100m
              memory: 256Mi
            limits:
              memory: 256Mi
          lifecycle:
            postStart:
              exec:
                command:
                  - /bin/sh
                  - -c
                  - /scripts/warm-cache.sh
`,
  shows: 'CrashLoopBackOff, `FailedPostStartHook`',
  wrong: 'the postStart script fails',
  diagnosis: 'hook-failure',
  play: crashLoops({
    createdAgo: 19 * MIN,
    pods: [{ node: 'a', ipSuffix: 45 }],
    loop: {
      container: 'redis',
      runSeconds: 2,
      exitCode: 0,
      reason: 'Completed',
      onEnd: [
        { reason: 'FailedPostStartHook', type: 'Warning', message: 'PostStartHook failed' },
        { reason: 'Killing', message: 'FailedPostStartHook' },
      ],
      script: [
        [0, '1:C %R * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'],
        [0, '1:C %R * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started'],
        [0, '1:M %R * Running mode=standalone, port=6379.'],
        [0, '1:M %R * Server initialized'],
        [0, '1:M %R * Ready to accept connections tcp'],
        [1, '1:signal-handler (%S) Received SIGTERM scheduling shutdown...'],
        [1, '1:M %R * User requested shutdown...'],
        [1, '1:M %R # Redis is now ready to exit, bye bye...'],
      ],
    },
  }),
};
