// Command ids are a public contract (keybindings, other extensions): keep them stable.
// Titles live in package.json contributes.commands (category "EDP").
export const COMMANDS = {
  newTopology: 'edpDesigner.newTopology',
  checkWorkspace: 'edpDesigner.checkWorkspace',
  revalidate: 'edpDesigner.revalidate',
  showOutput: 'edpDesigner.showOutput',
  importHwloc: 'edpDesigner.importHwloc',
} as const;
