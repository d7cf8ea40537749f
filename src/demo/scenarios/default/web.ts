import { addOwner, chattyLog, DAY, HOUR, podPlanOf, runningPod } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** The baseline: two healthy replicas with an exporter sidecar, serving traffic. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27.2
          ports:
            - containerPort: 80
              name: http
          readinessProbe:
            httpGet:
              path: /
              port: 80
            periodSeconds: 10
            timeoutSeconds: 1
            failureThreshold: 3
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
            limits:
              memory: 128Mi
        - name: exporter
          image: nginx/nginx-prometheus-exporter:1.3.0
          args:
            - --nginx.scrape-uri=http://localhost:8080/stub_status
          ports:
            - containerPort: 9113
              name: metrics
          resources:
            requests:
              cpu: 10m
              memory: 16Mi
            limits:
              memory: 32Mi
`,
  shows: 'healthy',
  wrong: 'nothing: the baseline',
  diagnosis: 'healthy',
  play(ctx, workload) {
    const createdMs = ctx.startMs - 6 * DAY - 2 * HOUR;
    const owner = addOwner(ctx, workload, { createdMs, ready: 2 });
    const paths = ['/', '/products', '/cart', '/static/app.js', '/static/app.css', '/api/session'];
    for (const [i, node] of (['a', 'b'] as const).entries()) {
      const pod = runningPod(
        ctx,
        podPlanOf(workload, owner, createdMs + i * 1000, { node, ipSuffix: 5 + i }),
        {
          ready: true,
        },
      );
      chattyLog(ctx, pod, 'nginx', createdMs + 3000, 3_000 + i * 1000, (n) => {
        const path = paths[n % paths.length] ?? '/';
        return `10.244.${i + 1}.1 - - [%N] "GET ${path} HTTP/1.1" 200 ${612 + ((n * 7) % 5000)} "-" "Mozilla/5.0 (X11; Linux x86_64)" "-"`;
      });
      chattyLog(
        ctx,
        pod,
        'exporter',
        createdMs + 3000,
        600_000,
        () => 'time=%T level=INFO msg="Listening on address" address=[::]:9113',
      );
    }
  },
};
