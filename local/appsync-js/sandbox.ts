/**
 * One isolated `node:vm` context per compiled resolver code. The runtime surface is bridged in
 * through functions created inside the context, and every value a host helper returns is
 * copied into the context's realm, so resolver code never holds a host object (whose
 * `constructor.constructor` would be the host's Function and a way out to `process`).
 */
import { createContext, runInContext, Script } from 'node:vm';
import type { EvaluationState } from './state';
import { TYPED } from './typed-value';
import { createConsole, createExtensions, createRuntime, createUtil } from './util/index';
import * as dynamodbModule from './modules/dynamodb';

export const CODE_FILENAME = 'code.js';

/** Functions that live in the context's realm: copy data in, and wrap host functions. */
interface Bridge {
  copyIn(value: unknown): unknown;
  bridge(value: unknown): unknown;
  parse(json: string): unknown;
}

const BRIDGE_SOURCE = `(function (TYPED) {
  'use strict';
  function copyIn(v) {
    if (v === null || typeof v !== 'object') return typeof v === 'function' ? undefined : v;
    if (Array.isArray(v)) { var a = []; for (var i = 0; i < v.length; i += 1) a.push(copyIn(v[i])); return a; }
    var o = {}; var keys = Object.keys(v);
    for (var j = 0; j < keys.length; j += 1) { var x = v[keys[j]]; if (x !== undefined) o[keys[j]] = copyIn(x); }
    if (v[TYPED] === true) Object.defineProperty(o, TYPED, { value: true });
    return o;
  }
  function bridge(v) {
    if (typeof v === 'function') {
      var hostFn = v;
      return function () { return copyIn(hostFn.apply(undefined, arguments)); };
    }
    if (v === null || typeof v !== 'object') return v;
    var o = {}; var keys = Object.keys(v);
    for (var j = 0; j < keys.length; j += 1) o[keys[j]] = bridge(v[keys[j]]);
    return o;
  }
  return { copyIn: copyIn, bridge: bridge, parse: JSON.parse };
})`;

export interface Handlers {
  request?: (ctx: unknown) => unknown;
  response?: (ctx: unknown) => unknown;
}

export interface Sandbox {
  handlers: Handlers;
  bridge: Bridge;
  /** Runs `fn` with `state` as the evaluation in progress. */
  withState<T>(state: EvaluationState, fn: () => T): T;
}

/** Creates the context, bridges the surface in, and runs the (already transformed) script. */
export function createSandbox(script: string): Sandbox {
  let state: EvaluationState | null = null;
  const current = () => {
    if (!state) throw new Error('APPSYNC_JS runtime used outside an evaluation');
    return state;
  };

  const context = createContext({}, { name: 'APPSYNC_JS', codeGeneration: { strings: false, wasm: false } });
  const bridge = (runInContext(BRIDGE_SOURCE, context) as (typed: symbol) => Bridge)(TYPED);
  const util = bridge.bridge(createUtil(current));
  const modules: Record<string, unknown> = {
    '@aws-appsync/utils': bridge.bridge({ util: createUtil(current), runtime: createRuntime(), extensions: createExtensions(current) }),
    '@aws-appsync/utils/dynamodb': bridge.bridge({ ...dynamodbModule }),
  };
  const exportsObject = runInContext('({})', context) as Handlers;
  const globals = context as Record<string, unknown>;
  globals.util = util;
  globals.runtime = bridge.bridge(createRuntime());
  globals.extensions = bridge.bridge(createExtensions(current));
  globals.console = bridge.bridge(createConsole(current));
  globals.__exports = exportsObject;
  globals.__module = bridge.bridge((name: string) => {
    if (!(name in modules)) throw new Error(`Cannot find module '${name}'`);
    return name;
  });
  // __module must hand back the context-realm module object, not a copy of a string: resolve in context.
  runInContext(`(function (m, lookup) { globalThis.__module = function (name) { return m[lookup(name)]; }; })`, context)(modules, globals.__module);

  new Script(script, { filename: CODE_FILENAME }).runInContext(context);
  for (const name of ['__exports', '__module']) delete globals[name];

  return {
    handlers: exportsObject,
    bridge,
    withState<T>(next: EvaluationState, fn: () => T): T {
      const previous = state;
      state = next;
      try {
        return fn();
      } finally {
        state = previous;
      }
    },
  };
}
