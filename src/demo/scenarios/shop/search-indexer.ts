import { MIN, TAINTED, unschedulable } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** The scheduler cannot place the pod: it requests more CPU and memory than any node has. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: search-indexer
  namespace: shop
  labels:
    app: search-indexer
spec:
  replicas: 1
  selector:
    matchLabels:
      app: search-indexer
  template:
    metadata:
      labels:
        app: search-indexer
    spec:
      containers:
        - name: indexer
          image: docker.elastic.co/elasticsearch/elasticsearch:8.15.3
          resources:
            requests:
              cpu: '6'
              memory: 8Gi
            limits:
              cpu: '6'
              memory: 8Gi
`,
  shows: 'Pending, `Insufficient cpu`',
  wrong: 'requests 6 CPUs; nodes have 3.92 allocatable',
  diagnosis: 'unschedulable',
  play: unschedulable({
    createdAgo: 22 * MIN,
    message: `0/3 nodes are available: ${TAINTED}, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
  }),
};
