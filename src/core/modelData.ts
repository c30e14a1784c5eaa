// The model as plain data without the cache curves, for JSON output and postMessage. Each
// switch's `cacheCurve` is computed on first read (a solver run per table size, more than the
// rest of the analysis); JSON.stringify and structured clone read every property, so they get
// this copy, which never touches the curve.
import type { DatapathModel, HostModel, SwitchModel } from './model';

export type SwitchData = Omit<SwitchModel, 'cacheCurve'>;
export type HostData = Omit<HostModel, 'switches'> & { switches: SwitchData[] };
export type ModelData = Omit<DatapathModel, 'hosts'> & { hosts: HostData[] };

export function modelWithoutCurves(model: DatapathModel): ModelData {
  return { ...model, hosts: model.hosts.map((h) => ({ ...h, switches: h.switches.map(switchWithoutCurve) })) };
}

function switchWithoutCurve(s: SwitchModel): SwitchData {
  // Not `{ cacheCurve, ...rest }`: destructuring reads the curve.
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(s)) if (key !== 'cacheCurve') out[key] = s[key as keyof SwitchModel];
  return out as unknown as SwitchData;
}
