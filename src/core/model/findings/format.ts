// Figures as messages show them, and the pointers findings share.
import { toPointer } from '../../pointer';
import type { ResolvedSwitch } from '../resolve';

export function pct(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 2 : 1)}%`;
}

export function rate(pps: number): string {
  if (pps >= 1e6) return `${(pps / 1e6).toFixed(2)} Mpps`;
  if (pps >= 1e3) return `${(pps / 1e3).toFixed(1)} kpps`;
  return `${pps.toFixed(0)} pps`;
}

export function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export type Segments = (string | number)[];

export function hostPath(h: number, ...rest: Segments): string {
  return toPointer(['hosts', h, ...rest]);
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
