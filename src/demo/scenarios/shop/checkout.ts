import { crashLoops, HOUR, MIN } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** OOMKilled JVM: its -Xmx is larger than the container's memory limit. */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
  labels:
    app: checkout
spec:
  replicas: 1
  selector:
    matchLabels:
      app: checkout
  template:
    metadata:
      labels:
        app: checkout
    spec:
      containers:
        - name: checkout
          image: registry.example.com/shop/checkout:4.2.0
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: JAVA_TOOL_OPTIONS
              value: -Xms1g -Xmx1g
            - name: SPRING_PROFILES_ACTIVE
              value: production
          resources:
            requests:
              cpu: 500m
              memory: 512Mi
            limits:
              cpu: '1'
              memory: 512Mi
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: 8080
            periodSeconds: 10
            timeoutSeconds: 1
            failureThreshold: 3
`,
  shows: 'CrashLoopBackOff, last state OOMKilled (137)',
  wrong: '`-Xmx1g` in `JAVA_TOOL_OPTIONS` with a 512Mi memory limit',
  diagnosis: 'oom-killed',
  lint: ['26 resources-jvm-heap-exceeds-limit'],
  play: crashLoops({
    createdAgo: 3 * HOUR + 12 * MIN,
    pods: [{ node: 'a', ipSuffix: 14 }],
    loop: {
      container: 'checkout',
      runSeconds: 48,
      exitCode: 137,
      reason: 'OOMKilled',
      script: [
        [0, 'Picked up JAVA_TOOL_OPTIONS: -Xms1g -Xmx1g'],
        [2, ''],
        [2, '  .   ____          _            __ _ _'],
        [2, " /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\"],
        [2, "( ( )\\___ | '_ | '_| | '_ \\/ _` | \\ \\ \\ \\"],
        [2, ' \\\\/  ___)| |_)| | | | | || (_| |  ) ) ) )'],
        [2, "  '  |____| .__|_| |_|_| |_\\__, | / / / /"],
        [2, ' =========|_|==============|___/=/_/_/_/'],
        [2, ' :: Spring Boot ::                (v3.3.5)'],
        [
          3,
          '%T  INFO 1 --- [checkout] [           main] c.e.shop.checkout.CheckoutApplication    : Starting CheckoutApplication v4.2.0 using Java 21.0.5 with PID 1',
        ],
        [
          3,
          '%T  INFO 1 --- [checkout] [           main] c.e.shop.checkout.CheckoutApplication    : The following 1 profile is active: "production"',
        ],
        [
          9,
          '%T  INFO 1 --- [checkout] [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat initialized with port 8080 (http)',
        ],
        [
          14,
          '%T  INFO 1 --- [checkout] [           main] c.e.shop.checkout.cache.PriceCache       : Warming price cache from catalog (2,418,332 entries)',
        ],
        [
          31,
          '%T  INFO 1 --- [checkout] [           main] c.e.shop.checkout.cache.PriceCache       : Price cache: 1,200,000 entries loaded, heap used 402 MB',
        ],
        [
          44,
          '%T  WARN 1 --- [checkout] [           main] c.e.shop.checkout.cache.PriceCache       : Price cache: 2,000,000 entries loaded, heap used 611 MB',
        ],
      ],
    },
  }),
};
