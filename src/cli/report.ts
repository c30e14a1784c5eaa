// `edp-check --report OUT`: the datapath report of one topology file, as the panel's standalone
// HTML page or, for OUT ending in .md, as Markdown. The page needs the webview bundle and its CSS,
// read at run time from the package this CLI belongs to (dist/webview.js, dist/report.css).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Analysis, type ReportAssets, reportMarkdown, reportViewModel, standaloneReportHtml } from '../core';
import { writeOutputFile, type WriteOutputOptions } from './write';

/**
 * The package root: the first folder up from this module with package.json and dist/webview.js.
 * The bundled CLI sits in dist/ (one up); the compiled sources the tests run in out/src/cli/ (three up).
 */
export function packageRoot(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'dist', 'webview.js'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function reportAssets(root = packageRoot()): ReportAssets | { error: string } {
  if (!root) return { error: 'cannot find dist/webview.js of EDP Designer next to edp-check; build it with "npm run build"' };
  try {
    return {
      script: fs.readFileSync(path.join(root, 'dist', 'webview.js'), 'utf8'),
      css: fs.readFileSync(path.join(root, 'dist', 'report.css'), 'utf8'),
    };
  } catch (e) {
    return { error: `cannot read the report's assets: ${(e as Error).message}` };
  }
}

/** Writes the report; returns the error to print (exit 2) or undefined. */
export function writeReport(analysis: Analysis, fileName: string, out: string, options: WriteOutputOptions = {}): string | undefined {
  const report = reportViewModel(analysis, { fileName, curves: 'all' });
  let text: string;
  if (/\.md$/i.test(out)) {
    text = reportMarkdown(report);
  } else {
    const assets = reportAssets();
    if ('error' in assets) return assets.error;
    text = standaloneReportHtml(report, assets);
  }
  return writeOutputFile(out, text, options);
}
