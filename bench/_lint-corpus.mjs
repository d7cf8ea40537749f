// Deterministic lint corpora for bench/lint: multi-document files of Pods and Deployments with
// probes, resources and env, as teams write them. `small` objects are about 700 bytes, `large`
// about 1,500 bytes (more env, an init container, a sidecar, volumes). About one object in eight
// carries a typical mistake (a `latest` tag, a missing memory limit, liveness = readiness), so
// that findings are produced and reported as in real use.

const APPS = ['checkout', 'cart', 'search', 'payments', 'catalog', 'auth', 'orders', 'billing'];
const TEAMS = ['shop', 'platform', 'data', 'edge'];

function probe(kind, path, port, period, indent) {
  const pad = ' '.repeat(indent);
  return [
    `${pad}${kind}:`,
    `${pad}  httpGet:`,
    `${pad}    path: ${path}`,
    `${pad}    port: ${port}`,
    `${pad}  periodSeconds: ${period}`,
  ];
}

function container(i, name, indent, large) {
  const pad = ' '.repeat(indent);
  const mistake = i % 8;
  const tag = mistake === 3 ? 'latest' : `1.${i % 17}.${i % 5}`;
  const app = APPS[i % APPS.length];
  const port = 8080 + (i % 3);
  // Small objects name no ports and probe the number; large ones probe the named port.
  const probePort = large ? 'http' : port;
  const lines = [
    `${pad}- name: ${name}`,
    `${pad}  image: registry.example.com/${TEAMS[i % TEAMS.length]}/${app}:${tag}`,
    ...(large ? [`${pad}  ports:`, `${pad}    - name: http`, `${pad}      containerPort: ${port}`] : []),
    `${pad}  env:`,
    `${pad}    - name: LOG_LEVEL`,
    `${pad}      value: ${i % 2 === 0 ? 'info' : 'debug'}`,
  ];
  if (large) {
    lines.push(
      `${pad}    - name: POD_NAME`,
      `${pad}      valueFrom:`,
      `${pad}        fieldRef:`,
      `${pad}          fieldPath: metadata.name`,
      `${pad}    - name: DATABASE_URL`,
      `${pad}      valueFrom:`,
      `${pad}        secretKeyRef:`,
      `${pad}          name: ${app}-db`,
      `${pad}          key: url`,
    );
  }
  lines.push(
    `${pad}  resources:`,
    `${pad}    requests:`,
    `${pad}      cpu: ${100 + (i % 4) * 50}m`,
    `${pad}      memory: ${128 + (i % 4) * 64}Mi`,
  );
  if (mistake !== 5) lines.push(`${pad}    limits:`, `${pad}      memory: ${256 + (i % 4) * 128}Mi`);
  lines.push(...probe('readinessProbe', '/ready', probePort, 5, indent + 2));
  lines.push(
    ...probe(
      'livenessProbe',
      mistake === 6 ? '/ready' : '/healthz',
      probePort,
      mistake === 6 ? 5 : 10,
      indent + 2,
    ),
  );
  if (large) {
    lines.push(
      `${pad}  volumeMounts:`,
      `${pad}    - name: tmp`,
      `${pad}      mountPath: /tmp`,
      `${pad}    - name: config`,
      `${pad}      mountPath: /etc/${app}`,
      `${pad}      readOnly: true`,
    );
  }
  return lines;
}

function podSpec(i, indent, large) {
  const pad = ' '.repeat(indent);
  const lines = [];
  if (large) {
    lines.push(
      `${pad}serviceAccountName: ${APPS[i % APPS.length]}`,
      `${pad}securityContext:`,
      `${pad}  runAsNonRoot: true`,
      `${pad}initContainers:`,
      `${pad}  - name: wait-for-db`,
      `${pad}    image: busybox:1.36`,
      `${pad}    command: ["sh", "-c", "until nc -z postgres 5432; do sleep 2; done"]`,
      `${pad}    resources:`,
      `${pad}      limits:`,
      `${pad}        memory: 32Mi`,
    );
  }
  lines.push(`${pad}containers:`, ...container(i, 'app', indent + 2, large));
  if (large) {
    lines.push(
      `${pad}volumes:`,
      `${pad}  - name: tmp`,
      `${pad}    emptyDir: {}`,
      `${pad}  - name: config`,
      `${pad}    configMap:`,
      `${pad}      name: ${APPS[i % APPS.length]}-config`,
    );
  }
  return lines;
}

function labels(i, indent, large) {
  const pad = ' '.repeat(indent);
  const lines = [`${pad}labels:`, `${pad}  app: ${APPS[i % APPS.length]}-${i}`];
  if (large) lines.push(`${pad}  tier: ${TEAMS[i % TEAMS.length]}`);
  return lines;
}

function pod(i, large) {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${APPS[i % APPS.length]}-${i}`,
    `  namespace: ${TEAMS[i % TEAMS.length]}`,
    ...labels(i, 2, large),
    'spec:',
    ...podSpec(i, 2, large),
  ];
}

function deployment(i, large) {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${APPS[i % APPS.length]}-${i}`,
    `  namespace: ${TEAMS[i % TEAMS.length]}`,
    'spec:',
    `  replicas: ${1 + (i % 3)}`,
    '  selector:',
    '    matchLabels:',
    `      app: ${APPS[i % APPS.length]}-${i}`,
    '  template:',
    '    metadata:',
    ...labels(i, 6, large),
    '    spec:',
    ...podSpec(i, 6, large),
  ];
}

/**
 * `objects` documents, alternating Deployments and Pods.
 * @param {'small' | 'large'} size
 */
export function generateCorpus(size, objects) {
  const large = size === 'large';
  const docs = [];
  for (let i = 0; i < objects; i++)
    docs.push((i % 2 === 0 ? deployment(i, large) : pod(i, large)).join('\n'));
  return `${docs.join('\n---\n')}\n`;
}
