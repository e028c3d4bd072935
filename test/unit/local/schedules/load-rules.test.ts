/**
 * How the loader models `AWS::Events::Rule`: scheduled rules with Lambda targets are served;
 * event-pattern rules, other targets, input transformations and invalid expressions are reported.
 */
import { describe, expect, it } from 'vitest';
import { loadScheduleRules } from '../../../../local/schedules/load-rules';

const lambdas = { DigestFn: { logicalId: 'DigestFn', functionName: 'Stack-DigestFn', arn: 'arn:aws:lambda:us-east-1:000000000000:function:Stack-DigestFn' } };
const rule = (logicalId: string, props: Record<string, unknown>) => ({ logicalId, name: `Stack-${logicalId}`, arn: `arn:aws:events:us-east-1:000000000000:rule/Stack-${logicalId}`, props });

describe('loadScheduleRules', () => {
  it('models a scheduled rule with its Lambda targets, Input and state (ENABLED by default)', () => {
    const out = loadScheduleRules([
      rule('Daily', { ScheduleExpression: 'cron(0 6 * * ? *)', Targets: [{ Id: 'T1', Arn: lambdas.DigestFn.arn }, { Id: 'T2', Arn: `${lambdas.DigestFn.arn}:live`, Input: '{"mode":"all"}' }] }),
      rule('Off', { ScheduleExpression: 'rate(1 hour)', State: 'DISABLED', Description: 'paused', Targets: [{ Id: 'T', Arn: lambdas.DigestFn.arn }] }),
    ], lambdas);
    expect(out.unsupported).toEqual([]);
    expect(out.rules).toEqual([
      {
        logicalId: 'Daily', name: 'Stack-Daily', arn: 'arn:aws:events:us-east-1:000000000000:rule/Stack-Daily', scheduleExpression: 'cron(0 6 * * ? *)', state: 'ENABLED', description: undefined,
        targets: [
          { id: 'T1', arn: lambdas.DigestFn.arn, functionLogicalId: 'DigestFn', functionName: 'Stack-DigestFn', input: undefined },
          { id: 'T2', arn: `${lambdas.DigestFn.arn}:live`, functionLogicalId: 'DigestFn', functionName: 'Stack-DigestFn', input: '{"mode":"all"}' },
        ],
      },
      expect.objectContaining({ logicalId: 'Off', state: 'DISABLED', description: 'paused' }),
    ]);
  });

  it('reports what it cannot serve, by logical id, with a reason', () => {
    const out = loadScheduleRules([
      rule('Pattern', { EventPattern: { source: ['aws.s3'] }, Targets: [{ Id: 'T', Arn: lambdas.DigestFn.arn }] }),
      rule('Bad', { ScheduleExpression: 'cron(0 6 * * * *)', Targets: [] }),
      rule('Mixed', { ScheduleExpression: 'rate(5 minutes)', Targets: [
        { Id: 'Queue', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' },
        { Id: 'Shaped', Arn: lambdas.DigestFn.arn, InputTransformer: { InputTemplate: '"x"' } },
        { Id: 'Broken', Arn: lambdas.DigestFn.arn, Input: '{nope' },
        { Id: 'Fine', Arn: lambdas.DigestFn.arn },
      ] }),
    ], lambdas);
    expect(out.unsupported).toEqual([
      { logicalId: 'Pattern', type: 'AWS::Events::Rule', reason: expect.stringMatching(/EventPattern.*no event bus/) },
      { logicalId: 'Bad', type: 'AWS::Events::Rule', reason: expect.stringMatching(/ScheduleExpression is not valid: cron\(0 6 \* \* \* \*\) \(use \? in exactly one/) },
      { logicalId: 'Mixed', type: 'AWS::Events::Rule target Queue', reason: expect.stringContaining('arn:aws:sqs:us-east-1:000000000000:q') },
      { logicalId: 'Mixed', type: 'AWS::Events::Rule target Shaped', reason: expect.stringContaining('InputTransformer') },
      { logicalId: 'Mixed', type: 'AWS::Events::Rule target Broken', reason: 'Input must be valid JSON text' },
    ]);
    expect(out.rules.map((r) => [r.logicalId, r.targets.map((t) => t.id)])).toEqual([['Mixed', ['Fine']]]);
  });
});
