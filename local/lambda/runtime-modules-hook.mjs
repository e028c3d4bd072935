// ESM resolve hook for local Lambda processes: a bare import the bundle cannot resolve itself
// (the AWS SDK v3, which Lambda's Node.js runtimes provide and bundles mark external) is resolved
// from the local runtime's own node_modules, as Lambda resolves it from /var/runtime.
let runtimeParentURL;

export function initialize(data) {
  runtimeParentURL = data.parentURL;
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const bare = !/^(\.|\/|file:|node:|data:)/.test(specifier);
    if (!bare || error?.code !== 'ERR_MODULE_NOT_FOUND' || !runtimeParentURL) throw error;
    return nextResolve(specifier, { ...context, parentURL: runtimeParentURL });
  }
}
