// Structural check: the precompiled topology schema (scripts/gen-validators.mjs), its ajv errors
// turned into `schema/invalid` findings a network engineer can act on, on the node at fault.
import type { ErrorObject } from 'ajv';
import schemaJson from '../../schemas/topology.schema.json';
import type { RawFinding } from './findings';
import { pointerSegments, toPointer } from './pointer';
import { RULES } from './rules/registry';
import { closestNames } from './suggest';
import { clipText, orList, plural } from './present';
import { validateTopology } from './generated/topology-validator';

/** At most this many schema findings per document: one mistake (a wrong nesting) can cause thousands. */
export const MAX_SCHEMA_FINDINGS = 200;

const RULE = 'schema/invalid';

const VALUE_KEYWORDS = new Set(['enum', 'const', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'multipleOf', 'format']);

export function validateStructure(value: unknown): RawFinding[] {
  return checkStructure(value).findings;
}

export interface StructureCheck {
  findings: RawFinding[];
  /**
   * True when every error is an unknown property: the known fields still have the types the
   * core relies on, so references and the model can run (a typo in an optional key must not
   * hide the rest of the analysis).
   */
  typesHold: boolean;
}

/** Whether `value` passes the topology schema (no findings built). */
export function isValidTopology(value: unknown): boolean {
  return validateTopology(value) === true;
}

/**
 * When the schema relates no host to another or to the rest of the file (true today: the top
 * level has no combinators, "hosts" only a type, an item schema and a bound), a document is valid
 * exactly when its top level without hosts is, its hosts fit `maxItems` and each host is valid in
 * a document of its own; the incremental analyzer then checks only the hosts that changed.
 * Undefined when the schema does not allow that (then every document is checked whole).
 */
export const HOSTS_CHECKED_ALONE: { maxItems: number } | undefined = (() => {
  const root = schemaJson as unknown as Record<string, unknown> & { properties: Record<string, Record<string, unknown>> };
  const rootKeys = ['$schema', '$id', 'title', 'description', 'markdownDescription', 'allowComments', 'allowTrailingCommas', 'type', 'required', 'additionalProperties', 'properties', 'definitions'];
  const hosts = root.properties.hosts ?? {};
  const hostsKeys = ['type', 'maxItems', 'items', 'description', 'markdownDescription'];
  const alone = Object.keys(root).every((k) => rootKeys.includes(k)) && Object.keys(hosts).every((k) => hostsKeys.includes(k)) && hosts.type === 'array';
  return alone ? { maxItems: typeof hosts.maxItems === 'number' ? hosts.maxItems : Infinity } : undefined;
})();

export function checkStructure(value: unknown): StructureCheck {
  if (validateTopology(value)) return { findings: [], typesHold: true };
  const errors = validateTopology.errors ?? [];
  return { findings: findingsFromErrors(errors, value), typesHold: errors.every((e) => e.keyword === 'additionalProperties') };
}

/** Maps ajv errors (collapsed, deduplicated, capped) to findings; exported for tests of the mapping. */
export function findingsFromErrors(errors: readonly ErrorObject[], value: unknown): RawFinding[] {
  const out: RawFinding[] = [];
  const seen = new Set<string>();
  // A value of the wrong type also fails its enum or bounds; the type finding says it all.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const error of collapseAlternatives(errors)) {
    if (wrongType.has(error.instancePath) && VALUE_KEYWORDS.has(error.keyword)) continue;
    const finding = findingOf(error, value);
    if (!finding) continue;
    const key = `${finding.path}\u0000${finding.target}\u0000${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(finding);
  }
  if (out.length <= MAX_SCHEMA_FINDINGS) return out;
  const shown = out.slice(0, MAX_SCHEMA_FINDINGS - 1);
  shown.push({
    rule: RULE,
    path: '',
    message: `${out.length - shown.length} more structural errors are not listed (at most ${MAX_SCHEMA_FINDINGS} are shown). Fix the ones shown first: one misplaced bracket or property often causes many.`,
  });
  return shown;
}

/**
 * anyOf/oneOf: the umbrella error ("must match a schema in anyOf") says nothing a user can act
 * on; keep the errors of the branch that got deepest into the value (the branch the user meant),
 * and merge same-node type errors of the branches into one ("a number or a string").
 */
function collapseAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const umbrellas = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (umbrellas.length === 0) return [...errors];
  let kept = errors.filter((e) => !umbrellas.includes(e));
  for (const u of umbrellas) {
    const prefix = u.schemaPath + '/';
    const branch = kept.filter((e) => e.schemaPath.startsWith(prefix));
    if (branch.length === 0) {
      kept.push(u);
      continue;
    }
    const depth = (e: ErrorObject) => pointerSegments(e.instancePath).length;
    const deepest = Math.max(...branch.map(depth));
    const types = branch.filter((e) => e.keyword === 'type' && depth(e) === deepest && e.instancePath === u.instancePath);
    kept = kept.filter((e) => !branch.includes(e) || (depth(e) === deepest && !types.includes(e)));
    if (types.length > 0) {
      const names = [...new Set(types.flatMap((e) => String(e.params.type).split(',')))];
      kept.push({ ...types[0], params: { type: names.join(',') } });
    }
  }
  return kept;
}

// ---- one error → one finding -------------------------------------------------------------

function findingOf(e: ErrorObject, root: unknown): RawFinding | undefined {
  // propertyNames also reports the inner failure (with `propertyName` set); one finding is enough.
  if ((e as { propertyName?: string }).propertyName !== undefined) return undefined;
  const segments = pointerSegments(e.instancePath);
  const value = valueAt(root, segments);
  const subject = capitalize(subjectOf(segments, root));
  const node = schemaAt(segments);
  const p = e.params as Record<string, unknown>;
  const at = (target: 'key' | 'value', path: string, message: string): RawFinding => ({ rule: RULE, path, target, message });

  switch (e.keyword) {
    case 'required': {
      const name = String(p.missingProperty);
      // The wording is read back by missingPropertyOf (the quick fix): change both together.
      const property = node?.properties?.[name];
      const purpose = property ? firstSentence(deref(property).description) : '';
      return at('key', e.instancePath, `${capitalize(placeOf(segments, root))} is missing the required property "${name}"${purpose ? ` (${purpose})` : ''}. Add ${skeletonOf(name, property)}.`);
    }
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const allowed = Object.keys(node?.properties ?? {});
      return at('key', toPointer([...segments, name]), `Unknown property "${clipText(name)}" in ${placeOf(segments, root)}. ${unknownPropertyAdvice(name, allowed)}`);
    }
    case 'propertyNames': {
      const name = String(p.propertyName);
      const ids = RULES.map((r) => r.id);
      const lower = ids.find((id) => id === name.toLowerCase());
      const close = closestNames(name, ids);
      const advice = lower
        ? `Rule ids are lowercase: did you mean "${lower}"?`
        : close.length ? `Did you mean ${orList(close.map((c) => `"${c}"`))}?` : 'Rule ids look like "flowcache/low-hit-rate"; see the list of rules in the documentation.';
      return at('key', toPointer([...segments, name]), `"${clipText(name)}" in ${placeOf(segments, root)} is not a rule id. ${advice}`);
    }
    case 'type': {
      const expected = String(p.type).split(',');
      return at('value', e.instancePath, `${subject} is ${describeValue(value)}, but it must be ${orList(expected.map(typeNoun))}. ${typeAdvice(value, expected, node)}`);
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const close = typeof value === 'string' ? closestNames(value, allowed.filter((a): a is string => typeof a === 'string')) : [];
      const guess = close.length ? ` Did you mean ${orList(close.map((c) => `"${c}"`))}?` : '';
      return at('value', e.instancePath, `${subject} is ${describeValue(value)}, which is not allowed here.${guess} Use one of: ${allowed.map((a) => JSON.stringify(a)).join(', ')}.`);
    }
    case 'const': {
      const allowed = JSON.stringify(p.allowedValue);
      const what = segments.length === 1 && segments[0] === 'version' ? ', but EDP Designer reads format version 1 only' : `, but it must be ${allowed}`;
      return at('value', e.instancePath, `${subject} is ${describeValue(value)}${what}. Set it to ${allowed}.`);
    }
    case 'pattern': {
      const examples = node?.examples?.filter((x) => typeof x === 'string') ?? [];
      const like = examples.length ? `Write it like ${orList(examples.map((x) => JSON.stringify(x)))}` : `Write it to match ${String(p.pattern)}`;
      return at('value', e.instancePath, `${subject} is ${describeValue(value)}, which is not in the expected form. ${like}.`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const low = e.keyword === 'minimum' || e.keyword === 'exclusiveMinimum';
      const limit = String(p.limit);
      const problem = e.keyword.startsWith('exclusive')
        ? `but it must be ${low ? 'above' : 'below'} ${limit}`
        : `${low ? 'below the minimum' : 'above the maximum'} of ${limit}`;
      return at('value', e.instancePath, `${subject} is ${describeValue(value)}, ${problem}. Use ${rangeText(node)}.`);
    }
    case 'maxItems':
      return at('value', e.instancePath, `${subject} has ${Array.isArray(value) ? value.length : 'too many'} items, more than the ${String(p.limit)} allowed. Remove some, or split the topology into several files.`);
    case 'minItems':
      return at('value', e.instancePath, `${subject} is empty, but it needs at least ${plural(Number(p.limit), 'item')}. Add ${p.limit === 1 ? 'one' : 'more'}, or remove "${String(segments[segments.length - 1])}" if it is optional.`);
    case 'minLength':
      return at('value', e.instancePath, `${subject} is empty. Write a value, or remove the property if it is optional.`);
    case 'maxLength':
      return at('value', e.instancePath, `${subject} is ${typeof value === 'string' ? value.length : 'too many'} characters long, more than the ${String(p.limit)} allowed. Shorten it.`);
    case 'uniqueItems': {
      const later = Math.max(Number(p.i), Number(p.j));
      const earlier = Math.min(Number(p.i), Number(p.j));
      const item: unknown = Array.isArray(value) ? (value as unknown[])[later] : undefined;
      return at('value', toPointer([...segments, later]), `${subject} lists ${describeValue(item)} twice (items ${earlier + 1} and ${later + 1}). Remove the repeat.`);
    }
    default:
      return at('value', e.instancePath, `${subject} ${e.message ?? `fails the schema keyword "${e.keyword}"`}. Check it against docs/FORMAT.md.`);
  }
}

/** The property a "missing the required property" finding names (for its quick fix). */
export function missingPropertyOf(message: string): string | undefined {
  return /is missing the required property "([^"]+)"/.exec(message)?.[1];
}

function unknownPropertyAdvice(name: string, allowed: string[]): string {
  // A real property in the wrong object ("mtu" on a host) is a misplacement, not a typo.
  const home = homesOf(name);
  if (home.length) return `"${clipText(name)}" belongs in ${orList(home)}; move it there or remove it.`;
  const close = closestNames(name, allowed);
  if (close.length) return `Did you mean ${orList(close.map((c) => `"${c}"`))}? Rename it.`;
  if (allowed.length === 0) return 'Remove it.';
  return `Allowed here: ${allowed.map((a) => `"${a}"`).join(', ')}. Remove or rename it.`;
}

function typeAdvice(value: unknown, expected: string[], node: SchemaNode | undefined): string {
  if (node?.enum) return `Use one of: ${node.enum.map((a) => JSON.stringify(a)).join(', ')}.`;
  const wantsNumber = expected.includes('number') || expected.includes('integer');
  if (wantsNumber && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return `Remove the quotes: ${Number(value)}.`;
  }
  if (expected.includes('integer') && typeof value === 'number') return `Use a whole number, such as ${Math.round(value)}.`;
  if (expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) return `Put it in quotes: "${String(value)}".`;
  if (wantsNumber && node && rangeText(node) !== 'a number') return `Use ${rangeText(node)}.`;
  return `Change it to ${typeNoun(expected[0])}.`;
}

// ---- words -------------------------------------------------------------------------------

/** What one element of each list is called in messages. */
const ELEMENT_NOUNS: Record<string, string> = {
  hosts: 'host', nics: 'NIC', switches: 'switch', vms: 'VM', vnics: 'vNIC', numaNodes: 'NUMA node', lcores: 'lcore group', uplinks: 'uplink',
};

/** Where a property may live, for "it belongs in a switch" (definitions of the schema). */
const DEFINITION_NOUNS: Record<string, string> = {
  target: '"target"', host: 'a host', cpu: '"cpu"', numaNode: 'a NUMA node', nic: 'a NIC', switch: 'a switch', lcoreGroup: 'an lcore group', vm: 'a VM', vnic: 'a vNIC', traffic: '"traffic"',
};

/** The object or list at `segments`, named the way the user wrote it: `switch "vds-edp" of host "esx-01"`. */
function placeOf(segments: readonly (string | number)[], root: unknown): string {
  if (segments.length === 0) return 'the file';
  return subjectOf(segments, root);
}

function subjectOf(segments: readonly (string | number)[], root: unknown): string {
  if (segments.length === 0) return 'the file';
  const parent = segments.slice(0, -1);
  const last = segments[segments.length - 1];
  const owner = parent.length === 0 ? '' : ` of ${subjectOf(parent, root)}`;
  if (typeof last === 'number') {
    const list = String(parent[parent.length - 1] ?? '');
    const noun = ELEMENT_NOUNS[list];
    const grand = parent.length <= 1 ? '' : ` of ${subjectOf(parent.slice(0, -1), root)}`;
    if (!noun) return `item ${last + 1} of "${list}"${grand}`;
    const element = valueAt(root, segments);
    const name = isObject(element) && typeof element.name === 'string' && element.name !== '' ? `"${clipText(element.name)}"` : undefined;
    const id = list === 'numaNodes' && isObject(element) && typeof element.id === 'number' ? String(element.id) : undefined;
    return `${noun} ${name ?? id ?? `#${last + 1}`}${grand}`;
  }
  return `"${clipText(last)}"${owner}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${plural(value.length, 'item')}`;
  if (isObject(value)) return 'an object';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `the text ${JSON.stringify(truncate(value))}`;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : 'a value';
}

function typeNoun(type: string): string {
  switch (type) {
    case 'integer': return 'a whole number';
    case 'number': return 'a number';
    case 'string': return 'text in quotes';
    case 'boolean': return 'true or false';
    case 'object': return 'an object { … }';
    case 'array': return 'a list [ … ]';
    case 'null': return 'null';
    default: return type;
  }
}

/** "a whole number from 1 to 16", "a number above 0 and at most 10". */
function rangeText(node: SchemaNode | undefined): string {
  const s = node ?? {};
  const noun = s.type === 'integer' ? 'a whole number' : 'a number';
  if (s.minimum !== undefined && s.maximum !== undefined) return `${noun} from ${s.minimum} to ${s.maximum}`;
  const parts: string[] = [];
  if (s.minimum !== undefined) parts.push(`at least ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) parts.push(`above ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined) parts.push(`at most ${s.maximum}`);
  if (s.exclusiveMaximum !== undefined) parts.push(`below ${s.exclusiveMaximum}`);
  return parts.length ? `${noun} ${parts.join(' and ')}` : noun;
}

/** What to add for a missing property: `"cpu": { "sockets": …, … }`, `"mode": "edp-standard"`. */
function skeletonOf(name: string, property: SchemaNode | undefined): string {
  const s = property ? deref(property) : {};
  const example = s.default ?? s.examples?.[0];
  if (example !== undefined && typeof example !== 'object') return `it, for example "${name}": ${JSON.stringify(example)}`;
  if (s.type === 'object') {
    const inner = (s.required ?? []).map((r) => `"${r}": …`).join(', ');
    return `"${name}": { ${inner ? inner + ' ' : ''}}`;
  }
  if (s.type === 'array') return `"${name}": [ … ]`;
  return `"${name}"`;
}

function firstSentence(text: string | undefined): string {
  if (!text) return '';
  // Parentheses would nest inside the message's own "(…)".
  const sentence = text.split(/(?<=\.)\s/)[0].replace(/\.$/, '').replace(/\s*\([^)]*\)/g, '');
  return /^[A-Z][a-z]/.test(sentence) ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : sentence;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function truncate(text: string): string {
  return text.length > 40 ? text.slice(0, 39) + '…' : text;
}

// ---- the schema and the value, walked by instance path ------------------------------------

export interface SchemaNode {
  $ref?: string;
  type?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  const?: unknown;
}

const SCHEMA = schemaJson as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

function deref(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const target = SCHEMA.definitions[node.$ref.replace('#/definitions/', '')];
  return target ? { ...deref(target), ...node, $ref: undefined } : node;
}

/** The schema of the node at `segments` (the schema has no combinators, so the walk is unique). */
export function schemaAt(segments: readonly (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = SCHEMA;
  for (const segment of segments) {
    if (!node) return undefined;
    const s: SchemaNode = deref(node);
    if (typeof segment === 'number' && s.items) node = s.items;
    else if (s.properties?.[String(segment)]) node = s.properties[String(segment)];
    else node = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  }
  return node && deref(node);
}

let homes: Map<string, string[]> | undefined;

/** The objects that do have a property of this name. */
export function homesOf(name: string): string[] {
  homes ??= new Map(
    Object.entries(SCHEMA.definitions).flatMap(([def, s]) => Object.keys(s.properties ?? {}).map((p) => [p, def] as const))
      .reduce((m, [p, def]) => m.set(p, [...(m.get(p) ?? []), def]), new Map<string, string[]>()),
  );
  return (homes.get(name) ?? []).map((def) => DEFINITION_NOUNS[def]).filter((n): n is string => n !== undefined);
}

function valueAt(root: unknown, segments: readonly (string | number)[]): unknown {
  let v = root;
  for (const s of segments) {
    if (Array.isArray(v)) v = v[Number(s)];
    else if (isObject(v)) v = v[String(s)];
    else return undefined;
  }
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
