/**
 * Cost of the APPSYNC_JS sandbox: the same bundled resolver code run (a) through the cached
 * evaluator (`runHandler`: fresh ctx copied in, result copied out) and (b) as plain JavaScript in
 * this realm with the same util implementations, in the same process. Prints evaluations per
 * second and the ratio. Aim: within 5x.
 *
 * Run alone: `npx tsx bench/evaluator.bench.ts`.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleResolver } from '../infra/resolver-bundling';
import { compileCode, runHandler, type HandlerContext } from '../local/index';
import { moduleToScript } from '../local/appsync-js/module-script';
import * as dynamodbModule from '../local/appsync-js/modules/dynamodb';
import { newEvaluationState } from '../local/appsync-js/state';
import { createExtensions, createRuntime, createUtil } from '../local/appsync-js/util/index';

type Handler = (ctx: Record<string, unknown>) => unknown;
const ROUND_MS = 1_500;
const root = join(import.meta.dirname, '..');

/** The same code as plain JS in this realm: no sandbox, no copies. */
function plainHandlers(code: string): Record<'request' | 'response', Handler> {
  const state = newEvaluationState();
  const util = createUtil(() => state);
  const modules: Record<string, unknown> = {
    '@aws-appsync/utils': { util, runtime: createRuntime(), extensions: createExtensions(() => state) },
    '@aws-appsync/utils/dynamodb': dynamodbModule,
  };
  const exportsObject: Record<string, Handler> = {};
  // The baseline runs our own bundled resolver code in this realm.
  new Function('__module', '__exports', 'util', moduleToScript(code))((name: string) => modules[name], exportsObject, util);
  return exportsObject as Record<'request' | 'response', Handler>;
}

function perSecond(fn: () => void): number {
  for (let i = 0; i < 2_000; i += 1) fn();
  let ops = 0;
  const start = performance.now();
  while (performance.now() - start < ROUND_MS) {
    for (let i = 0; i < 200; i += 1) fn();
    ops += 200;
  }
  return (ops * 1000) / (performance.now() - start);
}

const ctxFor = (): HandlerContext => ({
  arguments: { id: 'b1' },
  identity: { sub: 'alice', username: 'alice', groups: null },
  stash: { boardId: 'b1', requiredRole: 'VIEWER' },
  env: { TABLE_NAME: 'Taskboard-Table' },
});

function row(name: string, sandboxed: number, plain: number): void {
  process.stdout.write(`${name.padEnd(44)} ${sandboxed.toFixed(0).padStart(9)}/s ${plain.toFixed(0).padStart(10)}/s   ${(plain / sandboxed).toFixed(2)}x\n`);
}

export async function run(): Promise<void> {
  process.stdout.write(`${'workload'.padEnd(44)} ${'evaluator'.padStart(11)} ${'plain JS'.padStart(12)}   ratio (plain/evaluator)\n`);

  const getBoard = bundleResolver(join(root, 'resolvers/functions/getBoard.ts'));
  const compiled = compileCode(getBoard);
  const plain = plainHandlers(getBoard);
  row('GetItem request handler (getBoard)', perSecond(() => runHandler(compiled, 'request', ctxFor())),
    perSecond(() => JSON.parse(JSON.stringify(plain.request(JSON.parse(JSON.stringify(ctxFor())))))));

  // A pipeline of three functions: before → (request, response) × 3 → after.
  const files = ['resolvers/Query.board.ts', 'resolvers/functions/loadMembership.ts', 'resolvers/functions/getBoard.ts', 'resolvers/functions/getBoard.ts'];
  const codes = files.map((f) => bundleResolver(join(root, f)));
  const steps = codes.map((c) => ({ compiled: compileCode(c), plain: plainHandlers(c) }));
  const membership = { boardId: 'b1', userId: 'alice', role: 'OWNER' };
  const board = { id: 'b1', name: 'n', description: null, ownerId: 'alice', taskCount: 1, memberCount: 1, createdAt: 'c', updatedAt: 'u', version: 1 };
  const results = [membership, board, board];
  const sandboxedPipeline = () => {
    let ctx = ctxFor();
    let prev = runHandler(steps[0].compiled, 'request', ctx);
    for (let i = 1; i <= 3; i += 1) {
      ctx = { ...ctx, stash: prev.stash };
      const req = runHandler(steps[i].compiled, 'request', ctx);
      prev = runHandler(steps[i].compiled, 'response', { ...ctx, stash: req.stash, result: results[i - 1] });
    }
    runHandler(steps[0].compiled, 'response', { ...ctx, stash: prev.stash, prev: { result: board } });
  };
  const plainPipeline = () => {
    const ctx = JSON.parse(JSON.stringify(ctxFor())) as Record<string, unknown>;
    ctx.args = ctx.arguments;
    steps[0].plain.request(ctx);
    for (let i = 1; i <= 3; i += 1) {
      steps[i].plain.request(ctx);
      steps[i].plain.response({ ...ctx, result: results[i - 1] });
    }
    JSON.stringify(steps[0].plain.response({ ...ctx, prev: { result: board } }));
  };
  row('pipeline: before + 3 functions + after', perSecond(sandboxedPipeline), perSecond(plainPipeline));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
