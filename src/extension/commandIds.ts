// Command ids are a public contract (keybindings, other extensions): keep them stable.
// Titles live in package.json contributes.commands (category "EDP").
export const COMMANDS = {
  newTopology: 'edpDesigner.newTopology',
  checkWorkspace: 'edpDesigner.checkWorkspace',
  revalidate: 'edpDesigner.revalidate',
  showOutput: 'edpDesigner.showOutput',
  importHwloc: 'edpDesigner.importHwloc',
  importHosts: 'edpDesigner.importHosts',
  calibrate: 'edpDesigner.calibrate',
  showReport: 'edpDesigner.showReport',
  exportReport: 'edpDesigner.exportReport',
  /** Arguments (topologyUri?, format?: 'nsx-policy' | 'terraform'); with a format, no quick pick. */
  exportNsx: 'edpDesigner.exportNsx',
  /** Internal (code actions): arguments (ruleId, documentUri?). */
  disableRule: 'edpDesigner.disableRule',
  /** Internal (code actions): argument (ruleId). */
  showRuleDocs: 'edpDesigner.showRuleDocs',
} as const;
