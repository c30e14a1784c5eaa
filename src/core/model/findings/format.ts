// The pointers findings share (figures: src/core/present).
import { toPointer } from '../../pointer';
import type { ResolvedSwitch } from '../resolve';

type Segments = (string | number)[];

export function hostPath(h: number, ...rest: Segments): string {
  // Not toPointer(['hosts', h, ...rest]): the spread's array and its iteration, for every finding.
  return `/hosts/${h}${toPointer(rest)}`;
}

/** A switch property if the file has it, else the switch's name (something to underline). */
export function switchPropertyPath(h: number, rs: ResolvedSwitch, property: string): string {
  const present = (rs.sw as unknown as Record<string, unknown>)[property] !== undefined;
  return hostPath(h, 'switches', rs.index, present ? property : 'name');
}

/** Where an lcore comes from: its group in switch.lcores, or the switch when it declares none. */
export function lcoreGroupPath(h: number, rs: ResolvedSwitch, lcore: number): string {
  const group = rs.lcores[lcore]?.group;
  return group === undefined ? hostPath(h, 'switches', rs.index, 'name') : hostPath(h, 'switches', rs.index, 'lcores', group, 'count');
}
