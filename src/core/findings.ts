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

/**
 * A span of the analyzed text (offsets in UTF-16 code units into the text given to analyze(),
 * without its BOM if it starts with one: VS Code and the CLI (src/cli/read.ts) drop it too, so
 * spans and ranges name what the editor shows).
 */
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

/**
 * What a finding is about, by its rule (docs/RULES.md): the text is not JSON ('syntax'), does
 * not match the format ('schema'), names something that is not there ('reference'), will not
 * run as EDP ('readiness': releases, drivers, MTU, cluster consistency), or runs worse than it
 * could ('model': NUMA placement, flow cache, load, capacity); 'internal' is about the analysis
 * itself (a bug of ours, the time budget). The registry gives each rule its kind.
 */
export type FindingKind = 'syntax' | 'schema' | 'reference' | 'readiness' | 'model' | 'internal';

/**
 * The objects a finding is about, as indexes into the file's arrays (not names: names may
 * repeat). `host` indexes `hosts`; `switch`, `nic`, `vm` that host's arrays; `vnic` the VM's
 * `vnics`; `lcoreGroup` the switch's `lcores` groups; `lcore` the model's lcore index within
 * the switch. Read from the finding's path (findingAbout), refined by rules that know more.
 */
export interface FindingAbout {
  host?: number;
  switch?: number;
  lcoreGroup?: number;
  lcore?: number;
  nic?: number;
  vm?: number;
  vnic?: number;
}

export interface Finding {
  rule: string;
  /** The rule's kind (the registry's), so adapters need not read it from the rule id. */
  kind: FindingKind;
  severity: Severity;
  message: string;
  /** The objects the finding is about ({} for the whole document). */
  about: FindingAbout;
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
  /**
   * What the rule knows beyond the path (the lcore an overloaded-lcore finding is about, the
   * switch of a VM's NUMA finding); merged over what the path says. Never the host: that always
   * comes from the path, so a host's findings stay right when the host moves.
   */
  about?: Omit<FindingAbout, 'host'>;
  /** Overrides the rule's default severity (readiness/mtu is an error below 1600, a warning below 1700). */
  severity?: Severity;
}
