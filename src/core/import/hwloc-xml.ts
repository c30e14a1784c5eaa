// Reads `lstopo --of xml` output (hwloc 1.x, 2.x and 3.x formats) into a plain object tree.
// Only what the importer needs is normalized here: object types, infos and OS device kinds.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface HwlocObject {
  /** hwloc 2 names: Package (1.x "Socket"), L3Cache (1.x "Cache" depth 3), NUMANode, Core, PU, PCIDev, OSDev… */
  type: string;
  attrs: Record<string, string>;
  infos: Record<string, string>;
  parent: HwlocObject | undefined;
  children: HwlocObject[];
}

export interface HwlocTree {
  /** Major version of the XML format: 1, 2 or 3. */
  formatVersion: number;
  root: HwlocObject;
  /** Infos of the whole topology (hwloc 3 writes HostName etc. at the top, hwloc 2 under Machine). */
  infos: Record<string, string>;
}

export class HwlocXmlError extends Error {}

type XmlElement = { '@'?: Record<string, string>; object?: XmlElement[]; info?: XmlElement[] };

export function readHwlocXml(xml: string): HwlocTree {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new HwlocXmlError(`not well-formed XML (line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg.replace(/\.$/, '')})`);
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    attributesGroupName: '@',
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => name === 'object' || name === 'info',
  });
  const doc = parser.parse(xml) as { topology?: XmlElement | string };
  const topology = doc.topology;
  if (typeof topology !== 'object' || !topology.object?.length) {
    throw new HwlocXmlError('not an hwloc topology (expected a <topology> element holding <object> elements, as `lstopo --of xml` writes)');
  }
  const version = topology['@']?.version;
  const formatVersion = version ? Number.parseInt(version, 10) : 1;
  if (!(formatVersion >= 1 && formatVersion <= 3)) {
    throw new HwlocXmlError(`hwloc XML format version "${version}" is not supported (1.x, 2.x and 3.x are)`);
  }
  const root = toObject(topology.object[0], undefined, formatVersion);
  return { formatVersion, root, infos: { ...root.infos, ...infosOf(topology) } };
}

function toObject(element: XmlElement, parent: HwlocObject | undefined, formatVersion: number): HwlocObject {
  const attrs = element['@'] ?? {};
  const obj: HwlocObject = { type: typeOf(attrs), attrs, infos: infosOf(element), parent, children: [] };
  obj.children = (element.object ?? []).map((child) => toObject(child, obj, formatVersion));
  if (obj.type === 'OSDev' && isNetworkOsDev(attrs.osdev_type, formatVersion)) obj.type = 'OSDev:network';
  return obj;
}

function infosOf(element: XmlElement): Record<string, string> {
  const infos: Record<string, string> = {};
  for (const info of element.info ?? []) {
    const name = info['@']?.name;
    if (name !== undefined) infos[name] = info['@']?.value ?? '';
  }
  return infos;
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

export function descendants(obj: HwlocObject): HwlocObject[] {
  const out: HwlocObject[] = [];
  const walk = (o: HwlocObject) => {
    out.push(o);
    o.children.forEach(walk);
  };
  walk(obj);
  return out;
}

export function isIoObject(obj: HwlocObject): boolean {
  return obj.type === 'Bridge' || obj.type === 'PCIDev' || obj.type.startsWith('OSDev') || obj.type === 'Misc';
}
