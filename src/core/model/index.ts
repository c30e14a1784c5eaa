// Placeholder until the datapath model lands.
import type { RawFinding } from '../findings';
import type { Topology } from '../topology';

export interface DatapathModel {
  hosts: unknown[];
}

export function computeModel(_topology: Topology, _overrides: Record<string, number>): { model: DatapathModel; findings: RawFinding[] } {
  return { model: { hosts: [] }, findings: [] };
}
