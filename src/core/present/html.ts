// Every string from the topology file (names, messages) goes through htmlEscape before it is put
// into markup: the report page sets innerHTML from its builders, the exported HTML is a file.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in double- or single-quoted attribute values. */
export function htmlEscape(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
