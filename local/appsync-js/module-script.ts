/**
 * Turns the ES module esbuild emits for AppSync into a classic script for `node:vm` (whose
 * module API needs a flag on Node 20), keeping every line where it was so that error positions
 * still point at the code that was given: imports become same-line `var` bindings from
 * `__module(...)`, `export` keywords become spaces, and the export list is assigned at the end.
 */
import { parse, type Node } from 'acorn';

type AnyNode = Node & Record<string, unknown>;

const newlinesOf = (text: string) => text.replace(/[^\n]/g, '');

export function moduleToScript(code: string): string {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as { body: AnyNode[] };
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const exported: Array<{ name: string; local: string }> = [];

  for (const node of program.body) {
    if (node.type === 'ImportDeclaration') {
      const source = JSON.stringify((node.source as AnyNode).value);
      const bindings = (node.specifiers as AnyNode[]).map((s) => {
        const local = (s.local as AnyNode).name as string;
        if (s.type === 'ImportNamespaceSpecifier') return `${local} = __module(${source})`;
        if (s.type === 'ImportDefaultSpecifier') return `${local} = __module(${source}).default`;
        return `${local} = __module(${source})[${JSON.stringify(((s.imported as AnyNode).name ?? (s.imported as AnyNode).value) as string)}]`;
      });
      const original = code.slice(node.start, node.end);
      const text = bindings.length > 0 ? `var ${bindings.join(', ')};` : `__module(${source});`;
      edits.push({ start: node.start, end: node.end, text: text + newlinesOf(original) });
    } else if (node.type === 'ExportNamedDeclaration') {
      const declaration = node.declaration as AnyNode | null;
      if (declaration) {
        edits.push({ start: node.start, end: declaration.start, text: ' '.repeat(declaration.start - node.start) });
        if (declaration.type === 'FunctionDeclaration') {
          const name = (declaration.id as AnyNode).name as string;
          exported.push({ name, local: name });
        } else {
          for (const d of declaration.declarations as AnyNode[]) {
            const id = d.id as AnyNode;
            if (id.type === 'Identifier') exported.push({ name: id.name as string, local: id.name as string });
          }
        }
      } else {
        for (const s of node.specifiers as AnyNode[]) {
          exported.push({ name: ((s.exported as AnyNode).name ?? (s.exported as AnyNode).value) as string, local: (s.local as AnyNode).name as string });
        }
        const original = code.slice(node.start, node.end);
        edits.push({ start: node.start, end: node.end, text: ' '.repeat(original.replace(/\n/g, '').length) + newlinesOf(original) });
      }
    } else if (node.type === 'ExportDefaultDeclaration' || node.type === 'ExportAllDeclaration') {
      throw new SyntaxError('Only named exports (request, response) are supported');
    }
  }

  let script = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    script = script.slice(0, edit.start) + edit.text + script.slice(edit.end);
  }
  const assignments = exported.map((e) => `__exports[${JSON.stringify(e.name)}] = ${e.local};`).join(' ');
  return `"use strict";${script}\n${assignments}\n`;
}
