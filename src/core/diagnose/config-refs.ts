/** References from a container to ConfigMaps and Secrets, and the kubelet's "not found" messages about them. */
import type { ContainerInfo } from './context';

export interface EnvRef {
  path: string;
  kind: 'ConfigMap' | 'Secret';
  name: string;
  key?: string;
  optional: boolean;
}

/** References from env and envFrom to ConfigMaps and Secrets, with their spec paths. */
export function configRefs(c: ContainerInfo): EnvRef[] {
  const out: EnvRef[] = [];
  const env =
    (c.spec?.['env'] as
      | Array<{
          name?: string;
          valueFrom?: Record<string, { name?: string; key?: string; optional?: boolean }>;
        }>
      | undefined) ?? [];
  for (const e of env) {
    for (const [field, kind] of [
      ['configMapKeyRef', 'ConfigMap'],
      ['secretKeyRef', 'Secret'],
    ] as const) {
      const ref = e.valueFrom?.[field];
      if (ref?.name)
        out.push({
          path: `${c.specPath}.env[${e.name ?? ''}].valueFrom.${field}`,
          kind,
          name: ref.name,
          ...(ref.key ? { key: ref.key } : {}),
          optional: ref.optional === true,
        });
    }
  }
  const envFrom =
    (c.spec?.['envFrom'] as Array<Record<string, { name?: string; optional?: boolean }>> | undefined) ?? [];
  envFrom.forEach((e, i) => {
    for (const [field, kind] of [
      ['configMapRef', 'ConfigMap'],
      ['secretRef', 'Secret'],
    ] as const) {
      const ref = e[field];
      if (ref?.name)
        out.push({
          path: `${c.specPath}.envFrom[${i}].${field}`,
          kind,
          name: ref.name,
          optional: ref.optional === true,
        });
    }
  });
  return out;
}

export interface MissingConfig {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  key?: string;
}

/** `configmap "x" not found`, `secret "x" not found`, `couldn't find key K in ConfigMap ns/name`. */
export function parseMissingConfig(message: string): MissingConfig | undefined {
  const key = /couldn't find key (\S+) in (ConfigMap|Secret) (?:[^/\s]+\/)?(\S+?)\.?$/im.exec(message);
  if (key) return { kind: key[2] as 'ConfigMap' | 'Secret', name: key[3]!, key: key[1]! };
  const object = /(configmap|secret)s? "([^"]+)" not found/i.exec(message);
  if (object)
    return { kind: object[1]!.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap', name: object[2]! };
  return undefined;
}
