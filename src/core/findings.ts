// A finding is the one object the editor, the report panel and the CLI all show (DESIGN §4).

export type Severity = 'error' | 'warning' | 'info';

/** 0-based, as VS Code counts: `character` in UTF-16 code units. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A span of the analyzed text (offsets in UTF-16 code units, BOM excluded). */
export interface Span {
  offset: number;
  length: number;
}

export interface RelatedLocation {
  path: string;
  message: string;
  span?: Span;
  range?: Range;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** JSON pointer to the object the finding is about ('' for the whole document). */
  path: string;
  span?: Span;
  range?: Range;
  related?: RelatedLocation[];
}

/**
 * What a rule produces before severity and location are applied: the rule id, the message,
 * the pointer and which part of the node to underline.
 */
export interface RawFinding {
  rule: string;
  message: string;
  path: string;
  /** 'key' underlines the property name (for missing or extra properties), 'value' the value. */
  target?: 'key' | 'value';
  /** When the rule knows the exact span already (parse errors). */
  span?: Span;
  related?: { path: string; message: string; target?: 'key' | 'value' }[];
  /** Overrides the rule's default severity (readiness/mtu is an error below 1600, a warning below 1700). */
  severity?: Severity;
}
