/** Reads a cloud assembly (`cdk.out/`): the stack template and where each asset's files are. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface StackAssembly {
  dir: string;
  stackName: string;
  resources: Record<string, CfnResource>;
  /** The template's Outputs, values unresolved. */
  outputs: Record<string, { Value: unknown }>;
  /** S3 object key → absolute path of the asset file or folder in the assembly. */
  assetsByObjectKey: Map<string, string>;
}

interface Manifest {
  artifacts: Record<string, { type: string; properties?: { templateFile?: string; file?: string } }>;
}

interface AssetManifest {
  files?: Record<string, { source: { path: string }; destinations: Record<string, { objectKey: string }> }>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

export function readStackAssembly(dir: string, stackName?: string): StackAssembly {
  const manifest = readJson<Manifest>(join(dir, 'manifest.json'));
  const stacks = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
  const chosen = stackName ? stacks.find(([name]) => name === stackName) : stacks.length === 1 ? stacks[0] : undefined;
  if (!chosen) {
    const names = stacks.map(([name]) => name).join(', ') || 'none';
    throw new Error(stackName ? `Stack ${stackName} is not in ${dir} (stacks: ${names})` : `Name the stack to serve: ${dir} has ${names}`);
  }
  const [name, artifact] = chosen;
  const template = readJson<{ Resources?: Record<string, CfnResource>; Outputs?: Record<string, { Value: unknown }> }>(join(dir, artifact.properties!.templateFile!));

  const assetsByObjectKey = new Map<string, string>();
  for (const a of Object.values(manifest.artifacts)) {
    if (a.type !== 'cdk:asset-manifest' || !a.properties?.file) continue;
    for (const file of Object.values(readJson<AssetManifest>(join(dir, a.properties.file)).files ?? {})) {
      for (const destination of Object.values(file.destinations)) assetsByObjectKey.set(destination.objectKey, join(dir, file.source.path));
    }
  }
  return { dir, stackName: name, resources: template.Resources ?? {}, outputs: template.Outputs ?? {}, assetsByObjectKey };
}
