// Trace-driven simulation of a flow cache under the independent reference model, used to
// check the closed forms in src/core/model/flowcache.ts (tests and benchmark only).
// Packets are drawn per vNIC from its Zipf law by rank and sent to queue (rank − 1) mod q, as
// RSS does (DESIGN §2), so a mistake in how the model partitions flows over queues shows here.
// Seeded and deterministic; the hot loop allocates nothing.

import type { FlowMix } from '../../src/core/model/flowcache';
import { ZipfSampler } from './zipfSampler';

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

interface Source { n: number; s: number; q: number; j: number; w: number; count: number }

function sourcesOf(mix: readonly FlowMix[]): Source[] {
  return mix
    .map((m) => {
      const n = Math.floor(m.flows), q = m.stride ?? 1, j = m.offset ?? 0;
      return { n, s: Math.max(0, m.zipf), q, j, w: m.weight, count: j < n ? Math.floor((n - 1 - j) / q) + 1 : 0 };
    })
    .filter((m) => m.w > 0 && m.count > 0);
}

/**
 * Returns flow ids 0..N−1 drawn from the mix: a source (queue) by its packet weight, then one of
 * its flows, the vNIC ranks j+1, j+1+q, …, with probability ∝ rank^(−s) among them.
 */
function flowDrawer(mix: readonly FlowMix[], uniform: () => number): () => number {
  const active = sourcesOf(mix);
  if (active.length === 0) throw new RangeError('the flow mix has no flows with positive weight');
  const totalFlows = active.reduce((sum, m) => sum + m.count, 0);
  if (totalFlows > 0x7fffffff) throw new RangeError('the simulation supports at most 2^31 − 1 flows');
  return totalFlows <= ALIAS_TABLE_LIMIT ? aliasDrawer(active, totalFlows, uniform) : zipfDrawer(active, uniform);
}

/** Walker's alias method over every flow of the mix: one uniform per draw. */
function aliasDrawer(active: readonly Source[], totalFlows: number, uniform: () => number): () => number {
  const totalWeight = active.reduce((sum, m) => sum + m.w, 0);
  // Scaled probabilities N·p_i: the alias construction splits them around 1.
  const scaled = new Float64Array(totalFlows);
  let i = 0;
  for (const m of active) {
    let h = 0;
    for (let k = m.j + 1 + (m.count - 1) * m.q; k >= 1; k -= m.q) h += Math.pow(k, -m.s);
    const factor = (m.w / totalWeight / h) * totalFlows;
    for (let k = m.j + 1; k <= m.n; k += m.q) scaled[i++] = factor * Math.pow(k, -m.s);
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

/** A source by weight, then a rank of its vNIC by rejection-inversion, redrawn until it falls in the queue: O(1) memory for any flow count. */
function zipfDrawer(active: readonly Source[], uniform: () => number): () => number {
  const totalWeight = active.reduce((sum, m) => sum + m.w, 0);
  const cumulative = new Float64Array(active.length);
  const offsets = new Float64Array(active.length);
  const samplers: ZipfSampler[] = [];
  let acc = 0;
  let offset = 0;
  active.forEach((m, j) => {
    acc += m.w / totalWeight;
    cumulative[j] = acc;
    offsets[j] = offset;
    offset += m.count;
    samplers.push(new ZipfSampler(m.n, m.s));
  });
  const last = active.length - 1;
  return () => {
    const u = uniform();
    let j = 0;
    while (j < last && u >= cumulative[j]) j++;
    const src = active[j];
    for (;;) {
      const k = samplers[j].sample(uniform);
      if ((k - 1) % src.q === src.j) return offsets[j] + (k - 1 - src.j) / src.q;
    }
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

/** An LRU cache of flow ids: a hash table onto slots plus an intrusive recency list. */
class LruCache {
  private readonly table: SlotTable;
  private readonly keyOf: Int32Array;
  // Head = most recent, tail = next victim.
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private head = -1;
  private tail = -1;
  private used = 0;

  constructor(private readonly capacity: number) {
    this.table = new SlotTable(capacity);
    this.keyOf = new Int32Array(capacity);
    this.prev = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  /** Looks the flow up, caches it as the most recent, and says whether it was a hit. */
  access(flow: number): boolean {
    const { prev, next } = this;
    let slot = this.table.get(flow);
    const hit = slot >= 0;
    if (hit) {
      if (slot === this.head) return true;
      // Unlink; slot is not the head, so it has a predecessor.
      next[prev[slot]] = next[slot];
      if (slot === this.tail) this.tail = prev[slot]; else prev[next[slot]] = prev[slot];
    } else if (this.used < this.capacity) {
      slot = this.used++;
      this.table.set(flow, slot);
      this.keyOf[slot] = flow;
      if (this.tail < 0) this.tail = slot;
    } else {
      slot = this.tail;
      this.table.delete(this.keyOf[slot]);
      this.table.set(flow, slot);
      this.keyOf[slot] = flow;
      if (slot === this.head) return false; // capacity 1: the list is just this slot
      this.tail = prev[slot];
      next[this.tail] = -1;
    }
    prev[slot] = -1;
    next[slot] = this.head;
    if (this.head >= 0) prev[this.head] = slot;
    this.head = slot;
    return hit;
  }
}

/** Measured hit ratio of an LRU cache of `entries` flows fed packets drawn from the mix. */
export function simulateLru(mix: readonly FlowMix[], entries: number, options: SimulationOptions): number {
  const capacity = Math.floor(entries);
  const draw = flowDrawer(mix, seededUniform(options.seed));
  if (capacity <= 0) return 0;
  const cache = new LruCache(capacity);
  let hits = 0;
  const total = options.warmup + options.packets;
  for (let n = 0; n < total; n++) if (cache.access(draw()) && n >= options.warmup) hits++;
  return options.packets > 0 ? hits / options.packets : 0;
}

/** One vNIC as the switch sees it: its traffic and the lcore serving each of its queues. */
export interface SimulatedVnic { pps: number; flows: number; zipf: number; lcoreOfQueue: readonly number[] }

/**
 * Measured hit ratio of each lcore's LRU cache (`entries` per lcore) for packets drawn per
 * vNIC: a vNIC by its pps, a flow by its Zipf rank k over the vNIC's flows, queue (k − 1) mod q
 * (RSS), then the lcore serving that queue. Independent of the model's work units.
 */
export function simulateSwitch(vnics: readonly SimulatedVnic[], lcores: number, entries: number, options: SimulationOptions): number[] {
  const uniform = seededUniform(options.seed);
  const totalPps = vnics.reduce((sum, v) => sum + v.pps, 0);
  const cumulative = vnics.map(((acc) => (v: SimulatedVnic) => (acc += v.pps / totalPps))(0));
  const samplers = vnics.map((v) => new ZipfSampler(v.flows, v.zipf));
  const firstId: number[] = [];
  vnics.reduce((id, v, i) => { firstId[i] = id; return id + v.flows; }, 0);
  const caches = Array.from({ length: lcores }, () => new LruCache(entries));
  const hits = new Array<number>(lcores).fill(0);
  const packets = new Array<number>(lcores).fill(0);
  const total = options.warmup + options.packets;
  for (let n = 0; n < total; n++) {
    const u = uniform();
    let v = 0;
    while (v < vnics.length - 1 && u >= cumulative[v]) v++;
    const k = samplers[v].sample(uniform);
    const lcore = vnics[v].lcoreOfQueue[(k - 1) % vnics[v].lcoreOfQueue.length];
    const hit = caches[lcore].access(firstId[v] + k - 1);
    if (n < options.warmup) continue;
    packets[lcore]++;
    if (hit) hits[lcore]++;
  }
  return hits.map((h, l) => (packets[l] > 0 ? h / packets[l] : 1));
}
