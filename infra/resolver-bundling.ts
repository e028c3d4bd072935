import { join } from 'node:path';
import { buildSync } from 'esbuild';

/** Source paths in the map are relative to the project (`resolvers/Query.board.ts`), whatever the working directory. */
const projectDir = join(import.meta.dirname, '..');

/**
 * Bundles one APPSYNC_JS resolver or pipeline function from `resolvers/` the way AWS recommends:
 * a single ES module, AppSync's service-provided modules left external, an inline source map
 * (AppSync accepts one, and the local runtime uses it to point errors at the TypeScript line).
 * The map leaves out sourcesContent: the line numbers are all the runtime needs, and the code stays
 * well under AppSync's 32 KB limit (the largest bundle, map included, is about half of it).
 *
 * The CDK stack and the resolver unit tests both call this, so what is tested is what is deployed.
 */
export function bundleResolver(entryPath: string): string {
  const result = buildSync({
    entryPoints: [entryPath],
    bundle: true,
    write: false,
    absWorkingDir: projectDir,
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
