import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The project's Lambda runtime; esbuild targets the same Node.js version. */
export const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;
const ESBUILD_TARGET = 'node22';

/** X-Ray actions an actively traced function needs; they support no resource-level scoping. */
export const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
export const FUNCTION_LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

export interface TaskboardFunctionProps {
  /** Folder name under functions/; its index.ts exports `handler`. */
  name: string;
  description: string;
  functionsDir: string;
  environment: Record<string, string>;
  /** The only permissions the function gets, beyond its own logs and X-Ray traces. */
  statements: PolicyStatement[];
  timeout?: Duration;
  memorySize?: number;
  /** A fixed physical name, for a function that must name itself in its own policy (no cycle through a Ref). */
  functionName?: string;
  /** Why the role holds a wildcard resource besides X-Ray's (a grant made outside `statements`, e.g. by an event source). */
  otherWildcard?: string;
}

/**
 * One Lambda function from functions/<name>/, bundled by the locally installed esbuild (never
 * Docker), with its own role holding only its statements, and its own log group.
 */
export class TaskboardFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: TaskboardFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    // A role of its own instead of AWSLambdaBasicExecutionRole: it logs only to its own group.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Lambda function ${props.name}`,
    });
    role.addToPolicy(new PolicyStatement({ actions: FUNCTION_LOG_ACTIONS, resources: [logGroup.logGroupArn] }));
    role.addToPolicy(new PolicyStatement({ actions: XRAY_ACTIONS, resources: ['*'] }));
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: props.otherWildcard
        ? `xray:PutTraceSegments/PutTelemetryRecords, which support no resource-level permissions (IAM service authorization reference), and ${props.otherWildcard}; every other statement names its resource.`
        : 'Only xray:PutTraceSegments/PutTelemetryRecords, which support no resource-level permissions (IAM service authorization reference); every other statement names its resource.',
    });
    for (const statement of props.statements) role.addToPolicy(statement);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: join(props.functionsDir, props.name, 'index.ts'),
      functionName: props.functionName,
      handler: 'handler',
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        // Local esbuild (a devDependency) only: synth must work offline, without Docker.
        forceDockerBundling: false,
        // The Lambda Node.js runtime ships AWS SDK v3.
        externalModules: ['@aws-sdk/*'],
        minify: true,
        sourceMap: true,
        format: OutputFormat.CJS,
        target: ESBUILD_TARGET,
        logLevel: LogLevel.ERROR,
      },
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to nodejs22.x (Node 22 LTS, supported by Lambda until 2027), the runtime this project targets and bundles for; moving to nodejs24.x is a deliberate upgrade of the whole project, not a side effect of a CDK release.',
    });
  }
}
