import { buildSync } from 'esbuild';

/**
 * Bundles one APPSYNC_JS resolver or pipeline function from `resolvers/` the way AWS recommends:
 * a single ES module, AppSync's service-provided modules left external, an inline source map
 * (AppSync accepts one, and the local runtime uses it to point errors at the TypeScript line).
 *
 * The CDK stack and the resolver unit tests both call this, so what is tested is what is deployed.
 */
export function bundleResolver(entryPath: string): string {
  const result = buildSync({
    entryPoints: [entryPath],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'esnext',
    platform: 'neutral',
    external: ['@aws-appsync/utils', '@aws-appsync/utils/*'],
    sourcemap: 'inline',
    sourcesContent: false,
    minify: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
