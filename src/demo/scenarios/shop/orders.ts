import { crashLoops, MIN } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** An init container fails (Init:CrashLoopBackOff): the migration cannot log in to Postgres. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: shop
  labels:
    app: orders
spec:
  replicas: 1
  selector:
    matchLabels:
      app: orders
  template:
    metadata:
      labels:
        app: orders
    spec:
      initContainers:
        - name: migrate
          image: registry.example.com/shop/orders-migrate:3.1.0
          command:
            - psql
            - -h
            - postgres.data.svc.cluster.local
            - -U
            - orders
            - -f
            - /migrations/V42__add_refunds.sql
          env:
            - name: PGPASSWORD
              valueFrom:
                secretKeyRef:
                  name: orders-db
                  key: password
      containers:
        - name: orders
          image: registry.example.com/shop/orders:3.1.0
          ports:
            - containerPort: 8080
              name: http
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              memory: 512Mi
`,
  shows: 'Init:CrashLoopBackOff',
  wrong: 'the `migrate` init container cannot log in to Postgres',
  diagnosis: 'init-failure',
  play: crashLoops({
    createdAgo: 54 * MIN,
    pods: [{ node: 'b', ipSuffix: 52 }],
    loop: {
      container: 'migrate',
      init: true,
      waitingMain: ['orders'],
      runSeconds: 1,
      exitCode: 2,
      reason: 'Error',
      script: [
        [
          0,
          'psql: error: connection to server at "postgres.data.svc.cluster.local" (10.96.114.20), port 5432 failed: FATAL:  password authentication failed for user "orders"',
        ],
      ],
    },
  }),
};
