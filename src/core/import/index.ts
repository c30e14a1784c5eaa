// Importing hosts from other tools' descriptions (hwloc's `lstopo --of xml`), for the CLI and the editor command.
export { appendHostEdits } from './append-host';
export { HwlocXmlError, hwlocTopologyDocument, importHwloc } from './hwloc';
export type { HwlocImport, HwlocImportOptions, ImportedHost, ImportedNic, ImportedTopology, NicCatalogLookup } from './hwloc';
