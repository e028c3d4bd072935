/**
 * Cognito Lambda triggers (`LambdaConfig` of `AWS::Cognito::UserPool`) as cognito-local can run
 * them. cognito-local 5 calls PreSignUp, PostConfirmation, PreTokenGeneration (V1_0 event),
 * PostAuthentication, CustomMessage and UserMigration, through the Lambda Invoke API, with ONE
 * `TriggerFunctions` map for every pool it hosts.
 */
import type { UnsupportedEntry } from '../schedules/load-rules';

/** The triggers cognito-local invokes (its `TriggerFunctions` keys). */
export const COGNITO_LOCAL_TRIGGERS = ['PreSignUp', 'PostConfirmation', 'PreTokenGeneration', 'PostAuthentication', 'CustomMessage', 'UserMigration'] as const;

const NOT_CALLED: Record<string, string> = {
  PreAuthentication: 'cognito-local does not call a pre-authentication trigger',
  DefineAuthChallenge: 'cognito-local has no custom authentication flow',
  CreateAuthChallenge: 'cognito-local has no custom authentication flow',
  VerifyAuthChallengeResponse: 'cognito-local has no custom authentication flow',
  CustomEmailSender: 'custom senders need KMS to encrypt the code, which the local runtime does not serve',
  CustomSMSSender: 'custom senders need KMS to encrypt the code, which the local runtime does not serve',
};

type Props = Record<string, unknown>;

/** A pool's triggers by cognito-local name → the local function name; what cannot run is reported. */
export function userPoolTriggers(
  logicalId: string,
  lambdaConfig: Props | undefined,
  lambdas: Record<string, { functionName: string; arn: string }>,
): { triggers: Record<string, string>; unsupported: UnsupportedEntry[] } {
  const triggers: Record<string, string> = {};
  const unsupported: UnsupportedEntry[] = [];
  const byArn = new Map(Object.values(lambdas).map((fn) => [fn.arn, fn.functionName]));
  const type = (key: string) => `AWS::Cognito::UserPool LambdaConfig.${key}`;
  for (const [key, value] of Object.entries(lambdaConfig ?? {})) {
    if (key === 'KMSKeyID') continue;
    let trigger = key;
    let arn = value;
    if (key === 'PreTokenGenerationConfig') {
      const config = value as Props;
      if (config.LambdaVersion !== undefined && config.LambdaVersion !== 'V1_0') {
        unsupported.push({ logicalId, type: type(key), reason: `cognito-local sends the V1_0 pre-token-generation event, not ${String(config.LambdaVersion)}` });
        continue;
      }
      trigger = 'PreTokenGeneration';
      arn = config.LambdaArn;
    }
    if (key in NOT_CALLED) {
      unsupported.push({ logicalId, type: type(key), reason: NOT_CALLED[key] });
      continue;
    }
    if (!(COGNITO_LOCAL_TRIGGERS as readonly string[]).includes(trigger)) {
      unsupported.push({ logicalId, type: type(key), reason: 'cognito-local does not call this trigger' });
      continue;
    }
    // A version or alias ARN runs the function's one local version.
    const functionName = typeof arn === 'string' ? byArn.get(arn.split(':').slice(0, 7).join(':')) : undefined;
    if (!functionName) {
      unsupported.push({ logicalId, type: type(key), reason: `the trigger must be one of the template's Lambda functions, not ${String(arn)}` });
      continue;
    }
    triggers[trigger] = functionName;
  }
  return { triggers, unsupported };
}

/**
 * cognito-local's single `TriggerFunctions` map for all pools. Pools that declare different
 * triggers cannot all be honoured: every pool gets the union (the first pool wins a conflict), and
 * each difference is returned as a warning to print.
 */
export function cognitoLocalTriggerFunctions(pools: Array<{ logicalId: string; triggers: Record<string, string> }>): { triggerFunctions: Record<string, string>; warnings: string[] } {
  const triggerFunctions: Record<string, string> = {};
  const owner: Record<string, string> = {};
  for (const pool of pools) {
    for (const [trigger, fn] of Object.entries(pool.triggers)) {
      if (!(trigger in triggerFunctions)) {
        triggerFunctions[trigger] = fn;
        owner[trigger] = pool.logicalId;
      }
    }
  }
  const warnings: string[] = [];
  if (pools.length > 1) {
    for (const [trigger, fn] of Object.entries(triggerFunctions)) {
      for (const pool of pools) {
        const own = pool.triggers[trigger];
        if (own === fn) continue;
        warnings.push(own === undefined
          ? `user pool ${pool.logicalId} declares no ${trigger} trigger, but cognito-local runs one trigger configuration for all pools: it will call ${fn} (from ${owner[trigger]}) for ${pool.logicalId} too`
          : `user pools ${owner[trigger]} and ${pool.logicalId} declare different ${trigger} triggers (${fn}, ${own}); cognito-local runs one configuration for all pools and calls ${fn} for both`);
      }
    }
  }
  return { triggerFunctions, warnings };
}
