import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { TaskboardStack } from '../taskboard-stack';

// Environment-agnostic on purpose: synth needs no AWS account, and `cdk deploy` picks the
// account and region from the caller's credentials.
const app = new App();
const introspection = app.node.tryGetContext('introspection');
new TaskboardStack(app, 'Taskboard', {
  description: 'Taskboard: real-time collaborative task board API (AppSync, Cognito, DynamoDB, Lambda)',
  introspection: introspection !== false && introspection !== 'false',
});
// cdk-nag's AwsSolutions pack runs on every synth; each acknowledged finding says why.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
