// The language id of topology files (package.json contributes.languages): its own module, so the
// host's bundle can name it without taking the JSON language service along (topologyJson.ts).
export const TOPOLOGY_LANGUAGE_ID = 'edp-json';
