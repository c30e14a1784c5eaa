// The same e2e suite under @vscode/test-cli + @vscode/test-electron, on a machine that can
// download VS Code (not needed here: `npm run test:e2e` runs it in code-server). To use it:
//   npm install --no-save @vscode/test-cli @vscode/test-electron && npm run build && npx vscode-test
// The workspace is the checkout itself: the tests find test/e2e/fixtures/ and examples/ in it.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/e2e/**/*.test.js',
  workspaceFolder: '.',
  version: '1.100.3',
  mocha: { ui: 'tdd', timeout: 60_000, color: true },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
});
