/**
 * Imported by every vitest config. The AWS SDK warns once per process that its releases after the
 * first week of January 2027 need Node 22; tests start dozens of processes (workers, Lambda
 * functions, CLIs), so the same notice buried CI's log. The lockfile pins SDK versions that run
 * on Node 20; `npm start` still shows the notice.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
