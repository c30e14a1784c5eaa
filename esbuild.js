// Bundles the extension, its analysis worker, the CLI, the core library and the webview (official esbuild-sample shape).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Prints errors in the `file:line:column:` form the $esbuild-watch problem matcher reads. The
 * "[watch]" lines tell that matcher when a rebuild starts and ends, so only watch mode prints
 * them; a one-off build prints nothing unless something fails.
 */
const esbuildProblemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  // Messages are full of ·, ×, →: as UTF-8 each is 2–3 bytes, escaped (\uXXXX) 6.
  charset: 'utf8',
  logLevel: 'silent',
  plugins: [esbuildProblemMatcherPlugin],
};

// jsonc-parser's default (UMD) build loads its parts with dynamic require(), which a bundle
// cannot resolve; its ESM build bundles cleanly (the usual fix in VS Code extensions).
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], mainFields: ['module', 'main'] };

/**
 * The schema and the NIC catalog ship in the extension package as files, so the extension's
 * bundles read them at run time rather than carrying a second copy each: minified copies beside
 * them in dist/ (written by every build, below; the package has ≈ 0.6 KB less to carry than with
 * the indented schemas/ files). The CLI and the library bundles, which travel alone, keep them inside.
 */
const SHIPPED_JSON = ['topology.schema.json', 'nic-catalog.json'];
const shippedJsonPlugin = {
  name: 'shipped-json',
  setup(build) {
    const names = SHIPPED_JSON.map((name) => name.replace(/\./g, '\\.')).join('|');
    build.onResolve({ filter: new RegExp(`[\\\\/]schemas[\\\\/](${names})$`) }, (args) => ({ path: `./${args.path.split(/[\\/]/).pop()}`, external: true }));
  },
};
/** Writes the minified copies the shipped bundles read (dist/topology.schema.json, dist/nic-catalog.json). */
function writeShippedJson() {
  const fs = require('node:fs');
  fs.mkdirSync('dist', { recursive: true });
  for (const name of SHIPPED_JSON) fs.writeFileSync(`dist/${name}`, JSON.stringify(JSON.parse(fs.readFileSync(`schemas/${name}`, 'utf8'))));
}
/**
 * vscode-json-languageservice carries the JSON Schema meta-schemas (drafts 4 to 2020-12) to
 * complete and validate schema files. Topology files are answered with the bundled topology
 * schema whatever their "$schema" says (topologyJson.ts), so the worker leaves them out.
 */
const noMetaSchemasPlugin = {
  name: 'no-meta-schemas',
  setup(build) {
    build.onLoad({ filter: /vscode-json-languageservice[\\/]lib[\\/]esm[\\/]services[\\/]configuration\.js$/ }, () => ({ contents: 'export const schemaContributions = { schemas: {} };', loader: 'js' }));
  },
};
/** What the extension package ships: its bundles read the schemas beside them. */
const shipped = { ...node, plugins: [...node.plugins, shippedJsonPlugin] };
const shippedWorker = { ...node, plugins: [...node.plugins, shippedJsonPlugin, noMetaSchemasPlugin] };

const builds = [
  // The extension host's side: the editor features' glue; everything that analyzes, validates,
  // imports or parses a document runs in the worker (docs/ARCHITECTURE.md).
  { ...shipped, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  // The extension's analysis worker thread (worker_threads), started by dist/extension.js from its own folder.
  { ...shippedWorker, entryPoints: ['src/extension/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' },
  { ...node, entryPoints: ['src/cli/edp-check.ts'], outfile: 'dist/edp-check.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' },
  // The report page: runs in the webview and, inlined, in exported HTML files (no source map there).
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2020', sourcemap: false },
  // Its stylesheet, minified in the package (media/report.css, commented, is the source).
  { ...common, entryPoints: ['media/report.css'], outfile: 'dist/report.css', sourcemap: false },
];

async function main() {
  if (production) {
    // A production build writes no source maps; drop those a development build left in dist/.
    const fs = require('node:fs');
    for (const f of fs.existsSync('dist') ? fs.readdirSync('dist') : []) if (f.endsWith('.map')) fs.rmSync(`dist/${f}`);
  }
  // Once per run (in watch mode too: a schema edited while watching needs a restart).
  writeShippedJson();
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  if (results.some((r) => r.errors.length > 0)) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
