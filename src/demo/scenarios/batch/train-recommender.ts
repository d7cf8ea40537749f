import { HOUR, MIN, TAINTED, unschedulable } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** The scheduler cannot place the Job's pod: no node matches its GPU node selector. */
export const scenario: Scenario = {
  manifest: `apiVersion: batch/v1
kind: Job
metadata:
  name: train-recommender
  namespace: batch
spec:
  backoffLimit: 2
  template:
    metadata:
      labels:
        app: train-recommender
    spec:
      restartPolicy: Never
      nodeSelector:
        cloud.google.com/gke-accelerator: nvidia-tesla-t4
      containers:
        - name: trainer
          image: registry.example.com/ml/trainer:2024.11
          command:
            - python
            - -m
            - trainer.fit
            - --epochs=40
          resources:
            requests:
              cpu: '2'
              memory: 8Gi
            limits:
              memory: 8Gi
              nvidia.com/gpu: '1'
`,
  shows: 'Pending, node affinity/selector',
  wrong: 'asks for a GPU node pool that does not exist',
  diagnosis: 'unschedulable',
  play: unschedulable({
    createdAgo: 3 * HOUR + 40 * MIN,
    message: `0/3 nodes are available: ${TAINTED}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
  }),
};
