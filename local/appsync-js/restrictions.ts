/**
 * Static checks of APPSYNC_JS's documented restrictions (what `@aws-appsync/eslint-plugin`
 * forbids), reported with line and column like the service's "The code contains one or more
 * errors." Runs once per code hash, at compile time.
 */
import { parse, type Node } from 'acorn';
import { ancestor } from 'acorn-walk';

export const MAX_CODE_LENGTH = 32_768;

export interface CodeError {
  errorType: 'PARSER_ERROR' | 'UNSUPPORTED_FEATURE' | 'CODE_SIZE_LIMIT';
  value: string;
  location: { line: number; column: number; span: number };
}

type AnyNode = Node & Record<string, unknown> & { loc?: { start: { line: number; column: number } } };

const FEATURE_MESSAGES: Record<string, string> = {
  ClassDeclaration: 'Classes are not supported',
  ClassExpression: 'Classes are not supported',
  ThisExpression: 'this is not supported',
  ForStatement: 'for loops are not supported (for-in and for-of are)',
  WhileStatement: 'While statements are not supported',
  DoWhileStatement: 'Do-while statements are not supported',
  ContinueStatement: 'continue is not supported',
  LabeledStatement: 'Labels are not supported',
  TryStatement: 'try/catch is not supported: use util.error',
  ThrowStatement: 'throw is not supported: use util.error',
  AwaitExpression: 'await is not supported',
  YieldExpression: 'yield is not supported',
  WithStatement: 'with is not supported',
};

/** Static methods the runtime does not implement (the eslint plugin's no-disallowed-methods). */
const DENIED_STATIC: Record<string, ReadonlySet<string>> = {
  Object: new Set(['create', 'defineProperties', 'defineProperty', 'freeze', 'getOwnPropertyDescriptor', 'getOwnPropertyDescriptors',
    'getOwnPropertyNames', 'getOwnPropertySymbols', 'getPrototypeOf', 'is', 'isExtensible', 'isFrozen', 'isSealed', 'preventExtensions',
    'seal', 'setPrototypeOf']),
  Array: new Set(['from', 'of']),
  String: new Set(['fromCharCode', 'fromCodePoint']),
};
/** Instance methods denied by name: no supported type has a method of the same name. */
const DENIED_INSTANCE = new Set(['copyWithin', 'charCodeAt', 'padStart', 'padEnd', 'localeCompare', 'matchAll', 'groupToMap']);
/** The only calls that may take a function argument (array callbacks). */
const CALLBACK_METHODS = new Set(['map', 'find', 'filter', 'findIndex', 'findLast', 'findLastIndex', 'forEach', 'reduce', 'reduceRight', 'every', 'some', 'flatMap']);
const isFunctionNode = (n: AnyNode) => n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression';

/** Returns every violation (empty when the code is acceptable). */
export function checkRestrictions(code: string): CodeError[] {
  if (code.length > MAX_CODE_LENGTH) {
    return [{ errorType: 'CODE_SIZE_LIMIT', value: `Code size ${code.length} exceeds the limit of ${MAX_CODE_LENGTH} characters`, location: { line: 1, column: 0, span: 0 } }];
  }
  let program: Node;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  } catch (error) {
    const e = error as SyntaxError & { loc?: { line: number; column: number } };
    return [{ errorType: 'PARSER_ERROR', value: e.message, location: { line: e.loc?.line ?? 1, column: e.loc?.column ?? 0, span: 1 } }];
  }

  const errors: CodeError[] = [];
  const report = (node: AnyNode, value: string) =>
    errors.push({ errorType: 'UNSUPPORTED_FEATURE', value, location: { line: node.loc!.start.line, column: node.loc!.start.column, span: node.end - node.start } });

  const visitor: Record<string, (node: AnyNode, state: unknown, ancestors: AnyNode[]) => void> = {};
  for (const [type, message] of Object.entries(FEATURE_MESSAGES)) visitor[type] = (node) => report(node, message);
  const functionCheck = (node: AnyNode) => {
    if (node.async) report(node, 'Async processes and promises are not supported');
    if (node.generator) report(node, 'Generators are not supported');
  };
  visitor.FunctionDeclaration = functionCheck;
  visitor.FunctionExpression = functionCheck;
  visitor.ArrowFunctionExpression = functionCheck;
  visitor.Literal = (node) => {
    if (node.regex) report(node, 'Regex literals are not supported');
  };
  visitor.UpdateExpression = (node) => report(node, `The operator ${String(node.operator)} is not supported`);
  visitor.UnaryExpression = (node) => {
    if (node.operator === '~') report(node, 'The operator ~ is not supported');
  };
  visitor.BinaryExpression = (node) => {
    if (node.operator === 'in') report(node, 'The in operator is not supported: use Object.hasOwn');
    if (node.operator === 'instanceof') report(node, 'The instanceof operator is not supported');
  };
  visitor.Identifier = (node) => {
    if (node.name === 'Promise') report(node, 'Async processes and promises are not supported');
  };
  visitor.CallExpression = (node, _state, ancestors) => {
    const callee = node.callee as AnyNode;
    if (callee.type === 'MemberExpression' && !callee.computed) {
      const object = callee.object as AnyNode;
      const method = String((callee.property as AnyNode).name);
      if (object.type === 'Identifier' && DENIED_STATIC[String(object.name)]?.has(method)) report(node, `Method ${String(object.name)}.${method} is not implemented`);
      else if (DENIED_INSTANCE.has(method)) report(node, `Method ${method} is not implemented`);
    }
    const callbackAllowed = callee.type === 'MemberExpression' && !callee.computed && CALLBACK_METHODS.has(String((callee.property as AnyNode).name));
    if (!callbackAllowed && (node.arguments as AnyNode[]).some(isFunctionNode)) {
      report(node, 'Passing functions as arguments is not supported (except array callbacks such as map and filter)');
    }
    // Direct recursion: a named function calling itself (the service rejects recursion).
    if (callee.type !== 'Identifier') return;
    for (const a of ancestors) {
      if ((a.type === 'FunctionDeclaration' || a.type === 'FunctionExpression') && (a.id as AnyNode | null)?.name === callee.name) {
        report(node, `Recursion is not supported (${String(callee.name)} calls itself)`);
        return;
      }
    }
  };
  visitor.ImportDeclaration = (node) => {
    const source = String((node.source as AnyNode).value);
    if (!source.startsWith('@aws-appsync/utils')) report(node, `Only @aws-appsync/utils modules can be imported, not '${source}'`);
  };
  ancestor(program, visitor as never);
  return errors.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}
