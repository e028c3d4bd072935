import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, getNamedType, isObjectType, type GraphQLSchema, type ConstDirectiveNode } from 'graphql';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const read = (f: string) => readFileSync(resolve(root, 'schema', f), 'utf8');
const schema: GraphQLSchema = buildSchema(read('appsync-builtins.graphql') + '\n' + read('taskboard.graphql'));

const fieldsOf = (type: string) => {
  const t = schema.getType(type);
  if (!isObjectType(t)) throw new Error(`${type} is not an object type`);
  return t.getFields();
};
const directive = (nodes: readonly ConstDirectiveNode[] | undefined, name: string) =>
  nodes?.find((d) => d.name.value === name);

describe('schema/taskboard.graphql', () => {
  it('does not redeclare AppSync built-ins (AppSync rejects that)', () => {
    expect(read('taskboard.graphql')).not.toMatch(/^\s*(scalar|directive)\s/m);
  });

  it.each([
    ['Query', ['me', 'board', 'myBoards', 'task', 'myTasks', 'boardActivity', 'boardStats']],
    ['Mutation', ['updateProfile', 'createBoard', 'updateBoard', 'deleteBoard', 'addMember', 'updateMemberRole', 'removeMember',
      'leaveBoard', 'createTask', 'updateTask', 'moveTask', 'deleteTask', 'addComment', 'deleteComment', 'publishActivity']],
    ['Subscription', ['onTaskChanged', 'onCommentAdded', 'onMemberChanged', 'onActivity']],
  ])('%s declares the operations the API promises', (type, names) => {
    expect(Object.keys(fieldsOf(type)).sort()).toEqual([...names].sort());
  });

  it('every subscription listens to mutations that exist and return its type', () => {
    const mutations = fieldsOf('Mutation');
    for (const field of Object.values(fieldsOf('Subscription'))) {
      const sub = directive(field.astNode?.directives, 'aws_subscribe');
      expect(sub, `${field.name} has @aws_subscribe`).toBeDefined();
      const arg = sub!.arguments!.find((a) => a.name.value === 'mutations')!;
      const names = arg.value.kind === 'ListValue' ? arg.value.values.map((v) => (v.kind === 'StringValue' ? v.value : '')) : [];
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        expect(mutations[name], `${field.name} listens to ${name}`).toBeDefined();
        expect(getNamedType(mutations[name].type).name).toBe(getNamedType(field.type).name);
      }
      // Every subscription argument must be a field of the published type, or it can never match.
      const published = fieldsOf(getNamedType(field.type).name);
      for (const a of field.args) expect(published[a.name], `${field.name}(${a.name})`).toBeDefined();
    }
  });

  it('lets IAM callers reach only publishActivity and the types it returns', () => {
    const iamFields = Object.values(fieldsOf('Mutation')).filter((f) => directive(f.astNode?.directives, 'aws_iam'));
    expect(iamFields.map((f) => f.name)).toEqual(['publishActivity']);
    for (const type of ['Activity', 'User']) {
      const node = schema.getType(type)!.astNode as { directives?: readonly ConstDirectiveNode[] };
      expect(directive(node.directives, 'aws_iam'), `${type} allows IAM`).toBeDefined();
      expect(directive(node.directives, 'aws_cognito_user_pools'), `${type} still allows user pools`).toBeDefined();
    }
  });

  it('uses AppSync scalars for dates and emails', () => {
    expect(String(fieldsOf('Task').dueDate.type)).toBe('AWSDate');
    expect(String(fieldsOf('User').email.type)).toBe('AWSEmail!');
    expect(String(fieldsOf('Task').createdAt.type)).toBe('AWSDateTime!');
  });

  it('never exposes storage keys', () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const name of Object.keys(type.getFields())) expect(name).not.toMatch(/^(pk|sk|lsi\d+sk|gsi\d+(pk|sk)|expiresAt)$/);
    }
  });
});
