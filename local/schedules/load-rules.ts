/**
 * `AWS::Events::Rule` resources as the local runtime serves them: scheduled rules
 * (ScheduleExpression) whose targets are the template's Lambda functions. Rules that match events
 * (EventPattern only), non-Lambda targets and input transformations are reported, never dropped.
 */
import { parseScheduleExpression, ScheduleExpressionError } from './expression';

export interface ScheduleTargetModel {
  id: string;
  /** The target's ARN as written (a function, alias or version ARN). */
  arn: string;
  functionLogicalId: string;
  functionName: string;
  /** `Input`: the JSON text the target receives instead of the scheduled event. */
  input?: string;
}

export interface ScheduleRuleModel {
  logicalId: string;
  name: string;
  arn: string;
  scheduleExpression: string;
  /** ENABLED (the default) or DISABLED; a disabled rule never runs on its schedule. */
  state: string;
  description?: string;
  targets: ScheduleTargetModel[];
}

export interface UnsupportedEntry { logicalId: string; type: string; reason: string }

type Props = Record<string, unknown>;

export function loadScheduleRules(
  rules: Array<{ logicalId: string; name: string; arn: string; props: Props }>,
  lambdas: Record<string, { logicalId: string; functionName: string; arn: string }>,
): { rules: ScheduleRuleModel[]; unsupported: UnsupportedEntry[] } {
  const out: ScheduleRuleModel[] = [];
  const unsupported: UnsupportedEntry[] = [];
  const byArn = new Map(Object.values(lambdas).map((fn) => [fn.arn, fn]));
  for (const { logicalId, name, arn, props } of rules) {
    const expression = props.ScheduleExpression;
    if (typeof expression !== 'string') {
      unsupported.push({ logicalId, type: 'AWS::Events::Rule', reason: 'rules matching events (EventPattern) are not served: the local runtime has no event bus; only scheduled rules run' });
      continue;
    }
    try {
      parseScheduleExpression(expression);
    } catch (error) {
      if (!(error instanceof ScheduleExpressionError)) throw error;
      unsupported.push({ logicalId, type: 'AWS::Events::Rule', reason: error.message });
      continue;
    }
    const targets: ScheduleTargetModel[] = [];
    for (const target of (props.Targets as Props[] | undefined) ?? []) {
      const id = String(target.Id);
      const targetArn = String(target.Arn);
      const where = { logicalId, type: `AWS::Events::Rule target ${id}` };
      // A version or alias ARN (…:function:name:qualifier) runs the function's one local version.
      const fn = byArn.get(targetArn.split(':').slice(0, 7).join(':'));
      if (!fn) {
        unsupported.push({ ...where, reason: `only the template's Lambda functions are served as targets, not ${targetArn}` });
        continue;
      }
      if (target.InputPath !== undefined || target.InputTransformer !== undefined) {
        unsupported.push({ ...where, reason: 'InputPath and InputTransformer are not applied locally; use Input or the scheduled event' });
        continue;
      }
      if (target.Input !== undefined && !isJson(target.Input)) {
        unsupported.push({ ...where, reason: 'Input must be valid JSON text' });
        continue;
      }
      targets.push({ id, arn: targetArn, functionLogicalId: fn.logicalId, functionName: fn.functionName, input: target.Input as string | undefined });
    }
    out.push({
      logicalId, name, arn, scheduleExpression: expression,
      state: typeof props.State === 'string' ? props.State : 'ENABLED',
      description: props.Description as string | undefined,
      targets,
    });
  }
  return { rules: out, unsupported };
}

function isJson(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
