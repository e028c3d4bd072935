import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnFunctionConfiguration, CfnResolver, type GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { buildSchema, isObjectType } from 'graphql';
import { Construct } from 'constructs';
import { bundleResolver } from '../resolver-bundling';
import type { DataSourceName, ResolverConfig } from '../resolver-config';

const APPSYNC_JS = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' };

export interface ResolversProps {
  api: GraphqlApi;
  /** Deployed SDL plus AppSync's built-in declarations, to check every configured field exists. */
  schemaSdl: string;
  resolversDir: string;
  dataSources: Record<DataSourceName, string>;
  resolvers: Record<string, ResolverConfig>;
  functions: Record<string, { dataSource: DataSourceName }>;
}

/**
 * Wires every resolver file to its field by naming convention (`<Type>.<field>.ts`), bundling
 * each with esbuild for the APPSYNC_JS runtime. Pipeline functions are created once and shared.
 */
export class TaskboardResolvers extends Construct {
  readonly functionIds: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: ResolversProps) {
    super(scope, id);
    checkConventions(props);
    const { api } = props;

    const functionConfigs: Record<string, CfnFunctionConfiguration> = {};
    for (const [name, { dataSource }] of Object.entries(props.functions)) {
      const fn = new CfnFunctionConfiguration(this, `Function-${name}`, {
        apiId: api.apiId,
        name,
        dataSourceName: props.dataSources[dataSource],
        runtime: APPSYNC_JS,
        code: bundleResolver(join(props.resolversDir, 'functions', `${name}.ts`)),
      });
      api.addSchemaDependency(fn);
      functionConfigs[name] = fn;
      this.functionIds[name] = fn.attrFunctionId;
    }

    for (const [field, config] of Object.entries(props.resolvers)) {
      const [typeName, fieldName] = field.split('.');
      const resolver = new CfnResolver(this, `Resolver-${typeName}-${fieldName}`, {
        apiId: api.apiId,
        typeName,
        fieldName,
        runtime: APPSYNC_JS,
        code: bundleResolver(join(props.resolversDir, `${field}.ts`)),
        ...(config.kind === 'unit'
          ? { kind: 'UNIT', dataSourceName: props.dataSources[config.dataSource] }
          : { kind: 'PIPELINE', pipelineConfig: { functions: config.functions.map((f) => functionConfigs[f].attrFunctionId) } }),
      });
      api.addSchemaDependency(resolver);
    }
  }
}

/** Synth fails, naming the culprit, when files, config and schema disagree. */
export function checkConventions(props: ResolversProps): void {
  const schema = buildSchema(props.schemaSdl);
  const problems: string[] = [];
  for (const [field, config] of Object.entries(props.resolvers)) {
    const [typeName, fieldName] = field.split('.');
    const type = schema.getType(typeName);
    if (!isObjectType(type) || !type.getFields()[fieldName]) problems.push(`${field} is configured but is not a field of the schema`);
    if (!existsSync(join(props.resolversDir, `${field}.ts`))) problems.push(`${field} is configured but resolvers/${field}.ts does not exist`);
    if (config.kind === 'pipeline') {
      for (const f of config.functions) if (!props.functions[f]) problems.push(`${field} uses pipeline function ${f}, which is not configured`);
    }
  }
  for (const file of readdirSync(props.resolversDir)) {
    if (!file.endsWith('.ts')) continue;
    const field = file.slice(0, -3);
    if (!/^[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(field)) {
      problems.push(`resolvers/${file} is not named <Type>.<field>.ts (shared code belongs in resolvers/lib/)`);
    } else if (!props.resolvers[field]) {
      problems.push(`resolvers/${file} is not wired: add '${field}' to infra/resolver-config.ts`);
    }
  }
  const fnDir = join(props.resolversDir, 'functions');
  for (const name of Object.keys(props.functions)) {
    if (!existsSync(join(fnDir, `${name}.ts`))) problems.push(`pipeline function ${name} is configured but resolvers/functions/${name}.ts does not exist`);
  }
  if (existsSync(fnDir)) {
    for (const file of readdirSync(fnDir)) {
      if (file.endsWith('.ts') && !props.functions[file.slice(0, -3)]) problems.push(`resolvers/functions/${file} is not configured in infra/resolver-config.ts`);
    }
  }
  if (problems.length > 0) throw new Error(`Resolver wiring is inconsistent:\n- ${problems.join('\n- ')}`);
}

/** The deployed SDL with AppSync's built-ins prepended, for build-time checks only. */
export function schemaForChecks(schemaDir: string): string {
  return readFileSync(join(schemaDir, 'appsync-builtins.graphql'), 'utf8') + '\n' + readFileSync(join(schemaDir, 'taskboard.graphql'), 'utf8');
}
