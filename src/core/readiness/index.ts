// The readiness stage of analyze(): hardware readiness against the release × mode profiles and
// cluster (vMotion/DRS) consistency. Runs on every keystroke: no schema compiles, one pass.
import type { RawFinding } from '../findings';
import { checkClusters } from '../rules/cluster';
import type { Topology } from '../topology';
import { BUNDLED_CATALOG, type NicCatalog } from './catalog';
import { checkReadiness } from './check';

export { BUNDLED_CATALOG } from './catalog';
export type { NicCatalog } from './catalog';

export function readinessFindings(topology: Topology, catalog: NicCatalog = BUNDLED_CATALOG): RawFinding[] {
  return [...checkReadiness(topology, catalog), ...checkClusters(topology)];
}
