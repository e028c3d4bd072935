/**
 * The run's synthesized Taskboard template (test/global-setup.ts), read as JSON: for suites that
 * need a resource's properties without importing aws-cdk-lib (seconds per test file).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

export interface TemplateResource { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, string> }

export function readSharedTemplate(outdir = inject('taskboardAssembly')): { Resources: Record<string, TemplateResource> } {
  return JSON.parse(readFileSync(join(outdir, 'Taskboard.template.json'), 'utf8')) as { Resources: Record<string, TemplateResource> };
}

/** The template's resources of one type, in template order. */
export function sharedResourcesOfType(type: string): TemplateResource[] {
  return Object.values(readSharedTemplate().Resources).filter((r) => r.Type === type);
}
