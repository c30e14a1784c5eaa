// Trace-driven simulation of a flow cache under the independent reference model, used to
// check the closed forms in flowcache.ts (tests and benchmark only, never on save).
// Seeded and deterministic; the hot loop allocates nothing.

import type { FlowMix } from './flowcache';
import { ZipfSampler } from './zipf';

export interface SimulationOptions {
  /** Packets whose hits are counted, after the warm-up. */
  packets: number;
  /** Packets drawn first to fill the cache and reach steady state; not counted. */
  warmup: number;
  /** Any integer; equal seeds give equal results. */
  seed: number;
}

/** xoshiro128** seeded by splitmix32: a fast 32-bit PRNG; returns uniforms in [0, 1) with 53 random bits. */
export function seededUniform(seed: number): () => number {
  let x = seed >>> 0;
  const splitmix32 = () => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32(), b = splitmix32(), c = splitmix32(), d = splitmix32();
  const next = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}

/** Mixes up to this many flows are drawn from one alias table (O(1) per draw, O(N) memory). */
const ALIAS_TABLE_LIMIT = 1 << 22;

/** Returns flow ids 0..N−1 drawn from the mix: flow k of source j with probability w_j/W · k^(−s_j)/H(N_j, s_j). */
function flowDrawer(mix: readonly FlowMix[], uniform: () => number): () => number {
  const active = mix.filter((m) => m.weight > 0 && Math.round(m.flows) > 0);
  if (active.length === 0) throw new RangeError('the flow mix has no flows with positive weight');
  const totalFlows = active.reduce((sum, m) => sum + Math.round(m.flows), 0);
  if (totalFlows > 0x7fffffff) throw new RangeError('the simulation supports at most 2^31 − 1 flows');
  return totalFlows <= ALIAS_TABLE_LIMIT ? aliasDrawer(active, totalFlows, uniform) : zipfDrawer(active, uniform);
}

/** Walker's alias method over every flow of the mix: one uniform per draw. */
function aliasDrawer(active: readonly FlowMix[], totalFlows: number, uniform: () => number): () => number {
  const totalWeight = active.reduce((sum, m) => sum + m.weight, 0);
  // Scaled probabilities N·p_i: the alias construction splits them around 1.
  const scaled = new Float64Array(totalFlows);
  let i = 0;
  for (const m of active) {
    const n = Math.round(m.flows);
    const s = Math.max(0, m.zipf);
    let h = 0;
    for (let k = n; k >= 1; k--) h += Math.pow(k, -s);
    const factor = (m.weight / totalWeight / h) * totalFlows;
    for (let k = 1; k <= n; k++) scaled[i++] = factor * Math.pow(k, -s);
  }
  const keep = new Float64Array(totalFlows);
  const alias = new Int32Array(totalFlows);
  const small = new Int32Array(totalFlows);
  const large = new Int32Array(totalFlows);
  let ns = 0;
  let nl = 0;
  for (let j = 0; j < totalFlows; j++) {
    alias[j] = j;
    if (scaled[j] < 1) small[ns++] = j; else large[nl++] = j;
  }
  while (ns > 0 && nl > 0) {
    const lo = small[--ns];
    const hi = large[nl - 1];
    keep[lo] = scaled[lo];
    alias[lo] = hi;
    scaled[hi] -= 1 - scaled[lo];
    if (scaled[hi] < 1) { nl--; small[ns++] = hi; }
  }
  // Whatever is left is 1 up to rounding.
  while (nl > 0) keep[large[--nl]] = 1;
  while (ns > 0) keep[small[--ns]] = 1;
  // Interleaved so that one draw touches one cache line, not two.
  const table = new Float64Array(2 * totalFlows);
  for (let j = 0; j < totalFlows; j++) {
    table[2 * j] = keep[j];
    table[2 * j + 1] = alias[j];
  }
  return () => {
    const x = uniform() * totalFlows;
    const j = Math.floor(x);
    return x - j < table[2 * j] ? j : table[2 * j + 1];
  };
}

/** A source by weight, then a rank by rejection-inversion: O(1) memory for any flow count. */
function zipfDrawer(active: readonly FlowMix[], uniform: () => number): () => number {
  const totalWeight = active.reduce((sum, m) => sum + m.weight, 0);
  const cumulative = new Float64Array(active.length);
  const offsets = new Float64Array(active.length);
  const samplers: ZipfSampler[] = [];
  let acc = 0;
  let offset = 0;
  active.forEach((m, j) => {
    acc += m.weight / totalWeight;
    cumulative[j] = acc;
    offsets[j] = offset;
    offset += Math.round(m.flows);
    samplers.push(new ZipfSampler(Math.round(m.flows), Math.max(0, m.zipf)));
  });
  const last = active.length - 1;
  return () => {
    const u = uniform();
    let j = 0;
    while (j < last && u >= cumulative[j]) j++;
    return offsets[j] + samplers[j].sample(uniform) - 1;
  };
}

/**
 * Open-addressing set of flow ids (linear probing, backward-shift deletion) mapping each
 * cached flow to its slot in 0..capacity−1. Slots are stored +1 so that 0 means empty.
 */
class SlotTable {
  private readonly keys: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    let size = 8;
    while (size < capacity * 2) size *= 2;
    this.keys = new Int32Array(size);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The slot holding `key`, or −1. */
  get(key: number): number {
    for (let i = this.home(key); ; i = (i + 1) & this.mask) {
      const slot = this.slots[i];
      if (slot === 0) return -1;
      if (this.keys[i] === key) return slot - 1;
    }
  }

  set(key: number, slot: number): void {
    let i = this.home(key);
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.slots[i] = slot + 1;
  }

  delete(key: number): void {
    let i = this.home(key);
    while (this.keys[i] !== key || this.slots[i] === 0) i = (i + 1) & this.mask;
    // Backward shift: pull later entries of the probe run into the hole so lookups stay correct.
    for (let j = (i + 1) & this.mask; this.slots[j] !== 0; j = (j + 1) & this.mask) {
      const home = this.home(this.keys[j]);
      // Move entry j into hole i unless its home lies cyclically in (i, j].
      if (((j - home) & this.mask) >= ((j - i) & this.mask)) {
        this.keys[i] = this.keys[j];
        this.slots[i] = this.slots[j];
        i = j;
      }
    }
    this.slots[i] = 0;
  }

  private home(key: number): number {
    const h = Math.imul(key, 0x9e3779b1);
    return (h ^ (h >>> 15)) & this.mask;
  }
}

/** Measured hit ratio of an LRU cache of `entries` flows fed packets drawn from the mix. */
export function simulateLru(mix: readonly FlowMix[], entries: number, options: SimulationOptions): number {
  const capacity = Math.floor(entries);
  const draw = flowDrawer(mix, seededUniform(options.seed));
  if (capacity <= 0) return 0;
  const table = new SlotTable(capacity);
  const keyOf = new Int32Array(capacity);
  // Intrusive doubly-linked recency list over slots; head = most recent, tail = next victim.
  const prev = new Int32Array(capacity);
  const next = new Int32Array(capacity);
  let head = -1;
  let tail = -1;
  let used = 0;
  let hits = 0;
  const total = options.warmup + options.packets;
  for (let n = 0; n < total; n++) {
    const flow = draw();
    let slot = table.get(flow);
    if (slot >= 0) {
      if (n >= options.warmup) hits++;
      if (slot === head) continue;
      // Unlink; slot is not the head, so it has a predecessor.
      next[prev[slot]] = next[slot];
      if (slot === tail) tail = prev[slot]; else prev[next[slot]] = prev[slot];
    } else if (used < capacity) {
      slot = used++;
      table.set(flow, slot);
      keyOf[slot] = flow;
      if (tail < 0) tail = slot;
    } else {
      slot = tail;
      table.delete(keyOf[slot]);
      table.set(flow, slot);
      keyOf[slot] = flow;
      if (slot === head) { // capacity 1: the list is just this slot
        continue;
      }
      tail = prev[slot];
      next[tail] = -1;
    }
    prev[slot] = -1;
    next[slot] = head;
    if (head >= 0) prev[head] = slot;
    head = slot;
  }
  return options.packets > 0 ? hits / options.packets : 0;
}

/** Measured hit ratio of a cache of `entries` flows that evicts a uniformly random entry on a miss. */
export function simulateRandomReplacement(mix: readonly FlowMix[], entries: number, options: SimulationOptions): number {
  const capacity = Math.floor(entries);
  const uniform = seededUniform(options.seed);
  const draw = flowDrawer(mix, uniform);
  if (capacity <= 0) return 0;
  const table = new SlotTable(capacity);
  const keyOf = new Int32Array(capacity);
  let used = 0;
  let hits = 0;
  const total = options.warmup + options.packets;
  for (let n = 0; n < total; n++) {
    const flow = draw();
    if (table.get(flow) >= 0) {
      if (n >= options.warmup) hits++;
      continue;
    }
    let slot: number;
    if (used < capacity) {
      slot = used++;
    } else {
      slot = Math.floor(uniform() * capacity);
      table.delete(keyOf[slot]);
    }
    table.set(flow, slot);
    keyOf[slot] = flow;
  }
  return options.packets > 0 ? hits / options.packets : 0;
}
