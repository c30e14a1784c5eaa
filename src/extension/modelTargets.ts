// Where the model's objects are in the file: the switch objects the CodeLens sits above, and what
// a hover position points at. Pure on purpose (no vscode import): unit tests run it without VS Code.
import { type Node, findNodeAtLocation, findNodeAtOffset, getNodePath } from 'jsonc-parser';
import type { Span, Topology } from '../core';

type ModelTarget =
  | { kind: 'switch'; host: number; switch: number }
  | { kind: 'vnic'; host: number; vm: number; vnic: number }
  | { kind: 'lcoreGroup'; host: number; switch: number; group: number }
  | { kind: 'nic'; host: number; nic: number };

/** The switch objects of the file, in model order (host by host), with the span of each. */
export function switchSpans(root: Node | undefined, topology: Topology | undefined): { host: number; switch: number; span: Span }[] {
  if (!root || !topology) return [];
  return topology.hosts.flatMap((host, h) => host.switches.flatMap((_, s) => {
    const node = findNodeAtLocation(root, ['hosts', h, 'switches', s]);
    return node ? [{ host: h, switch: s, span: { offset: node.offset, length: node.length } }] : [];
  }));
}

/**
 * What the text at `offset` names, and the span of the word hovered: a switch's, vNIC's or NIC's
 * `name` (key or value), any property of an lcore group, or a NIC in a switch's `uplinks`.
 * Only names, not whole objects: a hover on every blank inside a block would be noise.
 */
export function targetAt(root: Node | undefined, topology: Topology | undefined, offset: number): { target: ModelTarget; span: Span } | undefined {
  if (!root || !topology) return undefined;
  const node = findNodeAtOffset(root, offset, true);
  if (!node || node.type === 'object' || node.type === 'array') return undefined;
  const path = getNodePath(node);
  const span = { offset: node.offset, length: node.length };
  const [hosts, h, list, i, ...rest] = path;
  if (hosts !== 'hosts' || typeof h !== 'number' || typeof i !== 'number' || !topology.hosts[h]) return undefined;
  const host = topology.hosts[h];
  const isName = rest.length === 1 && rest[0] === 'name';
  if (list === 'switches' && host.switches[i]) {
    if (isName) return { target: { kind: 'switch', host: h, switch: i }, span };
    const [sub, j] = rest;
    if (sub === 'lcores' && typeof j === 'number' && rest.length === 3 && host.switches[i].lcores?.[j]) {
      return { target: { kind: 'lcoreGroup', host: h, switch: i, group: j }, span };
    }
    if (sub === 'uplinks' && typeof j === 'number' && rest.length === 2) {
      const nic = host.nics.findIndex((n) => n.name === host.switches[i].uplinks[j]);
      return nic >= 0 ? { target: { kind: 'nic', host: h, nic }, span } : undefined;
    }
  }
  if (list === 'nics' && host.nics[i] && isName) return { target: { kind: 'nic', host: h, nic: i }, span };
  if (list === 'vms' && host.vms?.[i]) {
    const [sub, n, name] = rest;
    if (sub === 'vnics' && typeof n === 'number' && name === 'name' && rest.length === 3 && host.vms[i].vnics[n]) {
      return { target: { kind: 'vnic', host: h, vm: i, vnic: n }, span };
    }
  }
  return undefined;
}
