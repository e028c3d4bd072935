import { createTaskboardApp } from '../taskboard-app';

// `cdk synth` / `cdk deploy` entry point (cdk.json). The app, its stack and the cdk-nag checks
// are built in one place so the infra tests synthesize exactly this.
createTaskboardApp().app.synth();
