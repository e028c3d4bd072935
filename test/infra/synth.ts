import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { TaskboardStack } from '../../infra/taskboard-stack';

export interface Synthesized {
  stack: TaskboardStack;
  template: Template;
  /** cdk-nag violations from the cloud assembly's validation report (empty when compliant). */
  nagViolations: unknown[];
}

/** Synthesizes the Taskboard stack the way `npm run synth` does, with cdk-nag applied. */
export function givenSynthesizedStack(context: Record<string, unknown> = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'taskboard-synth-'));
  const app = new App({ outdir, context });
  const introspection = app.node.tryGetContext('introspection');
  const stack = new TaskboardStack(app, 'Taskboard', { introspection: introspection !== false && introspection !== 'false' });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: Array<{ violations?: unknown[] }>;
  };
  return { stack, template: Template.fromStack(stack), nagViolations: report.pluginReports.flatMap((r) => r.violations ?? []) };
}
