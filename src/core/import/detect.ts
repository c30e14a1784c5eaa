// Which kind of host description a file holds, told by its content (never by its name): what a
// folder of mixed collections needs. ESXi output is plain text, recognised by the shapes its
// readers know (esxi/lines.ts); the rest are XML or JSON with distinctive keys.
import { readEsxiOutput } from './esxi';
import { at, vsphereObjects } from './vsphere';

export type InputKind = 'hwloc' | 'vsphere' | 'nsx' | 'esxi';

export const KIND_NAMES: Record<InputKind, string> = {
  hwloc: 'hwloc XML (lstopo --of xml)',
  vsphere: 'vSphere HostSystem / VirtualMachine JSON (govc host.info -json, vm.info -json, object.collect -json, PowerCLI Get-View | ConvertTo-Json, the vSphere JSON API)',
  nsx: 'NSX transport node or transport node profile JSON (host_switch_spec)',
  esxi: 'ESXi command output (esxcli, esxcfg-nics, vsish, vim-cmd, nsxdp-cli; docs/IMPORT-ESXI.md lists them)',
};

export function understoodKinds(): string {
  return Object.values(KIND_NAMES).map((k) => `  - ${k}`).join('\n');
}

/** The parsed JSON document, or undefined when the text is not one JSON value. */
export function jsonDocument(text: string): unknown {
  const t = text.replace(/^\uFEFF/, '').trim();
  if (!/^[{[]/.test(t)) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/** NSX: a transport node (profile) with host_switch_spec, a bare host_switches list, or a list API answer. */
export function isNsxJson(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object') return false;
  const has = (o: unknown) => !!o && typeof o === 'object' && ('host_switch_spec' in o || 'host_switches' in o);
  if (has(doc)) return true;
  const results = (doc as { results?: unknown }).results;
  return Array.isArray(results) && results.some(has);
}

export function detectKind(text: string): InputKind | undefined {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('<')) return /<topology[\s>]/.test(t.slice(0, 4096)) ? 'hwloc' : undefined;
  const doc = jsonDocument(t);
  if (doc !== undefined) {
    if (isNsxJson(doc)) return 'nsx';
    const found = vsphereObjects(doc);
    if (found.hosts.length || found.vms.length) return 'vsphere';
    // flow statistics saved on their own are JSON too
    return readEsxiOutput(t).recognised ? 'esxi' : at(doc, 'lcoreID') !== undefined ? 'esxi' : undefined;
  }
  return readEsxiOutput(t).recognised ? 'esxi' : undefined;
}
