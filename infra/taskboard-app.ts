import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { TaskboardStack } from './taskboard-stack';

const root = join(import.meta.dirname, '..');

export const STACK_NAME = 'Taskboard';

export interface TaskboardAppOptions {
  /** Where the cloud assembly goes; the CDK CLI sets it through the environment. */
  outdir?: string;
  /** Extra context, as `-c key=value` would pass it (e.g. `{ introspection: 'false' }`). */
  context?: Record<string, unknown>;
}

/**
 * The CDK app exactly as `npm run synth` builds it: cdk.json's context (feature flags), the one
 * stack, and cdk-nag's AwsSolutions pack as a validation plugin, so any unacknowledged finding
 * fails synthesis. infra/bin/app.ts and the infra tests both call this; nothing can drift.
 */
export function createTaskboardApp(options: TaskboardAppOptions = {}): { app: App; stack: TaskboardStack } {
  // Constructor context has the lowest precedence: under the CLI, cdk.json and `-c` still win.
  const cdkJson = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  const app = new App({ outdir: options.outdir, context: { ...cdkJson.context, ...options.context } });
  // Environment-agnostic on purpose: synth needs no AWS account or region, and `cdk deploy`
  // takes both from the caller's credentials.
  const stack = new TaskboardStack(app, STACK_NAME, {
    description: 'Taskboard: real-time collaborative task board API (AppSync, Cognito, DynamoDB, Lambda)',
    introspection: contextFlag(app.node.tryGetContext('introspection'), true),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

/** `-c name=false` arrives as the string 'false'; cdk.json gives a boolean. */
function contextFlag(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  return value !== false && value !== 'false';
}
