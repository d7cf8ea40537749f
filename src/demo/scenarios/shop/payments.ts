import { crashLoops, MIN } from '../../scenario-kit';
import type { Scenario } from '../../scenario';

/** Exit 1: the application fails on start-up (its database host does not resolve). */
export const scenario: Scenario = {
  manifest: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments
  namespace: shop
  labels:
    app: payments
spec:
  replicas: 1
  selector:
    matchLabels:
      app: payments
  template:
    metadata:
      labels:
        app: payments
    spec:
      containers:
        - name: payments
          image: registry.example.com/shop/payments:2.7.3
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: DB_HOST
              value: postgres.shop.svc.cluster.local
          resources:
            requests:
              cpu: 250m
              memory: 768Mi
            limits:
              memory: 768Mi
`,
  shows: 'CrashLoopBackOff, exit 1',
  wrong: '`DB_HOST` names a Service that does not exist (`UnknownHostException` in the logs)',
  diagnosis: 'crash-loop',
  play: crashLoops({
    createdAgo: 2 * MIN,
    pods: [{ node: 'b', ipSuffix: 22 }],
    loop: {
      container: 'payments',
      runSeconds: 6,
      exitCode: 1,
      reason: 'Error',
      script: [
        [0, '%D INFO  [main] c.e.payments.PaymentsApplication - Starting PaymentsApplication v2.7.3'],
        [3, '%D INFO  [main] com.zaxxer.hikari.HikariDataSource - HikariPool-1 - Starting...'],
        [5, '%D ERROR [main] o.s.boot.SpringApplication - Application run failed'],
        [
          5,
          "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource' defined in class path resource [com/example/payments/config/DataSourceConfig.class]: Failed to instantiate [javax.sql.DataSource]",
        ],
        [
          5,
          '\tat org.springframework.beans.factory.support.ConstructorResolver.instantiate(ConstructorResolver.java:648)',
        ],
        [5, '\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:335)'],
        [5, '\tat com.example.payments.PaymentsApplication.main(PaymentsApplication.java:12)'],
        [
          5,
          'Caused by: com.zaxxer.hikari.pool.HikariPool$PoolInitializationException: Failed to initialize pool: The connection attempt failed.',
        ],
        [5, '\tat com.zaxxer.hikari.pool.HikariPool.throwPoolInitializationException(HikariPool.java:596)'],
        [5, 'Caused by: java.net.UnknownHostException: postgres.shop.svc.cluster.local'],
        [5, '\tat java.base/sun.nio.ch.NioSocketImpl.connect(NioSocketImpl.java:567)'],
        [5, '\tat org.postgresql.core.PGStream.createSocket(PGStream.java:243)'],
        [5, '\t... 42 common frames omitted'],
      ],
    },
  }),
};
