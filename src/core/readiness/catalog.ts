// The NIC catalog (schemas/nic-catalog.json): which EDP modes each ESXi driver offers and the
// minimum versions where a source states them. The bundled catalog is data the readiness check
// consults at run time, so a workspace catalog can add or replace drivers without a rebuild.
import bundledJson from '../../../schemas/nic-catalog.json';
import { validateCatalog } from '../generated/catalog-validator';
import type { NicCatalogLookup } from '../import/hwloc';

export type EdpNicMode = 'interrupt' | 'poll';

export interface CatalogEntry {
  vendor: string;
  family: string;
  models?: string[];
  /** Case-insensitive regular expression a NIC's model matches. */
  modelPattern?: string;
  /** ESXi driver name; the key of the entry. */
  driver: string;
  pci?: { vendorId: string; deviceId: string; model?: string; speedGbps?: number }[];
  speedsGbps?: number[];
  /** Empty: not EDP-capable. */
  edpModes: EdpNicMode[];
  minDriverVersion?: string;
  minFirmware?: string;
  /** Target releases (target.release) the minimums were published for; absent: every release. */
  minimumsApplyTo?: string[];
  source: string;
  /** false: the EDP support and minimums are assumptions to check against the Compatibility Guide. */
  verified: boolean;
  note?: string;
}

export interface NicCatalog {
  version: 1;
  description?: string;
  nics: CatalogEntry[];
}

export const BUNDLED_CATALOG = bundledJson as unknown as NicCatalog;

/**
 * One catalog from the bundled one and workspace catalogs, in order: an entry replaces the
 * earlier entry of the same driver (a workspace knows its hardware better), new drivers follow.
 */
export function mergeCatalogs(bundled: NicCatalog, extra: readonly NicCatalog[]): NicCatalog {
  const byDriver = new Map<string, CatalogEntry>();
  for (const catalog of [bundled, ...extra]) {
    for (const entry of catalog.nics) byDriver.set(entry.driver.toLowerCase(), entry);
  }
  return { version: 1, nics: [...byDriver.values()] };
}

type CatalogCheck = { catalog: NicCatalog; problems: [] } | { catalog: undefined; problems: string[] };

/**
 * A user catalog checked against schemas/nic-catalog.schema.json (precompiled) and for what
 * the schema cannot say: one entry per driver, model patterns that compile. `problems` are
 * sentences naming the entry at fault, for the extension's log or a notification.
 */
export function checkCatalog(value: unknown): CatalogCheck {
  if (!validateCatalog(value)) {
    const problems = (validateCatalog.errors ?? []).map((e) => `${e.instancePath || 'the catalog'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`);
    return { catalog: undefined, problems };
  }
  const catalog = value as NicCatalog;
  const problems: string[] = [];
  const seen = new Map<string, number>();
  catalog.nics.forEach((entry, i) => {
    const driver = entry.driver.toLowerCase();
    const first = seen.get(driver);
    if (first !== undefined) problems.push(`/nics/${i} repeats driver "${entry.driver}" of /nics/${first}; keep one entry per driver`);
    else seen.set(driver, i);
    if (entry.modelPattern !== undefined) {
      try {
        new RegExp(entry.modelPattern, 'i');
      } catch (e) {
        problems.push(`/nics/${i}/modelPattern is not a regular expression: ${(e as Error).message}`);
      }
    }
  });
  return problems.length ? { catalog: undefined, problems } : { catalog, problems: [] };
}

const indexes = new WeakMap<NicCatalog, Map<string, CatalogEntry>>();

/** The entry of an ESXi driver (case-insensitive); indexed once per catalog. */
export function entryForDriver(catalog: NicCatalog, driver: string): CatalogEntry | undefined {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map(catalog.nics.map((e) => [e.driver.toLowerCase(), e]));
    indexes.set(catalog, index);
  }
  return index.get(driver.toLowerCase());
}

/** Drivers the catalog lists with this EDP mode, for "use one of" advice. */
export function driversWithMode(catalog: NicCatalog, mode: EdpNicMode): string[] {
  return catalog.nics.filter((e) => e.edpModes.includes(mode)).map((e) => e.driver);
}

/**
 * Model, driver and speed the catalog knows for a PCI vendor/device id (four hex digits, any
 * case, optional 0x): the lookup the hwloc import takes to name the NICs it finds.
 */
export function catalogLookup(catalog: NicCatalog): NicCatalogLookup {
  const hex = (id: string) => id.toLowerCase().replace(/^0x/, '');
  const byPci = new Map<string, { model?: string; driver: string; speedGbps?: number }>();
  for (const entry of catalog.nics) {
    for (const p of entry.pci ?? []) {
      byPci.set(`${hex(p.vendorId)}:${hex(p.deviceId)}`, { driver: entry.driver, ...(p.model ? { model: p.model } : {}), ...(p.speedGbps ? { speedGbps: p.speedGbps } : {}) });
    }
  }
  return (vendorId, deviceId) => byPci.get(`${hex(vendorId)}:${hex(deviceId)}`);
}
