import { HOUR, MIN, pullFails } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** The image cannot be pulled: a private registry, and the pod has no credentials for it. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: recommendations
  namespace: shop
  labels:
    app: recommendations
spec:
  replicas: 1
  selector:
    matchLabels:
      app: recommendations
  template:
    metadata:
      labels:
        app: recommendations
    spec:
      containers:
        - name: recommender
          image: registry.example.com/ml/recommender:1.8.0
          ports:
            - containerPort: 9000
              name: grpc
          resources:
            requests:
              cpu: 500m
              memory: 1Gi
            limits:
              memory: 1Gi
`,
  shows: 'ImagePullBackOff (authorization)',
  wrong: 'private registry, no `imagePullSecrets`',
  diagnosis: 'image-pull',
  play: pullFails({
    createdAgo: 2 * HOUR + 5 * MIN,
    pod: { node: 'a', ipSuffix: 62 },
    error: (image) =>
      `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials`,
  }),
};
