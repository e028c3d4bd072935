// Prints the closing lines of a CI log: totals over every suite's JSON report, then each failed
// test by file and name with the first line of its error, so the tail of the log says what broke.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const reports = process.argv.slice(2).filter((file) => existsSync(file));
let passed = 0;
let failed = 0;
const failures = [];
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  for (const suite of report.testResults ?? []) {
    const where = relative(process.cwd(), suite.name);
    const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) {
      const firstLine = String(test.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 240);
      failures.push(`  ${where} > ${test.fullName}\n      ${firstLine}`);
    }
    // A suite that fails to load (or a hook that throws) has no failed test to name.
    if (suite.status === 'failed' && failedTests.length === 0) {
      failures.push(`  ${where}: ${String(suite.message ?? 'failed').split('\n')[0].slice(0, 240)}`);
    }
  }
}
if (failures.length > 0) console.log(`failed:\n${failures.join('\n')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
