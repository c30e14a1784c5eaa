// vscode-json-languageservice, in the analysis worker (workerServices.ts), for topology files (language id `edp-json`):
// completion, hover, outline, folding, selection ranges and formatting from the bundled
// schema. Its validation stays off: the core's findings are the only diagnostics, so the editor
// shows exactly what `edp-check` reports (issue 13). Pure: no vscode import (unit-tested).
import { ClientCapabilities, getLanguageService, type JSONDocument, type LanguageService, TextDocument } from 'vscode-json-languageservice';
import schema from '../../schemas/topology.schema.json';
import { TOPOLOGY_LANGUAGE_ID } from './languageId';

export { TOPOLOGY_LANGUAGE_ID };

const SCHEMA_URI = 'edp-designer:/schemas/topology.schema.json';
const SCHEMA_TEXT = JSON.stringify(schema);

/**
 * The service with the topology schema for every document it is given (only `edp-json`
 * documents are). A file's own `"$schema"` would make the service fetch that URL instead; the
 * bundled schema is the one EDP Designer checks against, so every request is answered with it.
 */
export function createTopologyJsonService(): LanguageService {
  const service = getLanguageService({
    clientCapabilities: ClientCapabilities.LATEST,
    schemaRequestService: () => Promise.resolve(SCHEMA_TEXT),
  });
  service.configure({ validate: false, allowComments: true, schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema }] });
  return service;
}

interface ParsedTopology {
  document: TextDocument;
  json: JSONDocument;
}

/** Parses kept for the last few document versions: hover, completion and outline ask one after another. */
export class ParsedTopologies {
  private readonly parsed = new Map<string, ParsedTopology>();

  constructor(private readonly service: LanguageService, private readonly keep = 4) {}

  /** The parse of `uri` at `version`; `text` is read only when that version is not parsed yet. */
  get(uri: string, version: number, text: () => string): ParsedTopology {
    const known = this.parsed.get(uri);
    if (known && known.document.version === version) return known;
    const document = TextDocument.create(uri, TOPOLOGY_LANGUAGE_ID, version, text());
    const entry = { document, json: this.service.parseJSONDocument(document) };
    this.parsed.delete(uri);
    this.parsed.set(uri, entry);
    // Large designs parse into large trees: keep only the most recently used few.
    while (this.parsed.size > this.keep) this.parsed.delete(this.parsed.keys().next().value!);
    return entry;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
  }
}
