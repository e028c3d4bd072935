// Lambda execution environment for one function, in its own process: loads the handler once
// (warm), then serves invocations one at a time over IPC. Plain ESM so it starts without a loader.
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import process from 'node:process';

const { codePath, handler: handlerSpec, functionName, memorySize, arn } = JSON.parse(process.env.__LOCAL_LAMBDA_CONFIG);
delete process.env.__LOCAL_LAMBDA_CONFIG;

// ESM handlers find the runtime-provided AWS SDK the way CommonJS ones do (see loadCommonJs).
Module.register('./runtime-modules-hook.mjs', import.meta.url, { data: { parentURL: import.meta.url } });

let handlerPromise;
async function loadHandler() {
  const dot = handlerSpec.lastIndexOf('.');
  const file = handlerSpec.slice(0, dot);
  const exportPath = handlerSpec.slice(dot + 1).split('.');
  const candidates = ['.js', '.mjs', '.cjs'].map((ext) => join(codePath, file + ext));
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw Object.assign(new Error(`Cannot find module '${file}' in ${codePath}`), { name: 'Runtime.ImportModuleError' });
  let mod;
  if (found.endsWith('.cjs') || (found.endsWith('.js') && !isModulePackage(codePath))) mod = loadCommonJs(found);
  else mod = await import(pathToFileURL(found).href);
  let fn = mod;
  for (const key of exportPath) fn = fn?.[key] ?? fn?.default?.[key];
  if (typeof fn !== 'function') throw Object.assign(new Error(`${handlerSpec} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  return fn;
}

// Compiled as CommonJS directly: in Lambda the bundle has no parent package.json, but locally an
// ancestor's "type": "module" must not turn a CommonJS bundle into ESM.
function loadCommonJs(file) {
  const m = new Module(file);
  m.filename = file;
  // Lambda's Node.js runtimes provide AWS SDK v3 (bundles mark it external); the local runtime's
  // own node_modules plays /var/runtime/node_modules, searched after the bundle's own folders.
  m.paths = [...Module._nodeModulePaths(dirname(file)), ...runtimeModulePaths()];
  m._compile(readFileSync(file, 'utf8'), file);
  return m.exports;
}

function runtimeModulePaths() {
  try {
    const require = Module.createRequire(import.meta.url);
    const sdk = require.resolve('@aws-sdk/client-dynamodb/package.json');
    return [join(dirname(sdk), '..', '..')];
  } catch {
    return [];
  }
}

function isModulePackage(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type === 'module';
  } catch {
    return false;
  }
}

function errorPayload(error) {
  const e = error instanceof Error ? error : new Error(String(error));
  return { errorType: e.name || 'Error', errorMessage: e.message, trace: String(e.stack || '').split('\n') };
}

process.on('message', async ({ requestId, event, deadline }) => {
  const context = {
    awsRequestId: requestId, functionName, functionVersion: '$LATEST', invokedFunctionArn: arn,
    memoryLimitInMB: String(memorySize), logGroupName: `/aws/lambda/${functionName}`, logStreamName: `local/${process.pid}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    handlerPromise ??= loadHandler();
    const handler = await handlerPromise;
    const result = await new Promise((resolve, reject) => {
      const callback = (err, value) => (err ? reject(err) : resolve(value));
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
      else if (handler.length < 3) resolve(returned);
    });
    const payload = result === undefined ? null : JSON.parse(JSON.stringify(result));
    process.send({ requestId, ok: true, payload });
  } catch (error) {
    process.send({ requestId, ok: false, error: errorPayload(error) });
  }
});
process.send({ ready: true });
