// Which objects a finding is about, read from its JSON pointer: the one place paths become
// indexes, so the report, the CLI and the editor link findings to hosts, switches, NICs and VMs
// by index instead of matching paths or message text.
import type { FindingAbout } from './findings';
import { pointerSegments } from './pointer';

/** The host's arrays whose index a finding under them is about, and the field each fills. */
const HOST_ARRAYS = { switches: 'switch', nics: 'nic', vms: 'vm' } as const;

/**
 * `/hosts/3/switches/1/lcores/0/count` → `{ host: 3, switch: 1, lcoreGroup: 0 }`;
 * `/hosts/0/vms/2/vnics/1/switch` → `{ host: 0, vm: 2, vnic: 1 }`; `/target/release` → `{}`.
 */
export function aboutOfPath(path: string): FindingAbout {
  return aboutOfSegments(pointerSegments(path));
}

/** aboutOfPath for a pointer already split by pointerSegments. */
export function aboutOfSegments(s: readonly (string | number)[]): FindingAbout {
  const about: FindingAbout = {};
  if (s[0] !== 'hosts' || typeof s[1] !== 'number') return about;
  about.host = s[1];
  const array = s[2];
  if (typeof array !== 'string' || !Object.hasOwn(HOST_ARRAYS, array) || typeof s[3] !== 'number') return about;
  const field = HOST_ARRAYS[array as keyof typeof HOST_ARRAYS];
  about[field] = s[3];
  // No element read past the end (V8 throws away optimized code at its first out-of-bounds read).
  if (s.length < 6) return about;
  if (field === 'switch' && s[4] === 'lcores' && typeof s[5] === 'number') about.lcoreGroup = s[5];
  if (field === 'vm' && s[4] === 'vnics' && typeof s[5] === 'number') about.vnic = s[5];
  return about;
}
