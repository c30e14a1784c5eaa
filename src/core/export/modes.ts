// The one mapping between the design's switch modes and NSX's host_switch_mode, used by the
// export and by the NSX reader so that a round trip gives back what was exported.
//
// The NSX API describes ENS as the "Enhanced Data Path switch mode" (DPDK-style polling), and
// ENS_INTERRUPT as its interrupt-driven variant; STANDARD is the non-EDP switch (NSX REST API,
// types_StandardHostSwitch). That ENS is VCF 9's "Enhanced Datapath – Dedicated" (= the design's
// edp-performance) and ENS_INTERRUPT its "Enhanced Datapath – Standard" is inferred from those
// descriptions and from the UI (only Dedicated asks for lcores per NUMA node): no public
// source states it (../shared/nsx-and-esxi.md, "UI → enum").
import type { SwitchMode } from '../topology';

export type NsxHostSwitchMode = 'STANDARD' | 'ENS' | 'ENS_INTERRUPT' | 'LEGACY';

/** The mode a switch exports as; `edp-dedicated` is VCF 9's name for `edp-performance`. */
export function nsxModeOf(mode: SwitchMode): Exclude<NsxHostSwitchMode, 'LEGACY'> {
  switch (mode) {
    case 'edp-performance':
    case 'edp-dedicated':
      return 'ENS';
    case 'edp-standard':
      return 'ENS_INTERRUPT';
    case 'standard':
      return 'STANDARD';
  }
}

/**
 * The design's mode for an NSX host_switch_mode, or undefined for a value the design has no
 * mode for. LEGACY is no EDP mode, so the model can only treat it as standard (an assumption:
 * the reader says so in a note).
 */
export function modeOfNsx(value: unknown): Exclude<SwitchMode, 'edp-dedicated'> | undefined {
  switch (value) {
    case 'ENS':
      return 'edp-performance';
    case 'ENS_INTERRUPT':
      return 'edp-standard';
    case 'STANDARD':
    case 'LEGACY':
      return 'standard';
    default:
      return undefined;
  }
}

/** Modes whose host switch takes a cpu_config (lcores per NUMA node). */
export function takesCpuConfig(mode: NsxHostSwitchMode): boolean {
  return mode === 'ENS' || mode === 'ENS_INTERRUPT';
}
