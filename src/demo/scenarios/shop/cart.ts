import { MIN, pullFails } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** The image cannot be pulled: its tag was never pushed. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
  labels:
    app: cart
spec:
  replicas: 1
  selector:
    matchLabels:
      app: cart
  template:
    metadata:
      labels:
        app: cart
    spec:
      containers:
        - name: cart
          image: ghcr.io/example-shop/cart:2.3.1
          ports:
            - containerPort: 8080
              name: http
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
`,
  shows: 'ImagePullBackOff (not found)',
  wrong: 'tag `2.3.1` was never pushed',
  diagnosis: 'image-pull',
  play: pullFails({
    createdAgo: 35 * MIN,
    pod: { node: 'b', ipSuffix: 61 },
    error: (image) =>
      `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`,
  }),
};
