import { HOUR, unschedulable } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** The scheduler waits for the StatefulSet's claim, which no StorageClass can provision. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: data
  labels:
    app: postgres
spec:
  serviceName: postgres
  replicas: 1
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
          ports:
            - containerPort: 5432
              name: postgres
          env:
            - name: PGDATA
              value: /var/lib/postgresql/data/pgdata
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
          resources:
            requests:
              cpu: 500m
              memory: 1Gi
            limits:
              memory: 1Gi
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes:
          - ReadWriteOnce
        storageClassName: fast-ssd
        resources:
          requests:
            storage: 50Gi
`,
  shows: 'Pending, unbound PersistentVolumeClaim',
  wrong: 'StorageClass `fast-ssd` does not exist',
  diagnosis: 'unschedulable',
  play: unschedulable({
    createdAgo: 5 * HOUR,
    message:
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  }),
};
