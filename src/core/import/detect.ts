// Which kind of host description a file holds, told by its content (never by its name): what a
// folder of mixed collections needs. ESXi output is plain text, recognised by the shapes its
// readers know (esxi/lines.ts); the rest are XML or JSON with distinctive keys.
import { readEsxiOutput } from './esxi';
import { at, vsphereObjects } from './vsphere';
import { isNsxJson } from './nsx';

export type InputKind = 'hwloc' | 'vsphere' | 'nsx' | 'esxi';

export const KIND_NAMES: Record<InputKind, string> = {
  hwloc: 'hwloc XML (lstopo --of xml)',
  vsphere: 'vSphere HostSystem / VirtualMachine JSON (govc host.info -json, vm.info -json, object.collect -json, PowerCLI Get-View | ConvertTo-Json, the vSphere JSON API)',
  nsx: 'NSX transport node, transport node profile, uplink profile or collection JSON (Manager or Policy API; transport node and compute collections tell which cluster a profile configures)',
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

export function detectKind(text: string): InputKind | undefined {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('<')) return /<topology[\s>]/.test(t.slice(0, 4096)) ? 'hwloc' : undefined;
  const doc = jsonDocument(t);
  if (doc !== undefined) {
    // the NSX reader's own test: transport nodes (profiles), list answers, uplink profiles
    if (isNsxJson(t)) return 'nsx';
    const found = vsphereObjects(doc);
    if (found.hosts.length || found.vms.length) return 'vsphere';
    // flow statistics saved on their own are JSON too
    return readEsxiOutput(t).recognised ? 'esxi' : at(doc, 'lcoreID') !== undefined ? 'esxi' : undefined;
  }
  return readEsxiOutput(t).recognised ? 'esxi' : undefined;
}
