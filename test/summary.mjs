// Prints the plain closing line CI reads ("Tests: N passed, N failed") from vitest's JSON report.
import { existsSync, readFileSync } from 'node:fs';
import process from 'node:process';

const file = 'test-results/vitest.json';
let line = 'Tests: 0 passed, 1 failed';
if (existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  line = `Tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
process.stdout.write(`${line}\n`);
