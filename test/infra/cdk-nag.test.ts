/**
 * cdk-nag v3 runs as a CDK validation plugin: a finding fails synthesis and lands in the cloud
 * assembly's validation-report.json (construct annotations too, with
 * `@aws-cdk/core:annotationsInValidationReport`). These tests read that report, prove the check
 * is live with a deliberately non-compliant resource, and pin the list of acknowledged findings.
 */
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenSynthesizedStack, type Synthesized } from './synth';

let synth: Synthesized;
// Findings depend on the constructs, not on what the Lambda bundles contain: bundling is skipped.
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

// A synthesis of its own (the construct tree's annotations are read).
beforeAll(() => {
  synth = givenSynthesizedStack(NO_BUNDLING);
}, 120_000);
afterAll(() => synth?.dispose());

describe('cdk-nag AwsSolutions', () => {
  it('passes: synth succeeds and the validation report holds no violation', () => {
    expect(synth.failure).toBeUndefined();
    expect(synth.violations).toEqual([]);
  });

  it('leaves no AwsSolutions error or warning, nor any other CDK warning, as an annotation', () => {
    const annotations = Annotations.fromStack(synth.stack);
    expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('is live: a non-compliant resource fails synth, and only that resource is reported', () => {
    const canary = givenSynthesizedStack(NO_BUNDLING, (stack) => new Queue(stack, 'NagCanary'));
    try {
      expect(canary.failure?.message).toMatch(/AwsSolutions-SQS4[\s\S]*validation-report\.json/);
      const rules = canary.violations.map((v) => v.ruleName);
      expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
      const paths = new Set(canary.violations.flatMap((v) => (v.violatingConstructs ?? []).map((c) => c.constructPath)));
      expect([...paths]).toEqual(['Taskboard/NagCanary/Resource']);
    } finally {
      canary.dispose();
    }
  }, 120_000);

  it('acknowledges only these findings, each on its own construct, each with a specific reason', () => {
    const acknowledged: Record<string, string[]> = {};
    for (const c of synth.stack.node.findAll()) {
      for (const entry of c.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          expect(String(reason).length, `${c.node.path} ${id}`).toBeGreaterThan(60);
          (acknowledged[c.node.path] ??= []).push(id.replace(/^annotation::/i, '').replace(/^AwsSolutions::/, ''));
        }
      }
    }
    for (const ids of Object.values(acknowledged)) ids.sort();
    expect(acknowledged).toEqual({
      'Taskboard/Auth/UserPool': ['AwsSolutions-COG2', 'AwsSolutions-COG8'],
      'Taskboard/BoardStats/Role': ['AwsSolutions-IAM5[Resource::*]'],
      'Taskboard/BoardStats/Function': ['AwsSolutions-L1'],
      'Taskboard/AddMember/Role': ['AwsSolutions-IAM5[Resource::*]'],
      'Taskboard/AddMember/Function': ['AwsSolutions-L1'],
      'Taskboard/DeleteBoard/Role': ['AwsSolutions-IAM5[Resource::*]'],
      'Taskboard/DeleteBoard/Function': ['AwsSolutions-L1'],
      'Taskboard/ActivityStream/FailedBatches': ['AwsSolutions-SQS3'],
      'Taskboard/ActivityStream/Handler/Role': ['AwsSolutions-IAM5[Resource::*]'],
      'Taskboard/ActivityStream/Handler/Function': ['AwsSolutions-L1'],
      'Taskboard/OverdueDigest/Handler/Role': ['AwsSolutions-IAM5[Resource::*]'],
      'Taskboard/OverdueDigest/Handler/Function': ['AwsSolutions-L1'],
      'Taskboard/PostConfirmation/Role': ['AwsSolutions-IAM5[Resource::*]'],
      'Taskboard/PostConfirmation/Function': ['AwsSolutions-L1'],
    });
  });
});
