/** A required environment variable of a Lambda function (set by infra/taskboard-stack.ts). */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
