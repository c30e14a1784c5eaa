// Reads `lstopo --of xml` output (hwloc 1.x, 2.x and 3.x formats) into a plain object tree.
// Only what the importer needs is normalized here: object types, infos and OS device kinds.
// The XML may come from anywhere, so everything read is checked here, once: entity
// declarations and deep nesting are refused, bitmaps and indexes are validated (the error names
// the object), and attribute maps have no prototype, so `__proto__` is just a name.
import { parseXml, XmlElement, XmlError } from '@rgrove/parse-xml';
import { type Bitmap, parseBitmap } from './bitmap';

export interface HwlocObject {
  /** hwloc 2 names: Package (1.x "Socket"), L3Cache (1.x "Cache" depth 3), NUMANode, Core, PU, PCIDev, OSDev… */
  type: string;
  attrs: Record<string, string>;
  infos: Record<string, string>;
  parent: HwlocObject | undefined;
  children: HwlocObject[];
  /** The cpuset, parsed once (0n when absent). */
  cpuset: Bitmap;
  /** The nodeset, parsed once; undefined when absent. */
  nodeset: Bitmap | undefined;
  /** os_index as a number; undefined when absent. May be negative: the importer decides what that means. */
  osIndex: number | undefined;
}

interface HwlocTree {
  /** Major version of the XML format: 1, 2 or 3. */
  formatVersion: number;
  root: HwlocObject;
  /** Infos of the whole topology (hwloc 3 writes HostName etc. at the top, hwloc 2 under Machine). */
  infos: Record<string, string>;
}

export class HwlocXmlError extends Error {}

/** lstopo nests about a dozen levels (machine, groups, package, caches, core, PU; bridges). */
const MAX_XML_DEPTH = 64;

const ADVICE = 'lstopo --of xml';

export function readHwlocXml(xml: string): HwlocTree {
  // lstopo declares no entities; a declaration is at best a mistake and at worst an expansion bomb.
  if (/<!ENTITY/.test(xml)) {
    throw new HwlocXmlError(`not an lstopo export: it declares XML entities (<!ENTITY …>), which ${ADVICE} never writes`);
  }
  // A strict XML 1.0 parser (well-formedness, the predefined entities and character references
  // only, no DTD processing) that builds a small element tree; it recurses per nesting level, so
  // a deep file overflows its stack: that is the same "too deep" as a depth past MAX_XML_DEPTH.
  let document: XmlElement | null;
  try {
    document = parseXml(xml).root;
  } catch (e) {
    if (e instanceof XmlError) {
      throw new HwlocXmlError(`not well-formed XML (line ${e.line}, column ${e.column}: ${e.message.split(' (line ')[0].replace(/\.$/, '')})`);
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw tooDeep();
    throw e;
  }
  if (document && depthOf(document) > MAX_XML_DEPTH) throw tooDeep();
  const topology = document?.name === 'topology' ? document : undefined;
  const objects = elements(topology, 'object');
  if (!topology || objects.length === 0) {
    throw new HwlocXmlError(`not an hwloc topology (expected a <topology> element holding <object> elements, as \`${ADVICE}\` writes)`);
  }
  const version = attrsOf(topology).version;
  const formatVersion = version ? Number.parseInt(version, 10) : 1;
  if (!(formatVersion >= 1 && formatVersion <= 3)) {
    throw new HwlocXmlError(`hwloc XML format version "${clip(version ?? '')}" is not supported (1.x, 2.x and 3.x are)`);
  }
  const counters = new Map<string, number>();
  const root = toObject(objects[0], undefined, formatVersion, counters);
  return { formatVersion, root, infos: { ...root.infos, ...infosOf(topology) } };
}

function toObject(element: XmlElement, parent: HwlocObject | undefined, formatVersion: number, counters: Map<string, number>): HwlocObject {
  const attrs = attrsOf(element);
  const type = typeOf(attrs);
  const ordinal = (counters.get(type) ?? 0) + 1;
  counters.set(type, ordinal);
  const where = () => `<object type="${clip(attrs.type ?? '')}"> number ${ordinal}${attrs.os_index !== undefined ? ` (os_index "${clip(attrs.os_index)}")` : ''}`;
  for (const name of ['os_index', 'depth', 'cache_size', 'local_memory']) {
    const value = attrs[name];
    if (value !== undefined && !/^\s*-?\d{1,20}\s*$/.test(value)) {
      throw new HwlocXmlError(`not a valid hwloc export: ${where()} has ${name}="${clip(value)}", which is not a whole number`);
    }
  }
  const bitmap = (name: 'cpuset' | 'nodeset') => {
    try {
      return attrs[name] === undefined ? undefined : parseBitmap(attrs[name]);
    } catch (e) {
      throw new HwlocXmlError(`not a valid hwloc export: ${where()} has ${name}="${clip(attrs[name])}": ${(e as Error).message}`);
    }
  };
  const obj: HwlocObject = {
    type,
    attrs,
    infos: infosOf(element),
    parent,
    children: [],
    cpuset: bitmap('cpuset') ?? 0n,
    nodeset: bitmap('nodeset'),
    osIndex: attrs.os_index === undefined ? undefined : Number(attrs.os_index),
  };
  obj.children = elements(element, 'object').map((child) => toObject(child, obj, formatVersion, counters));
  if (obj.type === 'OSDev' && isNetworkOsDev(attrs.osdev_type, formatVersion)) obj.type = 'OSDev:network';
  return obj;
}

/** The attributes in a map without prototype: `__proto__="x"` is an attribute like any other. */
function attrsOf(element: XmlElement | undefined): Record<string, string> {
  return Object.assign(Object.create(null) as Record<string, string>, element?.attributes);
}

function infosOf(element: XmlElement | undefined): Record<string, string> {
  const infos = Object.create(null) as Record<string, string>;
  for (const info of elements(element, 'info')) {
    const attrs = attrsOf(info);
    if (attrs.name !== undefined) infos[attrs.name] = attrs.value ?? '';
  }
  return infos;
}

/** The child elements named `name`, in document order. */
function elements(element: XmlElement | undefined, name: string): XmlElement[] {
  return (element?.children ?? []).filter((c): c is XmlElement => c instanceof XmlElement && c.name === name);
}

/** How deep elements nest under `root` (1 for an element without child elements); iterative. */
function depthOf(root: XmlElement): number {
  let deepest = 0;
  const stack: [XmlElement, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of element.children) if (child instanceof XmlElement) stack.push([child, depth + 1]);
  }
  return deepest;
}

function tooDeep(): HwlocXmlError {
  return new HwlocXmlError(`nested more than ${MAX_XML_DEPTH} elements deep, which no lstopo export is`);
}

/** What an error echoes of the file: a bounded, printable excerpt. */
function clip(text: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 39)}…` : printable;
}

/** hwloc 1.x called packages "Socket" and caches "Cache" with a depth (cache_type 2 = instruction). */
function typeOf(attrs: Record<string, string>): string {
  const type = attrs.type ?? '';
  if (type === 'Socket') return 'Package';
  if (type === 'Cache') return `L${attrs.depth ?? '?'}${attrs.cache_type === '2' ? 'i' : ''}Cache`;
  return type;
}

/**
 * hwloc 1.x and 2.x number OS device kinds (2 = network interface, 3 = OpenFabrics HCA); hwloc 3
 * makes them bit flags (16 = network, 32 = OpenFabrics) and marks an HCA such as "mlx5_0" as both.
 * Only network interfaces are NICs here.
 */
function isNetworkOsDev(osdevType: string | undefined, formatVersion: number): boolean {
  if (osdevType === undefined) return false;
  const n = Number.parseInt(osdevType, 10);
  return formatVersion >= 3 ? (n & 16) !== 0 && (n & 32) === 0 : n === 2;
}

/** The object and everything under it, in document order (iterative: no recursion limit to hit). */
export function descendants(obj: HwlocObject): HwlocObject[] {
  const out: HwlocObject[] = [];
  const stack = [obj];
  while (stack.length > 0) {
    const o = stack.pop()!;
    out.push(o);
    for (let i = o.children.length - 1; i >= 0; i--) stack.push(o.children[i]);
  }
  return out;
}

export function isIoObject(obj: HwlocObject): boolean {
  return obj.type === 'Bridge' || obj.type === 'PCIDev' || obj.type.startsWith('OSDev') || obj.type === 'Misc';
}
