/**
 * CloudFormation intrinsic functions, resolved to local values. The lookups (what a `Ref` or
 * `Fn::GetAtt` of a resource means locally) come from the caller, so the server can re-resolve
 * once emulators report their real ids.
 */
export interface IntrinsicContext {
  region: string;
  accountId: string;
  partition: string;
  stackName: string;
  urlSuffix: string;
  ref(logicalId: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
}

export class IntrinsicError extends Error {}

const PSEUDO: Record<string, (c: IntrinsicContext) => string> = {
  'AWS::Region': (c) => c.region,
  'AWS::AccountId': (c) => c.accountId,
  'AWS::Partition': (c) => c.partition,
  'AWS::StackName': (c) => c.stackName,
  'AWS::StackId': (c) => `arn:${c.partition}:cloudformation:${c.region}:${c.accountId}:stack/${c.stackName}/local`,
  'AWS::URLSuffix': (c) => c.urlSuffix,
  'AWS::NoValue': () => undefined as unknown as string,
};

function ref(name: string, c: IntrinsicContext): unknown {
  return name in PSEUDO ? PSEUDO[name](c) : c.ref(name);
}

function sub(template: string, variables: Record<string, unknown>, c: IntrinsicContext): string {
  return template.replace(/\$\{([^}!][^}]*)\}/g, (_m, name: string) => {
    if (name in variables) return String(variables[name]);
    const [logicalId, attribute] = name.split('.');
    return String(attribute ? c.getAtt(logicalId, attribute) : ref(logicalId, c));
  }).replace(/\$\{!/g, '${');
}

/** Resolves every intrinsic inside `value`, recursively. */
export function resolveIntrinsics(value: unknown, c: IntrinsicContext): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, c));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) {
    const [fn, raw] = entries[0];
    switch (fn) {
      case 'Ref':
        return ref(String(raw), c);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(raw) ? raw.map(String) : String(raw).split('.');
        return c.getAtt(logicalId, attribute);
      }
      case 'Fn::Join': {
        const [separator, parts] = raw as [string, unknown[]];
        return (resolveIntrinsics(parts, c) as unknown[]).join(separator);
      }
      case 'Fn::Sub': {
        if (typeof raw === 'string') return sub(raw, {}, c);
        const [template, variables] = raw as [string, Record<string, unknown>];
        return sub(template, resolveIntrinsics(variables, c) as Record<string, unknown>, c);
      }
      case 'Fn::Select': {
        const [index, list] = resolveIntrinsics(raw, c) as [number | string, unknown[]];
        return list[Number(index)];
      }
      case 'Fn::Split': {
        const [separator, text] = resolveIntrinsics(raw, c) as [string, string];
        return text.split(separator);
      }
      case 'Fn::GetAZs':
        return [`${c.region}a`, `${c.region}b`, `${c.region}c`];
      default:
        throw new IntrinsicError(`Intrinsic ${fn} is not supported by the local runtime`);
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(v, c)]));
}
