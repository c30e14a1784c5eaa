// `--format sarif`: SARIF 2.1.0 for code-scanning tools (one run, every rule described).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as sarif from 'sarif';
import { escapeControlChars, type Finding, type Range, ruleDocUrl, RULES, type Severity } from '../core';

const TOOL_INFORMATION_URI = 'https://github.com/edp-designer/edp-designer';
const SRCROOT = '%SRCROOT%';

/** A file that could not be checked, reported as a tool notification. */
export interface FileError {
  display: string;
  message: string;
}

const LEVEL: Record<Severity, sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** A checked file as SARIF needs it: where it is and its findings (not its model). */
interface SarifFile {
  absolute: string;
  findings: readonly Finding[];
}

export function sarifLog(files: readonly SarifFile[], fileErrors: readonly FileError[], version: string, cwd: string): sarif.Log {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const artifacts: sarif.Artifact[] = files.map((f) => ({ location: artifactLocation(f.absolute, cwd) }));
  const results = files.flatMap((f, fileIndex) =>
    f.findings.map((finding): sarif.Result => {
      const location = (range: Range | undefined): sarif.PhysicalLocation => ({
        artifactLocation: { ...artifactLocation(f.absolute, cwd), index: fileIndex },
        region: region(range),
      });
      const result: sarif.Result = {
        ruleId: finding.rule,
        level: LEVEL[finding.severity],
        message: text(finding.message),
        locations: [{ physicalLocation: location(finding.range) }],
        // The same structure as --format json: what kind of finding, and which hosts/switches/… by index.
        properties: { kind: finding.kind, path: finding.path, about: { ...finding.about } },
      };
      const index = ruleIndex.get(finding.rule);
      if (index !== undefined) result.ruleIndex = index;
      if (finding.related?.length) {
        result.relatedLocations = finding.related.map((r, id) => ({ id, message: text(r.message), physicalLocation: location(r.range) }));
      }
      return result;
    }),
  );
  const run: sarif.Run = {
    tool: {
      driver: {
        name: 'edp-check',
        version,
        informationUri: TOOL_INFORMATION_URI,
        rules: RULES.map((r) => ({
          id: r.id,
          shortDescription: { text: r.summary },
          helpUri: ruleDocUrl(r.id),
          defaultConfiguration: { level: LEVEL[r.severity] },
        })),
      },
    },
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(cwd) } },
    columnKind: 'utf16CodeUnits',
    artifacts,
    results,
    invocations: [{
      executionSuccessful: fileErrors.length === 0,
      toolExecutionNotifications: fileErrors.map((e) => ({
        level: 'error',
        message: text(`${e.display}: ${e.message}`),
      })),
    }],
  };
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
}

/** Messages carry names from the file; viewers render them as text, so control characters are escaped. */
function text(message: string): sarif.Message {
  return { text: escapeControlChars(message) };
}

/** SARIF lines and columns are 1-based; endColumn is the column after the last character. */
function region(range: Range | undefined): sarif.Region {
  const r = range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** Relative to the working directory with forward slashes, as code-scanning tools expect. */
function artifactLocation(absolute: string, cwd: string): sarif.ArtifactLocation {
  const relative = path.relative(cwd, absolute);
  if (path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href }; // another drive
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
