// The imported host made to fit schemas/topology.schema.json: a fact hwloc gives outside what
// the format allows (a 300-character host name, 20 sockets, 40 NICs) is cut to the limit or left
// out, with a note saying what to check. The output then differs from a valid file only by the
// fields left out on purpose, which the schema's `required` points the user at.
import schemaJson from '../../../schemas/topology.schema.json';
import { clipText } from '../present';
import type { ImportedHost, ImportedNic } from './hwloc';

interface Bounds { minimum?: number; maximum?: number; exclusiveMinimum?: number; maxLength?: number; maxItems?: number }

const definitions = (schemaJson as unknown as { definitions: Record<string, { properties?: Record<string, Bounds & { $ref?: string }> } & Bounds> }).definitions;

/** The bounds of a definition's property, following one $ref ("#/definitions/name"). */
function bounds(definition: string, property: string): Bounds {
  const p = definitions[definition]?.properties?.[property] ?? {};
  const ref = p.$ref?.replace('#/definitions/', '');
  return { ...(ref ? definitions[ref] : {}), ...p };
}

export const MAX_NUMA_ID = bounds('nic', 'numaNode').maximum ?? 63;

export function fitToSchema(host: ImportedHost, notes: string[]): ImportedHost {
  const name = fitName(host.name, 'host-1', 'The host name', notes);
  const cpu = { ...host.cpu };
  if (cpu.model !== undefined) cpu.model = fitText(cpu.model, bounds('cpu', 'model'), 'cpu.model', notes);
  for (const key of ['sockets', 'coresPerSocket', 'threadsPerCore'] as const) {
    const value = fitCount(cpu[key], bounds('cpu', key), `cpu.${key}`, notes);
    if (value === undefined) delete (cpu as Partial<typeof cpu>)[key];
    else cpu[key] = value;
  }
  for (const key of ['ghz', 'llcMiB'] as const) {
    if (cpu[key] !== undefined && !inRange(cpu[key], bounds('cpu', key))) {
      notes.push(`cpu.${key} ${cpu[key]} from hwloc is outside what the format allows: left out for you to fill in.`);
      delete cpu[key];
    }
  }
  let numaNodes = host.numaNodes;
  if (numaNodes) {
    numaNodes = fitList(numaNodes, bounds('host', 'numaNodes'), 'NUMA nodes', notes).map((n) => {
      const node = { ...n };
      node.socket = Math.min(node.socket, bounds('numaNode', 'socket').maximum ?? node.socket);
      const cores = fitCount(node.cores, bounds('numaNode', 'cores'), `cores of NUMA node ${node.id}`, notes);
      if (cores !== undefined) node.cores = cores;
      if (node.memoryGiB !== undefined && !inRange(node.memoryGiB, bounds('numaNode', 'memoryGiB'))) {
        notes.push(`NUMA node ${node.id} reports ${node.memoryGiB} GiB of memory, outside what the format allows: memoryGiB is left out.`);
        delete node.memoryGiB;
      }
      return node;
    });
  }
  const nics = fitList(host.nics, bounds('host', 'nics'), 'NICs', notes).map((n, i): ImportedNic => {
    const nic = { ...n, name: fitName(n.name, `nic-${i + 1}`, `NIC ${i + 1}'s name`, notes) };
    if (nic.model !== undefined) nic.model = fitText(nic.model, bounds('nic', 'model'), `the model of NIC "${clipText(nic.name)}"`, notes);
    if (nic.driver !== undefined) nic.driver = fitText(nic.driver, bounds('nic', 'driver'), `the driver of NIC "${clipText(nic.name)}"`, notes);
    return nic;
  });
  return { ...host, name, cpu, ...(numaNodes ? { numaNodes } : {}), nics };
}

function inRange(value: number, b: Bounds): boolean {
  return Number.isFinite(value)
    && (b.minimum === undefined || value >= b.minimum)
    && (b.exclusiveMinimum === undefined || value > b.exclusiveMinimum)
    && (b.maximum === undefined || value <= b.maximum);
}

/** A count over the maximum is cut to it; under the minimum (nothing found) it is left out, so the schema asks for it. */
function fitCount(value: number | undefined, b: Bounds, what: string, notes: string[]): number | undefined {
  if (value === undefined || inRange(value, b)) return value;
  if (b.maximum !== undefined && value > b.maximum) {
    notes.push(`${what} is ${value} in the hwloc export, over the format's limit of ${b.maximum}: it is set to ${b.maximum}; check the export.`);
    return b.maximum;
  }
  notes.push(`${what} could not be counted from the hwloc export (it gives ${value}): left out for you to fill in.`);
  return undefined;
}

function fitText(text: string, b: Bounds, what: string, notes: string[]): string {
  if (b.maxLength === undefined || text.length <= b.maxLength) return text;
  notes.push(`${what} is ${text.length} characters long, over the format's limit of ${b.maxLength}: it is cut short.`);
  return clipText(text, b.maxLength);
}

function fitName(name: string, fallback: string, what: string, notes: string[]): string {
  if (name.trim() === '') {
    notes.push(`${what} is empty in the hwloc export: "${fallback}" is used; rename it.`);
    return fallback;
  }
  return fitText(name, bounds('host', 'name'), what, notes);
}

function fitList<T>(items: T[], b: Bounds, what: string, notes: string[]): T[] {
  if (b.maxItems === undefined || items.length <= b.maxItems) return items;
  notes.push(`hwloc reports ${items.length} ${what}, over the format's limit of ${b.maxItems}: the first ${b.maxItems} are kept.`);
  return items.slice(0, b.maxItems);
}
