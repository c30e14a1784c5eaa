// readiness/* rules: each switch of an EDP mode, its uplink NICs and its host are validated
// against the precompiled profile of the target release and that mode
// (schemas/readiness/<release>-<mode>.schema.json); the NIC catalog supplies what each driver
// offers. The profile's errors become findings; their figures (1600, 1700, the minimum
// version) come from the schema errors, so the schema files stay the source of truth.
import type { ErrorObject } from 'ajv';
import type { RawFinding } from '../findings';
import { READINESS_PROFILES, type ReadinessProfile } from '../generated/readiness-validators';
import { roundFlowTableSize } from '../model/flowcache';
import { toPointer } from '../pointer';
import { orList } from '../present';
import { effectiveMode, type Host, type Nic, type Switch, type Target, type Topology } from '../topology';
import { type CatalogEntry, driversWithMode, type EdpNicMode, entryForDriver, type NicCatalog } from './catalog';
import { versionNumbers } from './version';

/** A switch without `mtu` gets vSphere's default of 1500 (also NSX's logical-interface default). */
export const DEFAULT_MTU = 1500;

const NIC_MODE: Record<string, EdpNicMode> = { 'edp-standard': 'interrupt', 'edp-performance': 'poll' };
const SWITCH_MODE: Record<EdpNicMode, string> = { interrupt: 'edp-standard', poll: 'edp-performance' };
const MODE_NAME: Record<string, string> = { 'edp-standard': 'EDP Standard (interrupt mode)', 'edp-performance': 'EDP Performance (poll mode)' };

export const KNOWN_RELEASES: readonly string[] = [...new Set(READINESS_PROFILES.map((p) => p.release))];

/** The profile for a release and an effective switch mode, if there is one. */
export function profileFor(release: string, mode: string): ReadinessProfile | undefined {
  return READINESS_PROFILES.find((p) => p.release === release && p.mode === mode);
}

export function checkReadiness(topology: Topology, catalog: NicCatalog): RawFinding[] {
  const unknown = unknownReleaseFinding(topology.target);
  if (unknown) return [unknown];
  const out: RawFinding[] = [];
  topology.hosts.forEach((host, h) => checkHost(host, h, topology.target, catalog, out));
  return out;
}

/** The one finding when the target release has no profile (then no host is checked). */
export function unknownReleaseFinding(target: Target): RawFinding | undefined {
  const release = target.release;
  if (KNOWN_RELEASES.includes(release)) return undefined;
  return {
    rule: 'readiness/mode',
    path: '/target/release',
    message: `Target release "${release}" has no readiness profile, so NICs, drivers, MTU and flow tables are not checked. Known releases: ${KNOWN_RELEASES.join(', ')}. Set target.release to the one you will deploy.`,
  };
}

/** One host's readiness findings (for a known release): the incremental analyzer keeps them per host. */
export function hostReadinessFindings(host: Host, h: number, target: Target, catalog: NicCatalog): RawFinding[] {
  const out: RawFinding[] = [];
  checkHost(host, h, target, catalog, out);
  return out;
}

// Every host of every analysis passes here: plain loops and module-level functions, no closure
// made per call (such a closure loses its optimized code when the collector finds it unused, and
// V8 compiled this one's eleven times over the jobs bench's 200 files).
function checkHost(host: Host, h: number, target: Target, catalog: NicCatalog, out: RawFinding[]): void {
  const release = target.release;
  const reported = new Set<string>();
  const views = new Array<NicView>(host.nics.length);
  let driversKnown = true;
  for (let n = 0; n < views.length; n++) {
    views[n] = nicView(host.nics[n], catalog, release);
    if (views[n].driver === undefined) driversKnown = false;
  }
  // Each NIC, and the host's NIC list, is validated once per profile, not once per switch: a
  // second switch of the same mode would only repeat findings `once` drops (same rule and path).
  const nicsChecked = new Map<ReadinessProfile, boolean[]>();
  const hostChecked = new Set<ReadinessProfile>();
  for (let s = 0; s < host.switches.length; s++) {
    const sw = host.switches[s];
    const mode = effectiveMode(sw, target);
    if (mode === 'standard') continue;
    const at = ['hosts', h, 'switches', s];
    const profile = profileFor(release, mode);
    if (!profile) {
      const offered = READINESS_PROFILES.filter((p) => p.release === release).map((p) => p.mode);
      once(reported, out, {
        rule: 'readiness/mode',
        path: sw.mode ? toPointer([...at, 'mode']) : '/target/mode',
        message: `Switch "${sw.name}" runs in mode ${mode}, which ${release} does not offer (no readiness profile). Modes of ${release}: ${offered.join(', ')}. Change the switch's mode, or target.mode if it inherits it.`,
      });
      continue;
    }
    for (const f of switchFindings(sw, at, profile)) once(reported, out, f);
    let checked = nicsChecked.get(profile);
    if (!checked) nicsChecked.set(profile, (checked = []));
    for (const uplink of sw.uplinks) {
      const n = nicIndexNamed(host, uplink);
      if (n < 0 || checked[n]) continue; // n < 0: ref/unknown-nic says so
      checked[n] = true;
      for (const f of nicFindings(host.nics[n], views[n], ['hosts', h, 'nics', n], sw, profile, catalog)) once(reported, out, f);
    }
    // A NIC without a driver could be anything: judge the host only when every driver is known.
    if (!driversKnown || hostChecked.has(profile)) continue;
    hostChecked.add(profile);
    if (!profile.host({ nics: views })) {
      const nicMode = NIC_MODE[mode];
      once(reported, out, {
        rule: 'readiness/no-edp-nic',
        path: toPointer(['hosts', h, 'nics']),
        target: 'key',
        message: `Host "${host.name}" has ${MODE_NAME[mode]} switch "${sw.name}" but no NIC whose driver the NIC catalog lists for ${nicMode} mode (drivers here: ${[...new Set(views.map((v) => v.driver))].join(', ') || 'none'}), so NSX will not add it to an Enhanced Datapath transport zone. Add a NIC with ${driverChoice(driversWithMode(catalog, nicMode))}, or set the switch's mode to standard.`,
      });
    }
  }
}

/** Pushes `f` onto `out` unless a finding of its rule and path was (`reported` keeps their keys). */
function once(reported: Set<string>, out: RawFinding[], f: RawFinding): void {
  const key = `${f.rule} ${f.path}`;
  if (reported.has(key)) return;
  reported.add(key);
  out.push(f);
}

function nicIndexNamed(host: Host, name: string): number {
  for (let n = 0; n < host.nics.length; n++) if (host.nics[n].name === name) return n;
  return -1;
}

/** What the profile's `nic` definition validates: the NIC's versions and its catalog facts. */
interface NicView {
  driver?: string;
  driverVersion?: string;
  firmware?: string;
  edpModes?: EdpNicMode[];
  minDriverVersion?: string;
  minFirmware?: string;
}

function nicView(nic: Nic, catalog: NicCatalog, release: string): NicView {
  const entry = nic.driver === undefined ? undefined : entryForDriver(catalog, nic.driver);
  // Only the fields that are there, in this order (what the validator reads, errors in key order).
  const view: NicView = {};
  if (nic.driver !== undefined) view.driver = nic.driver;
  if (nic.driverVersion !== undefined) view.driverVersion = nic.driverVersion;
  if (nic.firmware !== undefined) view.firmware = nic.firmware;
  if (entry?.edpModes !== undefined) view.edpModes = entry.edpModes;
  // A minimum published for another release (an NSX-T 3.0 / ESXi 6.7 driver) is not a minimum of this one.
  const minimums = entry !== undefined && minimumsApply(entry, release);
  if (minimums && entry.minDriverVersion !== undefined) view.minDriverVersion = entry.minDriverVersion;
  if (minimums && entry.minFirmware !== undefined) view.minFirmware = entry.minFirmware;
  return view;
}

function nicFindings(nic: Nic, view: NicView, at: (string | number)[], sw: Switch, profile: ReadinessProfile, catalog: NicCatalog): RawFinding[] {
  if (nic.driver === undefined || profile.nic(view)) return [];
  const errors = profile.nic.errors ?? [];
  const entry = entryForDriver(catalog, nic.driver);
  const nicMode = NIC_MODE[profile.mode];
  const where = `NIC "${nic.name}"`;
  if (errors.some((e) => e.instancePath === '' || e.instancePath === '/edpModes')) {
    const others = driverChoice(driversWithMode(catalog, nicMode).filter((d) => d !== nic.driver));
    const message = entry
      ? `${where} uses driver "${nic.driver}", which does not offer ${nicMode} mode (${entry.edpModes.length ? `only ${entry.edpModes.join(', ')}` : 'it is not EDP-capable'}), so ${MODE_NAME[profile.mode]} switch "${sw.name}" cannot use it on ${profile.release} ${sourceText(entry, profile.release)}. Uplink a NIC with ${others}${entry.edpModes.length ? `, or set the switch's mode to ${orList(entry.edpModes.map((m) => SWITCH_MODE[m]))}` : ''}.`
      : `${where} uses driver "${nic.driver}", which the NIC catalog does not list, so EDP Designer cannot confirm it offers ${nicMode} mode for ${MODE_NAME[profile.mode]} switch "${sw.name}" on ${profile.release}. Uplink a NIC with ${others}; or, if the VMware Compatibility Guide lists this driver for Enhanced Datapath, add it to a workspace catalog (edpDesigner.catalogs).`;
    return [{ rule: 'readiness/unsupported-nic', path: toPointer([...at, 'driver']), message }];
  }
  const out: RawFinding[] = [];
  for (const e of errors) {
    if (e.keyword !== 'minVersion' || !entry) continue;
    const firmware = e.instancePath === '/firmware';
    const field = firmware ? 'firmware' : 'driverVersion';
    const value = String(firmware ? nic.firmware : nic.driverVersion);
    const minimum = String((e.params as { minVersion: unknown }).minVersion);
    const what = firmware ? `the firmware of ${where}` : `${nic.driver}`;
    const problem = versionNumbers(value) === undefined
      ? `${where} has ${field} "${value}", which is not a version number, so it cannot be compared with the minimum ${minimum} ${sourceText(entry, profile.release)}. Write the version esxcli network nic get -n ${nic.name} shows.`
      : `${where} has ${firmware ? 'firmware' : `${nic.driver} driver`} ${value}, below the minimum ${minimum} for EDP on ${profile.release} ${sourceText(entry, profile.release)}. Upgrade ${what} to ≥ ${minimum}, then set ${field} to the installed version.`;
    out.push({ rule: firmware ? 'readiness/firmware-too-old' : 'readiness/driver-too-old', path: toPointer([...at, field]), message: problem });
  }
  return out;
}

// Where and how a readiness/mtu finding names the switch's MTU: built for a finding only.
function mtuPath(sw: Switch, at: (string | number)[]): string {
  return sw.mtu === undefined ? toPointer(at) : toPointer([...at, 'mtu']);
}

function mtuText(sw: Switch): string {
  return sw.mtu === undefined ? `sets no mtu, so it gets the vSphere default of ${DEFAULT_MTU},` : `has MTU ${sw.mtu},`;
}

function switchFindings(sw: Switch, at: (string | number)[], profile: ReadinessProfile): RawFinding[] {
  const view = { ...sw, mtu: sw.mtu ?? DEFAULT_MTU };
  const out: RawFinding[] = [];
  const advice = 'Set mtu to 9000 if the physical fabric carries jumbo frames, else to at least 1700, and configure the same MTU on the physical switches.';
  const source = '[NSX installation guide: minimum 1600, recommended 1700]';
  const errors = profile.switch(view) ? [] : profile.switch.errors ?? [];
  const mtuError = errors.find((e) => e.instancePath === '/mtu');
  if (mtuError) {
    out.push({ rule: 'readiness/mtu', path: mtuPath(sw, at), message: `Switch "${sw.name}" ${mtuText(sw)} below the ${limitOf(mtuError)} the EDP overlay needs ${source}: encapsulated full-size frames do not fit. ${advice}` });
  } else if (!profile.switchRecommended(view)) {
    const warn = (profile.switchRecommended.errors ?? []).find((e) => e.instancePath === '/mtu');
    if (warn) {
      out.push({ rule: 'readiness/mtu', severity: 'warning', path: mtuPath(sw, at), message: `Switch "${sw.name}" ${mtuText(sw)} below the recommended ${limitOf(warn)} ${source}, leaving the overlay no headroom. ${advice}` });
    }
  }
  if (errors.some((e) => e.instancePath === '/flowCache/entries')) {
    const entries = sw.flowCache?.entries ?? 0;
    const rounded = roundFlowTableSize(entries);
    const inRange = entries >= 4 && entries <= 524288;
    const problem = inRange
      ? `is not a power of two, so NSX rounds it up to ${rounded}`
      : `is outside the 4..524288 that set ens flow-table size accepts; the model uses ${rounded}`;
    const smaller = rounded / 2 >= 4 && inRange ? `, or ${rounded / 2} if memory matters more` : '';
    out.push({
      rule: 'readiness/flow-table-size',
      path: toPointer([...at, 'flowCache', 'entries']),
      message: `Switch "${sw.name}" has flowCache.entries ${entries} per lcore, which ${problem}. Set entries to ${rounded}${smaller}.`,
    });
  }
  return out;
}

function limitOf(e: ErrorObject): string {
  return String((e.params as { limit?: unknown }).limit);
}

/** Whether the entry's minimum versions were published for `release` (all releases unless the entry says). */
export function minimumsApply(entry: CatalogEntry, release: string): boolean {
  return entry.minimumsApplyTo === undefined || entry.minimumsApplyTo.includes(release);
}

/**
 * "(per the NIC catalog: <source>; unverified: check the VMware Compatibility Guide)", and, when
 * the source's minimums are for another release, that none is published for the target.
 */
function sourceText(entry: CatalogEntry, release: string): string {
  const stated = entry.minDriverVersion !== undefined || entry.minFirmware !== undefined;
  const elsewhere = stated && !minimumsApply(entry, release) ? `; no minimum version is published for ${release}, the one stated is for another release` : '';
  return `(per the NIC catalog: ${entry.source}${elsewhere}${entry.verified ? '' : '; unverified: check the VMware Compatibility Guide'})`;
}

/** "i40en, ixgben or nmlx5_core"; an empty catalog still gives the sentence an object. */
function driverChoice(drivers: readonly string[]): string {
  return drivers.length > 0 ? orList(drivers) : 'an EDP-capable driver';
}

