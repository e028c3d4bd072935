import { describe, expect, it } from 'vitest';
import { IntrinsicError, resolveIntrinsics, type IntrinsicContext } from '../../../local/assembly/intrinsics';

const ctx: IntrinsicContext = {
  region: 'eu-west-1', accountId: '123', partition: 'aws', stackName: 'S', urlSuffix: 'amazonaws.com',
  ref: (id) => `ref:${id}`,
  getAtt: (id, attr) => `${id}/${attr}`,
};

describe('resolveIntrinsics', () => {
  it.each([
    ['Ref of a resource', { Ref: 'Table' }, 'ref:Table'],
    ['Ref of a pseudo parameter', { Ref: 'AWS::Region' }, 'eu-west-1'],
    ['GetAtt as a list', { 'Fn::GetAtt': ['Fn', 'Arn'] }, 'Fn/Arn'],
    ['GetAtt as a dotted string', { 'Fn::GetAtt': 'Fn.Arn' }, 'Fn/Arn'],
    ['Join with nested intrinsics', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':x:', { Ref: 'AWS::AccountId' }]] }, 'arn:aws:x:123'],
    ['Sub with pseudo, Ref and GetAtt', { 'Fn::Sub': 'b-${AWS::AccountId}-${Table}-${Fn.Arn}-${!Literal}' }, 'b-123-ref:Table-Fn/Arn-${Literal}'],
    ['Sub with variables', { 'Fn::Sub': ['${A}-${AWS::Region}', { A: { Ref: 'T' } }] }, 'ref:T-eu-west-1'],
    ['Select of Split', { 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] }, 'b'],
    ['nested objects and arrays', { a: [{ Ref: 'X' }], b: { c: { Ref: 'AWS::StackName' } } }, { a: ['ref:X'], b: { c: 'S' } }],
  ])('%s', (_name, value, expected) => {
    expect(resolveIntrinsics(value, ctx)).toEqual(expected);
  });

  it('names an intrinsic it cannot resolve', () => {
    expect(() => resolveIntrinsics({ 'Fn::ImportValue': 'x' }, ctx)).toThrow(IntrinsicError);
    expect(() => resolveIntrinsics({ 'Fn::ImportValue': 'x' }, ctx)).toThrow(/Fn::ImportValue is not supported/);
  });
});
