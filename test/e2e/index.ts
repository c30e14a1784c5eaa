// The extensionTestsPath module: VS Code loads it inside the extension host and calls run().
// Each line goes out through console.log, which the workbench forwards to the page's
// codeAutomationLog (scripts/vscode/run-e2e.mjs prints it); a rejected run() makes VS Code
// report a non-zero code through codeAutomationExit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** The runner reads this line to count results. */
export const RESULT_MARK = 'E2E-RESULT';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return testFiles(p);
      return e.name.endsWith('.test.js') ? [p] : [];
    })
    .sort();
}

/** One plain string per console.log call: the forwarding does not apply printf-style formats. */
class LineReporter {
  constructor(runner: Mocha.Runner) {
    const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
    const failures: { title: string; err: Error }[] = [];
    let passed = 0;
    let pending = 0;
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.title) console.log(`${'  '.repeat(suite.titlePath().length - 1)}${suite.title}`);
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      passed++;
      console.log(`${'  '.repeat(test.titlePath().length - 1)}ok ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
      pending++;
      console.log(`${'  '.repeat(test.titlePath().length - 1)}skip ${test.title}`);
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => {
      failures.push({ title: test.fullTitle(), err });
      console.log(`${'  '.repeat(Math.max(0, test.titlePath().length - 1))}FAIL ${test.title}`);
    });
    runner.once(EVENT_RUN_END, () => {
      failures.forEach(({ title, err }, i) => {
        console.log(`\n${i + 1}) ${title}\n${err.stack ?? err.message}`);
      });
      console.log(`\n${RESULT_MARK} passed=${passed} failed=${failures.length} skipped=${pending}`);
    });
  }
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: LineReporter as unknown as typeof Mocha.reporters.Base });
  const grep = process.env.EDP_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const f of testFiles(__dirname)) mocha.addFile(f);
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} e2e test(s) failed`);
}
