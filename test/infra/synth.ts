/**
 * Synthesizes the Taskboard app the way `npm run synth` does (infra/taskboard-app.ts: cdk.json's
 * context, cdk-nag as a validation plugin) into a temporary cloud assembly, and gives tests the
 * template, the validation report and a way to name resources by construct path.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnElement, type App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { inject } from 'vitest';
import { createTaskboardApp } from '../../infra/taskboard-app';
import type { TaskboardStack } from '../../infra/taskboard-stack';
import { readSharedTemplate } from '../helpers/shared-template';

export interface Violation {
  ruleName: string;
  severity: string;
  description: string;
  violatingConstructs?: Array<{ constructPath: string }>;
}

export interface Synthesized {
  app: App;
  stack: TaskboardStack;
  outdir: string;
  template: Template;
  /** Every violation in the validation report (cdk-nag, CDK's own rules, construct annotations). */
  violations: Violation[];
  /** The synth error when validation failed (a failing cdk-nag check fails synth). */
  failure?: Error;
  /** `Taskboard/GraphQL/Api/Resource` → its logical id, and back. */
  logicalId(path: string): string;
  pathOf(logicalId: string): string;
  dispose(): void;
}

export type Customize = (stack: TaskboardStack) => void;

export function givenSynthesizedStack(context: Record<string, unknown> = {}, customize?: Customize): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'taskboard-synth-'));
  const { app, stack } = createTaskboardApp({ outdir, context });
  customize?.(stack);
  let failure: Error | undefined;
  try {
    app.synth();
  } catch (error) {
    failure = error as Error;
  }
  const reportFile = join(outdir, 'validation-report.json');
  if (failure && !existsSync(reportFile)) throw failure;
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { pluginReports: Array<{ violations?: Violation[] }> };
  const template = Template.fromJSON(JSON.parse(readFileSync(join(outdir, stack.templateFile), 'utf8')) as Record<string, unknown>);

  const byPath = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    if (!CfnElement.isCfnElement(c)) continue;
    const id = stack.resolve(c.logicalId) as string;
    const path = c.node.path.replace(/\/(Resource|Default)$/, '');
    byPath.set(path, id);
    byId.set(id, path);
  }

  return {
    app, stack, outdir, template, failure,
    violations: report.pluginReports.flatMap((r) => r.violations ?? []),
    logicalId: (path) => {
      const id = byPath.get(path);
      if (!id) throw new Error(`no CloudFormation element at ${path}; known: ${[...byPath.keys()].join(', ')}`);
      return id;
    },
    pathOf: (logicalId) => byId.get(logicalId) ?? logicalId,
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export type Assembly = Pick<Synthesized, 'outdir' | 'template' | 'logicalId' | 'pathOf'>;

/**
 * The run's one synthesis (test/global-setup.ts: `npm run synth`'s app, cdk-nag included), read
 * back: suites that only inspect the default template share it instead of bundling again.
 * Resources are named by the `aws:cdk:path` metadata CDK writes on each of them.
 */
export function givenSharedAssembly(): Assembly {
  const outdir = inject('taskboardAssembly');
  const json = readSharedTemplate(outdir);
  const byPath = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const [id, resource] of Object.entries(json.Resources)) {
    const path = resource.Metadata?.['aws:cdk:path']?.replace(/\/(Resource|Default)$/, '');
    if (!path) continue;
    byPath.set(path, id);
    byId.set(id, path);
  }
  return {
    outdir, template: Template.fromJSON(json),
    logicalId: (path) => {
      const id = byPath.get(path);
      if (!id) throw new Error(`no CloudFormation element at ${path}; known: ${[...byPath.keys()].join(', ')}`);
      return id;
    },
    pathOf: (logicalId) => byId.get(logicalId) ?? logicalId,
  };
}

type Intrinsic = string | number | boolean | null | Intrinsic[] | { [key: string]: Intrinsic };

/**
 * Renders a CloudFormation value as readable text, naming resources by construct path:
 * `{ Fn::GetAtt: [DataTable…, Arn] }` → `Taskboard/Data/Table.Arn`, `{ Ref: AWS::Region }` → `AWS::Region`.
 */
export function render(value: unknown, synth: Pick<Synthesized, 'pathOf'>): string {
  const v = value as Intrinsic;
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => render(x, synth)).join(', ')}]`;
  if ('Ref' in v) return synth.pathOf(String(v.Ref));
  if ('Fn::GetAtt' in v) {
    const [id, attr] = v['Fn::GetAtt'] as [string, string];
    return `${synth.pathOf(id)}.${attr}`;
  }
  if ('Fn::Join' in v) {
    const [separator, parts] = v['Fn::Join'] as [string, Intrinsic[]];
    return parts.map((p) => render(p, synth)).join(separator);
  }
  return JSON.stringify(v);
}

export const asList = <T,>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
