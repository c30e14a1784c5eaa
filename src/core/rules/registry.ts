// Every rule id is a public contract (DESIGN §4): users re-grade or disable rules by these ids.
import type { FindingKind, Severity } from '../findings';

/** The kind of every rule, by the family its id starts with (the one place kinds are decided). */
const KIND_OF_FAMILY = {
  parse: 'syntax',
  schema: 'schema',
  ref: 'reference',
  readiness: 'readiness',
  cluster: 'readiness',
  numa: 'model',
  flowcache: 'model',
  mbuf: 'model',
  tlb: 'model',
  capacity: 'model',
  measured: 'model',
  analysis: 'internal',
  internal: 'internal',
} as const satisfies Record<string, FindingKind>;

type RuleFamily = keyof typeof KIND_OF_FAMILY;

export interface RuleInfo {
  id: string;
  kind: FindingKind;
  severity: Severity;
  /** One line: when the rule fires. */
  summary: string;
  /** Settings and the file's `rules` cannot switch it off or re-grade it. */
  locked?: true;
}

/** A bug of ours met while analyzing: always reported, as an error (settings cannot hide it). */
export const INTERNAL_ERROR_RULE = 'internal/error' as const;

/** A rule as listed below: its id must start with a family of KIND_OF_FAMILY (the compiler checks). */
type RuleEntry = Omit<RuleInfo, 'id' | 'kind'> & { id: `${RuleFamily}/${string}` };

const RULE_LIST: readonly RuleEntry[] = [
  { id: 'parse/invalid-json', severity: 'error', summary: 'The text is not valid JSONC.' },
  { id: 'schema/invalid', severity: 'error', summary: 'Structural error against schemas/topology.schema.json.' },
  { id: 'ref/duplicate-name', severity: 'error', summary: 'Two hosts, NICs, switches, VMs (or vNICs of one VM) share a name.' },
  { id: 'ref/unknown-nic', severity: 'error', summary: 'A switch uplink names no NIC of its host.' },
  { id: 'ref/unknown-switch', severity: 'error', summary: 'A vNIC names no switch of its host.' },
  { id: 'ref/shared-uplink', severity: 'error', summary: 'Two switches of a host name the same NIC as uplink.' },
  { id: 'ref/unknown-uplink', severity: 'error', summary: "A LAG or teaming of a switch names an uplink the switch lacks, or uses one twice." },
  { id: 'ref/no-uplink', severity: 'warning', summary: 'A switch has no uplinks ("uplinks": []): its traffic cannot leave the host.' },
  { id: 'ref/unknown-numa-node', severity: 'error', summary: 'A NIC, lcore group or VM names a NUMA node the host lacks.' },
  { id: 'readiness/no-edp-nic', severity: 'error', summary: 'A host with an EDP switch has no EDP-capable NIC.' },
  { id: 'readiness/unsupported-nic', severity: 'error', summary: "The NIC's driver is not supported for the target release and mode." },
  { id: 'readiness/driver-too-old', severity: 'error', summary: "Driver version below the profile's minimum." },
  { id: 'readiness/firmware-too-old', severity: 'error', summary: "Firmware below the profile's minimum." },
  { id: 'readiness/mtu', severity: 'error', summary: 'MTU below 1600 (error) or below 1700 (warning).' },
  { id: 'readiness/mode', severity: 'error', summary: 'Switch mode not available for the target release.' },
  { id: 'readiness/flow-table-size', severity: 'warning', summary: 'Flow-cache entries outside 4..524288 or not a power of two.' },
  { id: 'numa/lcore-remote-nic', severity: 'warning', summary: "A switch's uplink is on a NUMA node where the switch has no lcores." },
  { id: 'numa/vm-remote', severity: 'warning', summary: "A VM's NUMA node differs from its switch's uplink NICs' node." },
  { id: 'numa/lcore-overcommit', severity: 'error', summary: 'lcores on a NUMA node exceed the cores it can give.' },
  { id: 'numa/vm-spans-nodes', severity: 'warning', summary: 'A VM needs more vCPUs than one NUMA node has cores.' },
  { id: 'numa/uplinks-split', severity: 'warning', summary: "A LAG's NICs (without lags, a switch's uplinks) sit on different NUMA nodes." },
  { id: 'numa/lbs-not-aligned', severity: 'info', summary: 'NUMA-aware placement does not apply (latency sensitivity not high, or vNIC not vmxnet3).' },
  { id: 'flowcache/low-hit-rate', severity: 'warning', summary: 'Predicted flow-cache hit rate below the threshold.' },
  { id: 'flowcache/churn', severity: 'warning', summary: 'New flows make more than the threshold of packets miss.' },
  { id: 'mbuf/working-set-exceeds-llc', severity: 'warning', summary: 'Hot buffer working set exceeds the threshold share of the LLC.' },
  { id: 'tlb/lcore-overloaded', severity: 'warning', summary: "An lcore's predicted utilization exceeds the threshold." },
  { id: 'tlb/imbalance', severity: 'info', summary: 'max/mean lcore utilization above the threshold.' },
  { id: 'tlb/uneven-lcores', severity: 'info', summary: 'A switch has different lcore counts on the NUMA nodes its uplinks use.' },
  { id: 'capacity/nic-line-rate', severity: 'error', summary: "Offered packets exceed the uplinks' line rate." },
  { id: 'capacity/datapath', severity: 'error', summary: 'Offered packets exceed what the lcores can process.' },
  { id: 'cluster/vmotion-incompatible', severity: 'warning', summary: 'Hosts of one cluster differ in a switch a VM uses.' },
  { id: 'cluster/numa-placement', severity: 'warning', summary: "A VM's NUMA node is missing, or too small for its vCPUs, on another host of its cluster." },
  { id: 'measured/hit-rate-gap', severity: 'warning', summary: 'Measured flow-cache hit rate differs from the predicted one by more than the threshold.' },
  { id: 'analysis/budget-exceeded', severity: 'warning', summary: 'The analysis ran past its time budget and stopped before its later stages.' },
  { id: 'analysis/file-too-large', severity: 'warning', summary: 'The file is over the size limit of the editor (edpDesigner.maxFileSizeMB) or edp-check and was not analyzed.' },
  { id: INTERNAL_ERROR_RULE, severity: 'error', summary: 'EDP Designer failed while analyzing the file (a bug: please report it); cannot be switched off.', locked: true },
];

export const RULES: readonly RuleInfo[] = RULE_LIST.map((r) => ({ ...r, kind: KIND_OF_FAMILY[r.id.slice(0, r.id.indexOf('/')) as RuleFamily] }));

const byId = new Map<string, RuleInfo>(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return byId.get(id);
}

/** The kind of a rule's findings ('internal' for an id the registry does not know: only a bug makes one). */
export function ruleKind(id: string): FindingKind {
  return byId.get(id)?.kind ?? 'internal';
}

/** Where each rule is explained; the editor links diagnostics here. */
export const RULES_DOC_URL = 'https://github.com/edp-designer/edp-designer/blob/main/docs/RULES.md';

export function ruleDocUrl(id: string): string {
  return `${RULES_DOC_URL}#${id.replace(/[^a-z0-9]+/g, '-')}`;
}
