// The one mapping between the design's LAG and teaming values (kebab-case, as the rest of the
// format) and NSX's enums, used by the export and by the NSX reader so that a round trip gives
// back what was exported. Enums: NSX REST API Lag, TeamingPolicy; terraform-provider-nsxt
// docs/resources/policy_uplink_host_switch_profile.md (../shared/nsx-and-esxi.md).
import type { LacpMode, LagLoadBalancing, TeamingPolicy } from '../topology';

export type NsxTeamingPolicy = 'FAILOVER_ORDER' | 'LOADBALANCE_SRCID' | 'LOADBALANCE_SRC_MAC';
export type NsxLagAlgorithm = 'SRCMAC' | 'DESTMAC' | 'SRCDESTMAC' | 'SRCDESTIPVLAN' | 'SRCDESTMACIPPORT';
export type NsxLacpMode = 'ACTIVE' | 'PASSIVE';
export type NsxLacpTimeout = 'SLOW' | 'FAST';

const POLICY: Record<TeamingPolicy, NsxTeamingPolicy> = {
  'failover-order': 'FAILOVER_ORDER',
  'loadbalance-srcid': 'LOADBALANCE_SRCID',
  'loadbalance-src-mac': 'LOADBALANCE_SRC_MAC',
};
const ALGORITHM: Record<LagLoadBalancing, NsxLagAlgorithm> = {
  'src-mac': 'SRCMAC',
  'dest-mac': 'DESTMAC',
  'src-dest-mac': 'SRCDESTMAC',
  'src-dest-ip-vlan': 'SRCDESTIPVLAN',
  'src-dest-mac-ip-port': 'SRCDESTMACIPPORT',
};
const MODE: Record<LacpMode, NsxLacpMode> = { active: 'ACTIVE', passive: 'PASSIVE' };
const TIMEOUT: Record<'slow' | 'fast', NsxLacpTimeout> = { slow: 'SLOW', fast: 'FAST' };

const backwards = <K extends string, V extends string>(m: Record<K, V>) => new Map<unknown, K>((Object.entries(m) as [K, V][]).map(([k, v]) => [v, k]));
const POLICY_BACK = backwards(POLICY);
const ALGORITHM_BACK = backwards(ALGORITHM);
const MODE_BACK = backwards(MODE);
const TIMEOUT_BACK = backwards(TIMEOUT);

export const nsxTeamingPolicy = (p: TeamingPolicy): NsxTeamingPolicy => POLICY[p];
export const nsxLagAlgorithm = (a: LagLoadBalancing): NsxLagAlgorithm => ALGORITHM[a];
export const nsxLacpMode = (m: LacpMode): NsxLacpMode => MODE[m];
export const nsxLacpTimeout = (t: 'slow' | 'fast' | undefined): NsxLacpTimeout => TIMEOUT[t ?? 'slow'];

/** The design's value for an NSX enum value, or undefined for one the design has no value for. */
export const teamingPolicyOfNsx = (v: unknown): TeamingPolicy | undefined => POLICY_BACK.get(v);
export const lagLoadBalancingOfNsx = (v: unknown): LagLoadBalancing | undefined => ALGORITHM_BACK.get(v);
export const lacpModeOfNsx = (v: unknown): LacpMode | undefined => MODE_BACK.get(v);
export const lacpTimeoutOfNsx = (v: unknown): 'slow' | 'fast' | undefined => TIMEOUT_BACK.get(v);
