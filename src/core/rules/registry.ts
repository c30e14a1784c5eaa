// Every rule id is a public contract (DESIGN §4): users re-grade or disable rules by these ids.
import type { Severity } from '../findings';

export interface RuleInfo {
  id: string;
  severity: Severity;
  /** One line: when the rule fires. */
  summary: string;
}

export const RULES: readonly RuleInfo[] = [
  { id: 'parse/invalid-json', severity: 'error', summary: 'The text is not valid JSONC.' },
  { id: 'schema/invalid', severity: 'error', summary: 'Structural error against schemas/topology.schema.json.' },
  { id: 'ref/duplicate-name', severity: 'error', summary: 'Two hosts, NICs, switches, VMs (or vNICs of one VM) share a name.' },
  { id: 'ref/unknown-nic', severity: 'error', summary: 'A switch uplink names no NIC of its host.' },
  { id: 'ref/unknown-switch', severity: 'error', summary: 'A vNIC names no switch of its host.' },
  { id: 'ref/shared-uplink', severity: 'error', summary: 'Two switches of a host name the same NIC as uplink.' },
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
  { id: 'numa/uplinks-split', severity: 'warning', summary: "A switch's uplinks (a LAG) sit on different NUMA nodes." },
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
];

const byId = new Map(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return byId.get(id);
}

/** Where each rule is explained; the editor links diagnostics here. */
export const RULES_DOC_URL = 'https://github.com/edp-designer/edp-designer/blob/main/docs/RULES.md';

export function ruleDocUrl(id: string): string {
  return `${RULES_DOC_URL}#${id.replace(/[^a-z0-9]+/g, '-')}`;
}
