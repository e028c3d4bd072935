/**
 * Given/when/then for resolver unit tests: bundle a file from resolvers/ exactly as the CDK stack
 * does, then evaluate its handlers through the EvaluateCode-compatible evaluator.
 *
 *   const { result } = await givenResolver('resolvers/Query.board.ts').whenRequest(ctx);
 */
import { resolve } from 'node:path';
import { bundleResolver } from '../../infra/resolver-bundling';
import { evaluateCode, type EvaluateCodeOutput, type HandlerContext } from '../../local/index';

const root = resolve(import.meta.dirname, '../..');
const bundles = new Map<string, string>();

export interface Evaluation {
  /** What the handler returned (the data-source request, or the field value), when it did not fail. */
  result?: unknown;
  /** `util.error` / runtime errors / `util.unauthorized` (message "Unauthorized"), as EvaluateCode reports them. */
  error?: EvaluateCodeOutput['error'];
  stash: Record<string, unknown>;
  outErrors: unknown[];
  logs: string[];
}

async function evaluate(code: string, fn: 'request' | 'response', ctx: HandlerContext): Promise<Evaluation> {
  const output = await evaluateCode({ runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' }, code, context: JSON.stringify(ctx), function: fn });
  return {
    result: output.evaluationResult === undefined ? undefined : JSON.parse(output.evaluationResult),
    error: output.error,
    stash: output.stash ? JSON.parse(output.stash) : {},
    outErrors: output.outErrors ? JSON.parse(output.outErrors) : [],
    logs: output.logs,
  };
}

export function givenResolver(file: string) {
  const path = resolve(root, file);
  let code = bundles.get(path);
  if (!code) {
    code = bundleResolver(path);
    bundles.set(path, code);
  }
  const bundled = code;
  return {
    code: bundled,
    whenRequest: (ctx: HandlerContext) => evaluate(bundled, 'request', ctx),
    whenResponse: (ctx: HandlerContext) => evaluate(bundled, 'response', ctx),
  };
}

/** A Cognito user-pool identity as AppSync builds it. */
export function cognitoIdentity(sub: string, groups: string[] | null = null) {
  return {
    sub, username: sub, groups, issuer: 'https://cognito-idp.us-east-1.amazonaws.com/local', sourceIp: ['127.0.0.1'],
    defaultAuthStrategy: 'ALLOW', claims: { sub, 'cognito:username': sub, ...(groups ? { 'cognito:groups': groups } : {}) },
  };
}

export const TABLE_ENV = { TABLE_NAME: 'Taskboard-Table' };
