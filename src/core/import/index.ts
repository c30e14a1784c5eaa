// Importing hosts from what describes them elsewhere (hwloc XML, vSphere and NSX JSON, ESXi command output), for the CLI and the editor commands.
export { appendHostEdits } from './append-host';
export { HwlocXmlError, hwlocTopologyDocument, importHwloc } from './hwloc';
export type { HwlocImport, HwlocImportOptions, ImportedHost, ImportedNic, ImportedTopology, NicCatalogLookup } from './hwloc';
export { importHosts, NSX_PROFILE_WITHOUT_HOSTS } from './hosts';
export type { HostsImport, HostsImportOptions, ImportInput } from './hosts';
export { detectKind, KIND_NAMES, understoodKinds } from './detect';
export type { InputKind } from './detect';
export { mergeIntoDesign } from './into';
export type { MergeIntoOptions, MergeIntoResult } from './into';
export type { NsxProfiles } from './profiles';
export { readEsxiOutput } from './esxi';
