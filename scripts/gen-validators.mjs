// Precompiles schemas/topology.schema.json into src/core/generated/ (git-ignored, made by every
// build) with ajv standalone code generation, so nothing in src/ compiles a schema at run time
// (no `new Function`, strict CSP possible). Writes only files whose text changed.
// Also precompiles the readiness profiles (schemas/readiness/) and the NIC catalog's schema, and
// rewrites the catalog-derived `examples` of a NIC's model and driver in topology.schema.json.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatDoc } from './gen-format-doc.mjs';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = join(root, 'schemas/topology.schema.json');

/** Keywords VS Code's JSON service reads; ajv must know them to stay in strict mode. */
const EDITOR_KEYWORDS = ['markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'deprecationMessage', 'errorMessage', 'defaultSnippets', 'allowComments', 'allowTrailingCommas'];

/** Keywords that only explain: a validator never reads them. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'default', ...EDITOR_KEYWORDS.filter((k) => !k.startsWith('allow'))]);
const SCHEMA_MAPS = ['properties', 'definitions', '$defs', 'patternProperties', 'dependencies'];
const SUBSCHEMAS = ['items', 'additionalItems', 'additionalProperties', 'propertyNames', 'contains', 'not', 'if', 'then', 'else', 'allOf', 'anyOf', 'oneOf'];

/**
 * A copy of a schema without its annotations. The generated code keeps the schema objects it was
 * compiled from as constants; with every description and example in them the topology validator
 * was half of the analysis worker's bundle. The editor and the core read descriptions from the
 * schema file itself, never from the validator.
 */
export function withoutAnnotations(schema) {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (SCHEMA_MAPS.includes(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutAnnotations(sub)]));
    } else if (SUBSCHEMAS.includes(key)) {
      out[key] = withoutAnnotations(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * ajv's standalone code hands each definition's validator an options object whose instance path
 * is built as a string on every call ({instancePath: instancePath + "/vms/" + i, ...}), though a
 * path is read only when an error is reported: for a valid 100-host file that was ~6,000 objects
 * and strings per analysis (a tenth of what the analysis allocated outside the model). Rewritten:
 * a caller pushes the path's segments on a stack around the call, and an error joins the stack.
 * Every rewritten shape is checked, so a change in ajv's output fails the build instead of
 * generating wrong paths; the errors (paths included) are the same (test/unit/schema.test.ts).
 */
export function lazyInstancePaths(code) {
  const fail = (what) => {
    throw new Error(`gen-validators: ajv's standalone output changed (${what}); update lazyInstancePaths`);
  };
  const root = /^export const validate = (validate\d+);$/m.exec(code)?.[1] ?? fail('no exported validate');
  const header = /^function (validate\d+)\(data, \{instancePath="", parentData, parentDataProperty, rootData=data\}=\{\}\)\{$/gm;
  let headers = 0;
  let out = code.replace(header, (_, name) => {
    headers++;
    // The exported validator starts with an empty stack (a throw inside never leaves one behind).
    return name === root ? `function ${name}(data){pathStack.length = 0;` : `function ${name}(data){`;
  });
  const call = /(validate\d+)\(([^,()]+), \{instancePath:instancePath\+("\/[A-Za-z]+\/?")(?: \+ (i\d+))?,parentData:[A-Za-z0-9_.]+,parentDataProperty:(?:i\d+|"[A-Za-z]+"),rootData\}\)/g;
  let calls = 0;
  out = out.replace(call, (_, fn, arg, segment, index) => {
    calls++;
    return index ? `(pathStack.push(${segment}, ${index}), popPath(${fn}(${arg}), 2))` : `(pathStack.push(${segment}), popPath(${fn}(${arg}), 1))`;
  });
  out = out.replaceAll('{instancePath,', '{instancePath:pathNow(),').replaceAll('instancePath:instancePath+', 'instancePath:pathNow()+');
  if (headers < 2 || calls < 1) fail(`${headers} validators, ${calls} calls rewritten`);
  const left = out.replaceAll('instancePath:', '');
  for (const name of ['instancePath', 'parentData', 'rootData']) if (left.includes(name)) fail(`"${name}" is still read`);
  const helpers = [
    '/** Segments of the instance path of the value being validated (see lazyInstancePaths in scripts/gen-validators.mjs). */',
    'const pathStack = [];',
    'function pathNow(){let path = "";for(let i = 0; i < pathStack.length; i++) path += pathStack[i];return path;}',
    // pop(), not `length -=`: setting an array's length is a runtime call.
    'function popPath(valid, segments){for(let i = 0; i < segments; i++) pathStack.pop();return valid;}',
  ].join('\n');
  return out.replace('"use strict";', `"use strict";\n${helpers}`);
}

function validatorModule(schema) {
  // strict: a typo in the schema (an unknown keyword, a type-less bound) fails the build.
  const ajv = new Ajv({ code: { source: true, esm: true, lines: true }, allErrors: true, strict: true });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  const code = lazyInstancePaths(standaloneCode(ajv, ajv.compile(withoutAnnotations(schema))));
  return [
    '// @ts-nocheck',
    '// Generated by scripts/gen-validators.mjs from schemas/topology.schema.json. Do not edit: run `node scripts/gen-validators.mjs`.',
    code.trim(),
    '',
    "import type { ErrorObject } from 'ajv';",
    '',
    '/** The topology schema, precompiled: true when valid, else the errors are on `validateTopology.errors`. */',
    'export const validateTopology = validate as unknown as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };',
    '',
  ].join('\n');
}

export function readSchema() {
  return JSON.parse(readFileSync(schemaPath, 'utf8'));
}

/** The generated files: path relative to the repository → text. */
export function generatedFiles(schema = readSchema()) {
  return new Map([
    ['src/core/generated/topology-validator.ts', validatorModule(schema)],
    ['src/core/generated/readiness-validators.ts', readinessModule()],
    ['src/core/generated/catalog-validator.ts', catalogValidatorModule()],
  ]);
}

// ---- readiness profiles ------------------------------------------------------------------

const READINESS_DIR = join(root, 'schemas/readiness');
const PROFILE_FILE = /^(.+?)-(edp-standard|edp-performance|standard)\.schema\.json$/;

/** A dotted numeric version: the same form src/core/readiness/version.ts reads. */
const VERSION_PATTERN = '^(?:[A-Za-z]+-?)?\\d+(?:\\.\\d+)*';

/**
 * `minVersion: "1.9.0.0"` (or `{ "$data": "1/minDriverVersion" }`): the string is a version at or
 * above the minimum, compared as dotted numbers (1.14 > 1.9, "1.14.2.0-1OEM" reads as 1.14.2.0).
 * A value that is not a version fails. The generated code calls compareVersions from
 * src/core/readiness/version.ts, so the comparison is written (and tested) once.
 */
function minVersionKeyword() {
  const { _, str } = require('ajv');
  return {
    keyword: 'minVersion',
    type: 'string',
    schemaType: 'string',
    $data: true,
    // No metaSchema: with $data ajv would validate the referenced value with a compiled
    // meta-schema that standalone code cannot serialise; a literal is checked below instead.
    error: {
      message: ({ schemaCode }) => str`must be version ${schemaCode} or later`,
      params: ({ schemaCode }) => _`{minVersion: ${schemaCode}}`,
    },
    code(cxt) {
      if (!cxt.$data && !new RegExp(VERSION_PATTERN).test(cxt.schema)) throw new Error(`minVersion: ${JSON.stringify(cxt.schema)} is not a version like 1.9.0.0`);
      const compare = cxt.gen.scopeValue('func', {
        // Only the emitted `code` runs (standalone); nothing here calls the validator.
        ref: () => { throw new Error('minVersion validators run from the generated module only'); },
        code: _`require("../readiness/version").compareVersions`,
      });
      cxt.fail$data(_`!(${compare}(${cxt.data}, ${cxt.schemaCode}) >= 0)`);
    },
  };
}

/** schemas/readiness/<release>-<mode>.schema.json → { release, mode, file }. */
export function readinessProfiles() {
  return readdirSync(READINESS_DIR)
    .sort()
    .flatMap((file) => {
      const m = PROFILE_FILE.exec(file);
      return m ? [{ release: m[1], mode: m[2], file }] : [];
    });
}

const PROFILE_PARTS = ['nic', 'host', 'switch', 'switchRecommended'];

function readinessModule() {
  const ajv = new Ajv({ code: { source: true, esm: true, lines: true }, allErrors: true, strict: true, $data: true });
  ajv.addKeyword(minVersionKeyword());
  for (const file of readdirSync(READINESS_DIR).sort()) {
    if (file.endsWith('.schema.json')) ajv.addSchema(JSON.parse(readFileSync(join(READINESS_DIR, file), 'utf8')));
  }
  const profiles = readinessProfiles().map((p) => {
    const id = JSON.parse(readFileSync(join(READINESS_DIR, p.file), 'utf8')).$id;
    const name = (part) => `${p.release}_${p.mode}_${part}`.replace(/[^A-Za-z0-9_]/g, '_');
    return { ...p, id, name };
  });
  const refs = Object.fromEntries(profiles.flatMap((p) => PROFILE_PARTS.map((part) => [p.name(part), `${p.id}#/definitions/${part}`])));
  const code = standaloneCode(ajv, refs);
  const table = profiles.map((p) => `  { release: ${JSON.stringify(p.release)}, mode: ${JSON.stringify(p.mode)}, file: ${JSON.stringify(`schemas/readiness/${p.file}`)}, ${PROFILE_PARTS.map((part) => `${part}: ${p.name(part)} as Validator`).join(', ')} },`);
  return [
    '// @ts-nocheck',
    '// Generated by scripts/gen-validators.mjs from schemas/readiness/*.schema.json. Do not edit: run `node scripts/gen-validators.mjs`.',
    code.trim(),
    '',
    "import type { ErrorObject } from 'ajv';",
    '',
    'type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };',
    '',
    '/** One readiness profile per release and switch mode, precompiled: the validators of its definitions. */',
    'export interface ReadinessProfile {',
    '  release: string;',
    '  mode: string;',
    '  file: string;',
    ...PROFILE_PARTS.map((part) => `  ${part}: Validator;`),
    '}',
    '',
    'export const READINESS_PROFILES: readonly ReadinessProfile[] = [',
    ...table,
    '];',
    '',
  ].join('\n');
}

// ---- NIC catalog -------------------------------------------------------------------------

const catalogSchemaPath = join(root, 'schemas/nic-catalog.schema.json');
const catalogPath = join(root, 'schemas/nic-catalog.json');

function catalogValidatorModule() {
  const ajv = new Ajv({ code: { source: true, esm: true, lines: true }, allErrors: true, strict: true });
  const code = standaloneCode(ajv, ajv.compile(withoutAnnotations(JSON.parse(readFileSync(catalogSchemaPath, 'utf8')))));
  return [
    '// @ts-nocheck',
    '// Generated by scripts/gen-validators.mjs from schemas/nic-catalog.schema.json. Do not edit: run `node scripts/gen-validators.mjs`.',
    code.trim(),
    '',
    "import type { ErrorObject } from 'ajv';",
    '',
    '/** The NIC catalog schema, precompiled: true when valid, else the errors are on `validateCatalog.errors`. */',
    'export const validateCatalog = validate as unknown as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };',
    '',
  ].join('\n');
}

/** Where the catalog-derived completions live in topology.schema.json (its `examples` arrays). */
const DERIVED_EXAMPLES = [
  { path: ['definitions', 'nic', 'properties', 'model', 'examples'], of: (nics) => nics.flatMap((n) => n.models ?? []) },
  { path: ['definitions', 'nic', 'properties', 'driver', 'examples'], of: (nics) => nics.map((n) => n.driver) },
];

/**
 * topology.schema.json with the examples of a NIC's model and driver derived from the NIC
 * catalog (its EDP-capable entries), so VS Code completes what the readiness check accepts. The
 * schema stays hand-written; only those two arrays are rewritten, in place, keeping the layout.
 */
export function schemaTextWithCatalogExamples(text = readFileSync(schemaPath, 'utf8')) {
  const { parseTree, findNodeAtLocation } = require('jsonc-parser');
  const capable = JSON.parse(readFileSync(catalogPath, 'utf8')).nics.filter((n) => n.edpModes.length > 0);
  let out = text;
  for (const { path, of } of DERIVED_EXAMPLES) {
    const node = findNodeAtLocation(parseTree(out), path);
    if (!node) throw new Error(`topology.schema.json has no ${path.join('/')} to write the catalog's examples to`);
    const array = `[${[...new Set(of(capable))].map((v) => JSON.stringify(v)).join(', ')}]`;
    out = out.slice(0, node.offset) + array + out.slice(node.offset + node.length);
  }
  return out;
}

function main() {
  const started = Date.now();
  const written = [];
  // The examples first: the topology validator and docs/FORMAT.md embed the schema.
  const schemaText = schemaTextWithCatalogExamples();
  if (readFileSync(schemaPath, 'utf8') !== schemaText) {
    writeFileSync(schemaPath, schemaText);
    written.push(relative(root, schemaPath));
  }
  for (const [path, text] of generatedFiles()) {
    const file = join(root, path);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    written.push(relative(root, file));
  }
  // docs/FORMAT.md shows the examples too.
  const formatPath = join(root, 'docs/FORMAT.md');
  const format = formatDoc(readSchema());
  if (readFileSync(formatPath, 'utf8') !== format) {
    writeFileSync(formatPath, format);
    written.push(relative(root, formatPath));
  }
  // A build prints nothing unless something fails; `--verbose` says what was written.
  if (process.argv.includes('--verbose')) console.log(`gen-validators: ${written.length ? `wrote ${written.join(', ')}` : 'up to date'} (${Date.now() - started} ms)`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
