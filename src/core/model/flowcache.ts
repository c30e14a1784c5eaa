// Flow-cache hit rate of an lcore under the independent reference model (DESIGN.md §3 "Flow
// cache"; domain.md §5): Che's approximation for LRU over the flows of the vNIC queues the
// lcore serves. A queue is a strided subset of its vNIC's Zipf ranks (RSS, zipf.ts), and each
// flow keeps its popularity within the vNIC, scaled by the queue's share of the lcore's packets.
//
// Cost is bounded per lcore, whatever its flows: queues with the same vNIC law and scale merge
// into one group (an lcore with all queues of a vNIC sees exactly that vNIC's flow set); per
// group the first ranks of each queue (zipf.ts headRows) are summed one by one and the rest in closed
// form: Euler–Maclaurin over the strided ranks, its integral by the Taylor series of 1 − e^(−x)
// where x = p·T ≤ 2 and by incomplete gamma functions (a continued fraction) above. What does
// not depend on the flow count (a shape's head ranks and end polynomial at A, an exponent's
// series and gamma constants) is set up once and shared across lcores and analyses (shapeOf);
// the rest per lcore into one array (prepare). A mix's first solve for T starts where the
// continuous law's occupancy reaches C (continuousStart), so it takes two evaluations of the
// sums. docs/PERFORMANCE.md has the measurements.

import { EM_ORDER, forgetAll, zeros, rankPowers, eulerMaclaurinCoefficients, expm1Over, queueFlowCount, queueRankSum, type QueueSums, STIRLING1, firstTailRank } from './zipf';

/**
 * One source of flows on an lcore: queue `offset` of a vNIC with `stride` queues, that is the
 * ranks offset+1, offset+1+stride, … of a Zipf(`zipf`) law over the vNIC's `flows`, with
 * `weight` = the queue's packets (any unit: only shares matter). stride 1, offset 0: the whole vNIC.
 */
export interface FlowMix {
  flows: number;
  zipf: number;
  weight: number;
  stride?: number;
  offset?: number;
  /** The vNIC law's queue sums, where the caller has them (zipf.ts queueSums); used only when they are this source's law. */
  law?: QueueSums;
}

export const MIN_FLOW_TABLE = 4;
const MAX_STRIDE = 4096;
export const MAX_FLOW_TABLE = 524288;

/** Below this x = p·T the integrals use the Taylor series of e^(−x), above it the continued fraction. */
const SERIES_LIMIT = 2;
const LOG_SERIES_LIMIT = Math.log(SERIES_LIMIT);
/** e^(−SERIES_LIMIT): the mixed regime's integrals end there every evaluation (a constant, not an exp per tail). */
const EXP_SERIES_LIMIT = Math.exp(-SERIES_LIMIT);
/** Beyond this x the incomplete-gamma end terms vanish next to the sums (see gammaEnd). */
const GAMMA_NEGLIGIBLE = 50;

/**
 * What depends on the Zipf exponent only, computed on first use. Every field is there from the
 * start (undefined until computed): one hidden class, so the hot code's property loads stay
 * monomorphic. Classes here and for the shapes and set-ups, not object literals: a literal's
 * allocation site lets V8 decide later to allocate it in the old generation, and that decision
 * throws away the optimised code of every function that allocates there (prepare, shapeOf, …).
 */
class ExponentConstants {
  readonly beta: number;
  /** e^X0·X0^(−a)·Γ(a, X0) for a = −β, 1−β, 2−β at X0 = SERIES_LIMIT. */
  atLimit: number[] | undefined = undefined;
  /** The series regime's coefficients (seriesLawOf). */
  series: SeriesLaw | undefined = undefined;
  /** Where β falls among the Φ₀ tables' exponents ((ln β − ln PHI_BETA_LO)/PHI_BETA_STEP), or NaN outside them. */
  readonly phiAt: number;
  /** Shapes of this exponent by a small-integer code of queue count and multiplicities (shapeCode), where it has one. */
  readonly shapes = new Map<number, Shape>();
  constructor(readonly s: number) {
    this.beta = 1 / s;
    this.phiAt = phiPlace(this.beta);
  }
}

/**
 * What a law's set-up shares with every law of the same Zipf exponent s, queue count q and
 * queue multiplicities, whatever its flow count n: the head ranks (1 … A−1: A depends on s
 * and q only), the Euler–Maclaurin correction at A, and the series and gamma constants of s.
 * Designs give nearly every vNIC its own flow count, but few exponents and queue counts, so
 * a new law costs only its own end at E and its foot. The head is summed from these arrays
 * directly (x = c·T·base), so an lcore's set-up copies nothing per head rank.
 */
class Shape {
  readonly beta: number;
  readonly logA: number;
  /** A^(−s): x at A is c·T·baseA. */
  readonly baseA: number;
  constructor(
    readonly s: number,
    readonly q: number,
    readonly A: number,
    /** Σ mult / q: the weight of ∫_A^E. */
    readonly density: number,
    /** Head ranks of the queues counted. */
    readonly H: number,
    /**
     * Everything else in one array (from shapeSlab): for each head rank, in
     * increasing order, k^(−s) at [i], its multiplicity at [H + i] and k at [2H + i]; Σ mult and
     * Σ mult·base over the first i at [3H + i] and [4H + 1 + i] (i = 0 … H); the end correction
     * at A (END_SIZE, see endPolynomials) from [END_A(H)]; the end correction's weights at a rank
     * k (W_i = Σ_r data[weightsAt + i·EM + r]·k^(−r)) from [weightsAt]; the q queues'
     * multiplicities from [multAt].
     */
    readonly data: Float64Array,
    readonly weightsAt: number,
    readonly multAt: number,
    readonly ofS: ExponentConstants,
  ) {
    this.beta = 1 / s;
    this.logA = Math.log(A);
    this.baseA = Math.pow(A, -s);
  }
}

const END_A = (H: number) => 5 * H + 2;

/**
 * The flows of an lcore ready for the solver, by group (a vNIC law on this lcore: n flows,
 * Zipf s, q queues, each counted mult[j] times, at the lcore's popularity scale c, so
 * x = c·T·k^(−s)): head ranks 1 … A−1 (those ≤ n) from the group's shape, tail rows A … E−1
 * in closed form, the foot ranks E … n one by one. Flat arrays, one entry per group: a design
 * gives nearly every vNIC its own flow count, so nothing per law is worth keeping beyond the
 * lcore (the shapes are), and an lcore's set-up allocates a few arrays, not objects per law.
 */
class Prepared {
  /** Hit rates solved so far as entries, hit pairs (a few: a plain array is cheaper than a Map per lcore). */
  solved: number[] | undefined = undefined;
  /**
   * The last solve, a warm start for the next (once hasLast): its ln C, ln T, d ln C/d ln T, hit
   * rate and the ln T of its last evaluation, whose four sums are kept at data[lastSums …]
   * (numbers here and in data rather than an object and an array per lcore).
   */
  hasLast = false;
  lastLogC = NaN;
  lastLogT = NaN;
  lastSlope = NaN;
  lastHit = NaN;
  lastAt = NaN;
  constructor(
    readonly shape: Shape[],
    /**
     * One array (one allocation): per group g at g·GROUP, its scale c, ln c, head ranks ≤ n (a
     * prefix of the shape's), the start and end of its foot, n, ln n and n^(−s); per tail t at
     * tailAt + t·TAIL, its group, far end E, ln E, E^(−s), ∫_A^E k^(−s) dk and Euler–Maclaurin end
     * correction at E (END_SIZE, see endPolynomials; at A: the shape's); the foot ranks' k^(−s)
     * and multiplicity in pairs (uniform: one pair, 1 and every flow); the last solve's sums.
     */
    readonly data: Float64Array,
    readonly tailAt: number,
    readonly tails: number,
    readonly flows: number,
    readonly minP: number,
    /** The share of the packets of sources left out as negligible (the popularities p sum to 1 minus it). */
    readonly dropped: number,
    readonly lastSums: number,
  ) {}
}

const GROUP = 8;
const G_C = 0, G_LOGC = 1, G_HEADS = 2, G_FOOT = 3, G_FOOT_END = 4, G_N = 5, G_LOGN = 6, G_BASEN = 7;
const T_GROUP = 0, T_E = 1, T_LOGE = 2, T_BASEE = 3, T_XINT = 4, T_END = 5;

/**
 * Prepared flows by mix: the model asks about one lcore's mix several times (its hit rate,
 * the finding's advice, the curve), so the set-up and the solves are shared. Mixes are
 * treated as immutable once passed in. Kept on the mix array under a symbol (not enumerable
 * by JSON or Object.keys, not copied by spreading into a new array) by a plain store: its hidden
 * class transition is cached, where defineProperty took a runtime call per lcore and a WeakMap
 * an entry per lcore.
 */
const PREPARED = Symbol('flowcache.prepared');

/** Frozen or sealed mixes keep theirs here. */
const preparedByMix = new WeakMap<readonly FlowMix[], Prepared>();

function prepared(mix: readonly FlowMix[]): Prepared {
  const held = mix as unknown as { [PREPARED]?: Prepared };
  let prep = held[PREPARED];
  if (prep) return prep;
  if (!Object.isExtensible(mix)) {
    prep = preparedByMix.get(mix);
    if (!prep) preparedByMix.set(mix, (prep = prepare(mix)));
    return prep;
  }
  return (held[PREPARED] = prepare(mix));
}

/** A source's share of an lcore's packets below which it cannot move the hit rate visibly. */
const NEGLIGIBLE_SHARE = 1e-12;

/** Constants by Zipf exponent, and shapes by a hash of exponent, queue count and multiplicities; bounded (a file may use any number of them). */
const exponents = new Map<number, ExponentConstants>();
const shapes = new Map<number, Shape[]>();
let shapeCount = 0;
const MAX_SHAPES = 16384;

/** Forgets the exponent constants, shapes and Φ₀ tables set up so far (benchmarks measure a cold set-up with it; zipf.ts clearZipfCache forgets the normalisers). */
export function clearSolverCache(): void {
  phiTables.fill(undefined);
  forgetShapes();
  forgetAll(exponents);
}

/**
 * A small-integer code for queue count q and multiplicities mult[at …] when they fit one (a few
 * queues counted once or twice or thrice: every group of a design but merged twins), else −1.
 */
function shapeCode(q: number, mult: Float64Array, at: number): number {
  if (q > 12) return -1;
  let code = 0;
  for (let j = q - 1; j >= 0; j--) {
    const m = mult[at + j];
    if (m > 3) return -1;
    code = code * 4 + m;
  }
  return code * 16 + q;
}

/**
 * The shape of a group's queues: q of them counted mult[at + j] times, with the stride reduced
 * where the multiplicities repeat. Looked up by exponent, then by a code of the rest (shapeCode),
 * else by a small-integer hash (collisions compared).
 */
function shapeOf(s: number, q0: number, mult: Float64Array, at: number): Shape {
  const q = period(q0, mult, at);
  let ofS = exponents.get(s);
  if (!ofS) exponents.set(s, (ofS = new ExponentConstants(s)));
  const code = shapeCode(q, mult, at);
  if (code >= 0) {
    const known = ofS.shapes.get(code);
    if (known) return known;
    if (shapeCount >= MAX_SHAPES) forgetShapes();
    const shape = makeShape(s, q, mult, at, ofS);
    ofS.shapes.set(code, shape);
    shapeCount++;
    return shape;
  }
  let h = (Math.imul(q, 0x9e3779b1) ^ Math.round(s * 1e6)) | 0;
  for (let j = 0; j < q; j++) if (mult[at + j]) h = (Math.imul(h ^ (j + 1), 0x85ebca6b) + mult[at + j] * 7919) | 0;
  h &= 0x3fffffff;
  let bucket = shapes.get(h);
  if (bucket) {
    next: for (const x of bucket) {
      if (x.s !== s || x.q !== q) continue;
      for (let j = 0; j < q; j++) if (x.data[x.multAt + j] !== mult[at + j]) continue next;
      return x;
    }
  } else {
    if (shapeCount >= MAX_SHAPES) forgetShapes();
    shapes.set(h, (bucket = []));
  }
  const shape = makeShape(s, q, mult, at, ofS);
  bucket.push(shape);
  shapeCount++;
  return shape;
}

function forgetShapes(): void {
  forgetAll(shapes);
  for (const ofS of exponents.values()) forgetAll(ofS.shapes);
  shapeCount = 0;
}

/** A new shape's Euler–Maclaurin coefficients (only its end weights are kept). */
const emScratch = new Float64Array(EM_ORDER);

/** A shape for q queues counted mult[at + j] times. */
function makeShape(s: number, q: number, mult: Float64Array, at: number, ofS: ExponentConstants): Shape {
  const A = s === 0 ? 1 : firstTailRank(q, s);
  // Only the ranks of the queues counted (a few of 16, say), row by row: increasing.
  let P = 0;
  for (let j = 0; j < q; j++) if (mult[at + j]) P++;
  const rows = Math.floor((A - 1) / q);
  const H = rows * P;
  const weightsAt = END_A(H) + END_SIZE, multAt = weightsAt + EM * EM;
  const data = shapeSlab.take(multAt + q);
  const powers = rankPowers(s, A - 1);
  for (let row = 0, i = 0; row < rows; row++) {
    for (let j = 0; j < q; j++) {
      const m = mult[at + j];
      if (!m) continue;
      const k = row * q + j + 1;
      data[i] = k < powers.length ? powers[k] : Math.pow(k, -s);
      data[H + i] = m;
      data[2 * H + i] = k;
      i++;
    }
  }
  let sum = 0;
  for (let i = 0; i < H; i++) data[3 * H + 1 + i] = sum += data[H + i];
  sum = 0;
  for (let i = 0; i < H; i++) data[4 * H + 2 + i] = sum += data[H + i] * data[i];
  let total = 0;
  for (let j = 0; j < q; j++) total += data[multAt + j] = mult[at + j];
  endWeightsOf(eulerMaclaurinCoefficients(mult, q, at, emScratch), s, data, weightsAt);
  endScratch.fill(0);
  if (s > 0) endPolynomials(data, weightsAt, A, endScratch, 0, EM);
  for (let i = 0; i < END_SIZE; i++) data[END_A(H) + i] = endScratch[i];
  return new Shape(s, q, A, total / q, H, data, weightsAt, multAt, ofS);
}

/**
 * Zeroed typed arrays cut from shared slabs: a typed array above 64 bytes is otherwise allocated
 * outside V8's heap (a malloc and a finaliser each). A slab is never reused, so it lives as long
 * as one of its arrays does.
 */
class Slab {
  private buf: Float64Array;
  private used = 0;
  constructor(private readonly size: number) {
    this.buf = new Float64Array(size);
  }
  take(n: number): Float64Array {
    if (n > this.size >> 3) return new Float64Array(n);
    if (this.used + n > this.size) {
      this.buf = new Float64Array(this.size);
      this.used = 0;
    }
    return this.buf.subarray(this.used, (this.used += n));
  }
}

/**
 * The lcores' set-ups (one array each, see Prepared), from their own slabs: set-ups are made and
 * dropped together (an analysis, a host's re-analysis), so slabs are nearly full of live ones;
 * at most 64 KB is kept for a set-up of ≥ 8 bytes. Large set-ups (> 8 KB) get their own.
 */
const setupSlab = new Slab(8192);

/**
 * The shapes' arrays, from slabs of 64 KB: a shape lives as long as the memo keeps it, so a
 * scavenge during an analysis would copy every new shape's array (≈ 1.5 MB in a cold realistic
 * analysis) and promote it; outside V8's heap, only each array's small view is copied. Small
 * slabs: a retained analysis' curve keeps a few shapes after the memo forgets them, and each
 * keeps its whole slab.
 */
const shapeSlab = new Slab(8192);

/** Multiplicities of the groups being set up (prepare is not re-entered), q slots per group. */
let multScratch = new Float64Array(256);
/** The groups being set up: n, s, q, c, where their multiplicities start, their far end E, GROUP_SCRATCH slots each. */
const GROUP_SCRATCH = 6;
let groupScratch = new Float64Array(64 * GROUP_SCRATCH);

function prepare(mix: readonly FlowMix[]): Prepared {
  let totalWeight = 0;
  for (let i = 0; i < mix.length; i++) if (isSource(mix[i])) totalWeight += mix[i].weight;
  // Group queues of the same law and popularity scale (queues of one vNIC on one lcore, or of
  // identical vNICs): their ranks are disjoint strided sets of one Zipf, summed together.
  if (groupScratch.length < mix.length * GROUP_SCRATCH) groupScratch = new Float64Array(mix.length * GROUP_SCRATCH);
  const gr = groupScratch;
  let G = 0;
  let used = 0;
  let dropped = 0;
  for (let i = 0; i < mix.length; i++) {
    const m = mix[i];
    if (!isSource(m)) continue;
    const n = Math.floor(m.flows);
    const q = Number.isFinite(m.stride) ? Math.max(1, Math.floor(m.stride!)) : 1;
    const j = Number.isFinite(m.offset) ? Math.floor(m.offset!) : 0;
    // A skew too small to tell any two ranks apart (N^s = 1 + 1e-9 at most) is uniform.
    const s = Number.isFinite(m.zipf) && m.zipf * Math.log(n) > 1e-9 ? m.zipf : 0;
    const share = m.weight / totalWeight;
    const c = share / queueRankSum(n, s, q, j, m.law);
    // A source with a vanishing share of the packets (1e-312 pps beside 1e10) changes the hit rate
    // by less than its share: leave it out, or its flows would ask the solver for an occupancy
    // that only a T beyond floating point reaches.
    if (!(share > NEGLIGIBLE_SHARE) || !(c > 0) || !Number.isFinite(c)) {
      dropped += share;
      continue;
    }
    let g = 0;
    for (; g < G; g++) {
      const b = g * GROUP_SCRATCH;
      if (gr[b] === n && gr[b + 1] === s && gr[b + 2] === q && Math.abs(gr[b + 3] - c) <= 1e-12 * c) break;
    }
    if (g === G) {
      if (used + q > multScratch.length) {
        const grown = new Float64Array(Math.max(2 * multScratch.length, used + q));
        grown.set(multScratch.subarray(0, used));
        multScratch = grown;
      }
      for (let k = used; k < used + q; k++) multScratch[k] = 0;
      const b = G * GROUP_SCRATCH;
      gr[b] = n; gr[b + 1] = s; gr[b + 2] = q; gr[b + 3] = c; gr[b + 4] = used;
      used += q;
      G++;
    }
    multScratch[gr[g * GROUP_SCRATCH + 4] + j] += 1;
  }
  // Shapes and layout first, so that the array is allocated once at its size.
  const shapeList = new Array<Shape>(G);
  let footCount = 0, tails = 0;
  for (let g = 0; g < G; g++) {
    const b = g * GROUP_SCRATCH;
    const shape = shapeOf(gr[b + 1], gr[b + 2], multScratch, gr[b + 4]);
    shapeList[g] = shape;
    const n = gr[b];
    const { q, A } = shape;
    const rows = shape.s === 0 ? 0 : n >= A ? Math.floor((n - A + 1) / q) : 0;
    const E = shape.s === 0 ? n + 1 : A + rows * q;
    gr[b + 5] = E;
    if (rows > 0) tails++;
    footCount += shape.s === 0 ? 1 : Math.max(0, n - E + 1);
  }
  const tailAt = G * GROUP;
  const lastSums = tailAt + tails * TAIL + 2 * footCount;
  const data = setupSlab.take(lastSums + 4);
  let f = tailAt + tails * TAIL, t = 0;
  let allFlows = 0, minP = Infinity;
  for (let g = 0; g < G; g++) {
    const shape = shapeList[g];
    const { s, q, A, multAt } = shape;
    const mult = shape.data;
    const b = g * GROUP_SCRATCH;
    const n = gr[b], c = gr[b + 3], E = gr[b + 5];
    const at = g * GROUP;
    data[at + G_C] = c;
    data[at + G_LOGC] = Math.log(c);
    data[at + G_FOOT] = f;
    data[at + G_N] = n;
    const logN = Math.log(n);
    data[at + G_LOGN] = logN;
    // n^(−s): the least popular flow's p is c·baseN (a bracket for T), and the continuous start's x at n.
    const baseN = Math.exp(-s * logN);
    data[at + G_BASEN] = baseN;
    minP = Math.min(minP, c * baseN);
    let flows = 0;
    for (let j = 0; j < q; j++) if (mult[multAt + j]) flows += mult[multAt + j] * queueFlowCount(n, q, j);
    allFlows += flows;
    if (s === 0) {
      // Uniform: every flow has the same popularity.
      data[f++] = 1; data[f++] = flows;
      data[at + G_FOOT_END] = f;
      continue;
    }
    // Head ranks up to n (all of them unless n < A), then the foot E … n, popularity decreasing.
    let heads = shape.H;
    if (n < A) while (heads > 0 && shape.data[2 * shape.H + heads - 1] > n) heads--;
    data[at + G_HEADS] = heads;
    for (let k = E, j = (E - 1) % q; k <= n; k++, j = j + 1 === q ? 0 : j + 1) {
      if (mult[multAt + j]) { data[f++] = Math.pow(k, -s); data[f++] = mult[multAt + j]; }
    }
    data[at + G_FOOT_END] = f;
    if (E > A) {
      const ta = tailAt + t * TAIL;
      data[ta + T_GROUP] = g;
      data[ta + T_E] = E;
      const logE = Math.log(E);
      data[ta + T_LOGE] = logE;
      const baseE = Math.exp(-s * logE); // E^(−s) from the logarithm kept anyway (pow costs twice an exp)
      data[ta + T_BASEE] = baseE;
      // ∫_A^E k^(−s) dk = A^(1−s)·(e^((1−s)·L) − 1)/(1 − s), L = ln(E/A).
      data[ta + T_XINT] = A * shape.baseA * expm1Over(1 - s, logE - shape.logA);
      // Order i of the correction at E is ~(q/E)^i: those below what the end at A leaves out
      // (its order EM + 1, ~(q/A)^(EM+1)) are not worth their set-up.
      endPolynomials(shape.data, shape.weightsAt, E, data, ta + T_END, Math.min(EM, Math.floor(((EM + 1) * shape.logA) / logE) + 1));
      t++;
    }
  }
  return new Prepared(shapeList, data, tailAt, tails, allFlows, minP, dropped, lastSums);
}

/** A source the solver counts: packets, flows, and an offset that is one of its stride's queues. */
function isSource(m: FlowMix): boolean {
  const n = Math.floor(m.flows);
  const q = Number.isFinite(m.stride) ? Math.max(1, Math.floor(m.stride!)) : 1;
  const j = Number.isFinite(m.offset) ? Math.floor(m.offset!) : 0;
  // Strides beyond any NIC's queue count (the model caps them at 4096) are not a queue of a vNIC.
  return m.weight > 0 && Number.isFinite(m.weight) && n >= 1 && Number.isFinite(n) && j >= 0 && j < q && q <= MAX_STRIDE && queueFlowCount(n, q, j) > 0;
}

/** The smallest period d of the queue multiplicities mult[at …] (a divisor of q; all queues alike: 1): the group is a stride-d set. */
function period(q: number, mult: Float64Array, at: number): number {
  // q comes from a Float64Array: as an int32 the remainder is an integer division, not fmod's call.
  const qi = q | 0;
  for (let d = 1; d < qi; d++) {
    if (qi % d !== 0) continue;
    let periodic = true;
    for (let j = d; j < q && periodic; j++) periodic = mult[at + j] === mult[at + j - d];
    if (periodic) return d;
  }
  return q;
}

// Four sums over every flow, with x = p·T:
//   0: occupancy Σ (1 − e^(−x))          1: Σ x·e^(−x) = T·miss = d(occupancy)/d ln T
//   2: Σ x·(1 − e^(−x)) = T·hit            3: Σ x²·e^(−x) = T·d(hit)/d ln T
// Each is P(x) + Q(x)·e^(−x) with polynomials P, Q (coefficients by power of x).
const SUMS: readonly { P: number[]; Q: number[] }[] = [
  { P: [1], Q: [-1] },
  { P: [], Q: [0, 1] },
  { P: [0, 1], Q: [0, -1] },
  { P: [], Q: [0, 0, 1] },
];

/** θ^i of each sum's term, θ = x·d/dx, for i < EM_ORDER: θ(x^m) = m·x^m, θ(x^m e^(−x)) = (m·x^m − x^(m+1))·e^(−x). */
const THETA: readonly { P: number[]; Q: number[] }[][] = SUMS.map((f) => {
  const out = [f];
  for (let i = 1; i < EM_ORDER; i++) {
    const { P, Q } = out[i - 1];
    const Q2 = new Array<number>(Q.length + 1).fill(0);
    Q.forEach((v, k) => { Q2[k] += k * v; Q2[k + 1] -= v; });
    out.push({ P: P.map((v, k) => k * v), Q: Q2 });
  }
  return out;
});

// Taylor coefficients: 1 − e^(−x) = Σ_{n≥1} TAYLOR0[n]·x^n and x·e^(−x) = Σ_{n≥1} TAYLOR1[n]·x^n.
const SERIES_TERMS = 40;
const TAYLOR0 = new Float64Array(SERIES_TERMS + 2);
const TAYLOR1 = new Float64Array(SERIES_TERMS + 2);
{
  let factorial = 1;
  for (let n = 1; n <= SERIES_TERMS + 1; n++) {
    TAYLOR1[n] = (n % 2 === 1 ? 1 : -1) / factorial; // (−1)^(n−1)/(n−1)!
    factorial *= n;
    TAYLOR0[n] = (n % 2 === 1 ? 1 : -1) / factorial; // (−1)^(n+1)/n!
  }
}

/** The prepared flows and ln T of the sums evaluate() wrote last (a solve ends where it evaluated). */
let evaluatedFor: Prepared | undefined;
let evaluatedAt = NaN;

/** e^(−40) = 4·10^(−18): beyond this x a flow's e^(−x) terms vanish in double precision next to 1. */
const ALWAYS_CACHED = 40;

function evaluate(prep: Prepared, logT: number, out: Float64Array): void {
  evaluatedFor = out === sums ? prep : undefined;
  evaluatedAt = logT;
  const T = Math.exp(logT);
  const { shape: shapes, data } = prep;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let g = 0; g < shapes.length; g++) {
    const shape = shapes[g];
    const at = g * GROUP;
    const tau = data[at + G_C] * T;
    // Flows with x = p·T > ALWAYS_CACHED are in the cache (1 − e^(−x) = 1 within 1e-17) and add
    // nothing to the sums with e^(−x): the first head ranks (p descending) count in bulk.
    const sd = shape.data, H = shape.H;
    const heads = data[at + G_HEADS];
    let lo = 0, hi = heads;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sd[mid] * tau > ALWAYS_CACHED) lo = mid + 1;
      else hi = mid;
    }
    s0 += sd[3 * H + lo];
    s2 += tau * sd[4 * H + 1 + lo];
    for (let i = lo; i < heads; i++) {
      const x = sd[i] * tau;
      const em = Math.expm1(-x);
      const w = sd[H + i];
      const xe = x * (em + 1);
      s0 -= w * em;
      s1 += w * xe;
      s2 -= w * x * em;
      s3 += w * x * xe;
    }
    for (let i = data[at + G_FOOT], end = data[at + G_FOOT_END]; i < end; i += 2) {
      const x = data[i] * tau;
      const em = Math.expm1(-x);
      const w = data[i + 1];
      const xe = x * (em + 1);
      s0 -= w * em;
      s1 += w * xe;
      s2 -= w * x * em;
      s3 += w * x * xe;
    }
  }
  out[0] = s0; out[1] = s1; out[2] = s2; out[3] = s3;
  if (prep.tails > 0) {
    reg[R_T] = T;
    reg[R_LOGT] = logT;
    tailSums(prep, out);
  }
}

/**
 * Registers: the tail's pieces take their doubles from here rather than as arguments, which
 * optimised code would box (a heap number per argument and per returned value, a few hundred
 * bytes per group and evaluation, and the garbage collections they bring).
 */
const reg = new Float64Array(16);
const R_T = 0, R_LOGT = 1, R_K1 = 2, R_X1 = 3, R_EX1 = 4, R_K2 = 5, R_X2 = 6, R_EX2 = 7, R_L = 8, R_A = 9, R_GX = 10, R_GR = 11, R_XINT = 12, R_POW1 = 13;
/** The integral's four sums (acc) and a series' four sums (ser). */
const acc = new Float64Array(4);
const ser = new Float64Array(4);

/** Adds every tail's four sums: density·∫_A^E plus the Euler–Maclaurin end corrections; x(k) = τ·k^(−s). */
function tailSums(prep: Prepared, out: Float64Array): void {
  const T = reg[R_T], logT = reg[R_LOGT];
  const { data, shape: shapes, tailAt } = prep;
  for (let i = 0; i < prep.tails; i++) {
    const ta = tailAt + i * TAIL;
    const g = data[ta + T_GROUP];
    const shape = shapes[g];
    const ofS = shape.ofS;
    const tau = data[g * GROUP + G_C] * T;
    const xA = tau * shape.baseA;
    const xE = tau * data[ta + T_BASEE];
    const E = data[ta + T_E], logE = data[ta + T_LOGE];
    // Beyond x = GAMMA_NEGLIGIBLE an end's e^(−x) terms (the incomplete gamma ends and the
    // corrections' e^(−x)·Q(x), Q of degree ≤ 7 with weights ≤ (q/A)^i) are below 1e-15 of one
    // flow: left out, as gammaEnd does (about half the A ends of a realistic design).
    const eA = xA > GAMMA_NEGLIGIBLE ? 0 : Math.exp(-xA);
    const eE = xE > GAMMA_NEGLIGIBLE ? 0 : Math.exp(-xE);
    acc[0] = 0; acc[1] = 0; acc[2] = 0; acc[3] = 0;
    // ln(k2/k1) from the ends' logarithms (known), not a logarithm per integral.
    if (xA <= SERIES_LIMIT) {
      reg[R_K1] = shape.A; reg[R_X1] = xA; reg[R_K2] = E; reg[R_X2] = xE; reg[R_L] = logE - shape.logA;
      seriesIntegral(ofS, false);
    } else if (xE >= SERIES_LIMIT) {
      reg[R_K1] = shape.A; reg[R_X1] = xA; reg[R_EX1] = eA; reg[R_K2] = E; reg[R_X2] = xE; reg[R_EX2] = eE; reg[R_L] = logE - shape.logA;
      largeIntegral(ofS, false);
    } else {
      const logK0 = shape.beta * (data[g * GROUP + G_LOGC] + logT - LOG_SERIES_LIMIT);
      const k0 = Math.exp(logK0);
      reg[R_K1] = shape.A; reg[R_X1] = xA; reg[R_EX1] = eA; reg[R_K2] = k0; reg[R_X2] = SERIES_LIMIT; reg[R_L] = logK0 - shape.logA;
      reg[R_XINT] = tau * data[ta + T_XINT];
      largeIntegral(ofS, true);
      reg[R_K1] = k0; reg[R_X1] = SERIES_LIMIT; reg[R_K2] = E; reg[R_X2] = xE; reg[R_L] = logE - logK0;
      seriesIntegral(ofS, true);
    }
    const d = shape.density;
    out[0] += d * acc[0]; out[1] += d * acc[1]; out[2] += d * acc[2]; out[3] += d * acc[3];
    // The Euler–Maclaurin end corrections: + at E, − at A (see endPolynomials).
    const pA = shape.data, atA0 = END_A(shape.H);
    let q1E = 0, q1A = 0;
    for (let k = 0; k < 4; k++) {
      const at = ta + T_END + k * END_STRIDE, atA = atA0 + k * END_STRIDE;
      let qE = 0, qA = 0;
      if (k === 2) {
        // x·(1 − e^(−x)) = x − x·e^(−x): its e^(−x) part is minus the previous sum's (Q2_IS_MINUS_Q1).
        qE = -q1E; qA = -q1A;
      } else {
        // Each sum's Q starts at its own power of x (Q_LOW).
        const low = k === 0 ? Q_LOW0 : k === 1 ? Q_LOW1 : Q_LOW3;
        if (eE > 0) {
          for (let d = END_Q - 1; d >= 0; d--) qE = qE * xE + data[at + END_P + d];
          if (low === 1) qE *= xE; else if (low === 2) qE *= xE * xE;
        }
        if (eA > 0) {
          for (let d = END_Q - 1; d >= 0; d--) qA = qA * xA + pA[atA + END_P + d];
          if (low === 1) qA *= xA; else if (low === 2) qA *= xA * xA;
        }
        if (k === 1) { q1E = qE; q1A = qA; }
      }
      out[k] += data[at] + data[at + 1] * xE + eE * qE - (pA[atA] + pA[atA + 1] * xA + eA * qA);
    }
  }
}

/**
 * A law's power series for the series regime: ∫ x^n dk = k·x^n/(1 − s·n) (x = τ·k^(−s)), so each
 * sum's antiderivative at one end is k·Σ_n coef[n]·x^n with coefficients fixed by s. Kept per law,
 * with its value at x = SERIES_LIMIT (where the mixed regime's series part always starts), so an
 * evaluation sums a short series at the other end only. Powers n with s·n near 1 (where both
 * ends' terms would be large and cancel) are left out and integrated between the two ends.
 */
interface SeriesLaw {
  /** coef per sum g at [g·SERIES_STRIDE + n]. */
  coef: number[];
  /** k·Σ coef·x^n / k at x = SERIES_LIMIT, per sum. */
  atLimit: number[];
  /** The powers integrated between the ends (|1 − s·n| < NEAR_SINGULAR). */
  singular: number[];
}

const SERIES_STRIDE = SERIES_TERMS + 2;
/** |1 − s·n| below which a power's two end terms are not formed separately (they lose at most a factor 1/NEAR_SINGULAR to cancellation). */
const NEAR_SINGULAR = 0.25;
/** SERIES_LIMIT^n (exact: a power of two), for the mixed regime's series part, which starts at x = SERIES_LIMIT. */
const LIMIT_POWERS = Float64Array.from({ length: SERIES_STRIDE }, (_, n) => Math.pow(SERIES_LIMIT, n));
/** 1/(n−1)!: bounds the n-th term of every sum's series. */
const INV_FACT = Float64Array.from({ length: SERIES_STRIDE }, (_, n) => (n >= 1 ? Math.abs(TAYLOR1[n]) : 0));

function seriesLawOf(t: ExponentConstants): SeriesLaw {
  if (t.series) return t.series;
  const coef = new Array<number>(4 * SERIES_STRIDE).fill(0);
  const atLimit = [0, 0, 0, 0];
  const singular: number[] = [];
  let xn = 1;
  for (let n = 1; n <= SERIES_TERMS + 1; n++) {
    xn *= SERIES_LIMIT;
    const z = 1 - t.s * n;
    if (Math.abs(z) < NEAR_SINGULAR) {
      singular.push(n);
      continue;
    }
    coef[n] = TAYLOR0[n] / z;
    coef[SERIES_STRIDE + n] = TAYLOR1[n] / z;
    if (n >= 2) {
      coef[2 * SERIES_STRIDE + n] = TAYLOR0[n - 1] / z;
      coef[3 * SERIES_STRIDE + n] = TAYLOR1[n - 1] / z;
    }
    for (let g = 0; g < 4; g++) atLimit[g] += coef[g * SERIES_STRIDE + n] * xn;
  }
  return (t.series = { coef, atLimit, singular });
}

/** Σ_n coef[n]·x^n per sum into ser (x = reg[R_GX] ≤ SERIES_LIMIT), up to the term below 1e-17 of the first. */
function seriesSums(c: number[]): void {
  const x = reg[R_GX];
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let xn = 1;
  const small = 1e-17 * x;
  for (let n = 1; n < SERIES_STRIDE; n++) {
    xn *= x;
    s0 += c[n] * xn;
    s1 += c[SERIES_STRIDE + n] * xn;
    s2 += c[2 * SERIES_STRIDE + n] * xn;
    s3 += c[3 * SERIES_STRIDE + n] * xn;
    if (xn * INV_FACT[n] <= small) break;
  }
  ser[0] = s0; ser[1] = s1; ser[2] = s2; ser[3] = s3;
}

/**
 * ∫_{k1}^{k2} of the four terms where x ≤ SERIES_LIMIT, into acc (ends in reg; fromLimit: x1 =
 * SERIES_LIMIT): term by term, ∫ x^n dk = [k·x^n/(1 − s·n)].
 */
function seriesIntegral(t: ExponentConstants, fromLimit: boolean): void {
  const k1 = reg[R_K1], x1 = reg[R_X1], k2 = reg[R_K2], L = reg[R_L];
  if (!(L > 0)) return;
  const law = seriesLawOf(t);
  reg[R_GX] = reg[R_X2];
  seriesSums(law.coef);
  for (let g = 0; g < 4; g++) acc[g] += k2 * ser[g];
  if (fromLimit) {
    for (let g = 0; g < 4; g++) acc[g] -= k1 * law.atLimit[g];
  } else {
    reg[R_GX] = x1;
    seriesSums(law.coef);
    for (let g = 0; g < 4; g++) acc[g] -= k1 * ser[g];
  }
  const singular = law.singular;
  for (let i = 0; i < singular.length; i++) {
    const n = singular[i];
    // ∫ x^n dk between the ends in the form that does not cancel: k1·x1^n·(e^(zL) − 1)/z, z = 1 − s·n.
    const z = 1 - t.s * n;
    // From the limit (the mixed regime), ∫ x dk is the whole tail's (set up per tail) less the large part's.
    let b: number;
    if (fromLimit && n === 1) {
      b = reg[R_XINT] - reg[R_POW1];
    } else {
      // expm1Over(z, L) written out: TurboFan spends this function's inlining budget on seriesSums
      // and seriesLawOf, and the call boxed z, L and its result (≈ 0.3 MB of heap numbers per
      // replayed realistic analysis, 8 % of the solver's allocation).
      const zl = z * L;
      const e = zl === 0 ? L : Math.abs(zl) < 1e-5 ? L * (1 + (zl / 2) * (1 + zl / 3)) : Math.expm1(zl) / z;
      b = k1 * (fromLimit ? LIMIT_POWERS[n] : Math.pow(x1, n)) * e;
    }
    acc[0] += TAYLOR0[n] * b;
    acc[1] += TAYLOR1[n] * b;
    if (n >= 2) {
      acc[2] += TAYLOR0[n - 1] * b;
      acc[3] += TAYLOR1[n - 1] * b;
    }
  }
}

/**
 * ∫_{k1}^{k2} of the four terms where x ≥ SERIES_LIMIT, into acc (ends in reg; toLimit: x2 =
 * SERIES_LIMIT). With k = (τ/x)^β, ∫ x^m e^(−x) dk = β·[k·x^m·e^(−x)·R_{m−β}(x)] from k2 to k1,
 * R_a(x) = e^x·x^(−a)·Γ(a, x).
 */
function largeIntegral(t: ExponentConstants, toLimit: boolean): void {
  const k1 = reg[R_K1], x1 = reg[R_X1], k2 = reg[R_K2], L = reg[R_L];
  if (!(k2 > k1) || !(L > 0)) return;
  const pow0 = k2 - k1;
  const pow1 = k1 * x1 * expm1Over(1 - t.s, L); // ∫ x dk
  reg[R_POW1] = pow1;
  gammaEnd(t, R_K1, end1);
  if (toLimit) {
    const r = (t.atLimit ??= atLimitOf(t.beta));
    const f = k2 * EXP_SERIES_LIMIT;
    end2[0] = f * r[0];
    end2[1] = f * SERIES_LIMIT * r[1];
    end2[2] = f * SERIES_LIMIT * SERIES_LIMIT * r[2];
  } else {
    gammaEnd(t, R_K2, end2);
  }
  const E0 = t.beta * (end2[0] - end1[0]);
  const E1 = t.beta * (end2[1] - end1[1]);
  const E2 = t.beta * (end2[2] - end1[2]);
  acc[0] += pow0 - E0;
  acc[1] += E1;
  acc[2] += pow1 - E1;
  acc[3] += E2;
}

const end1 = new Float64Array(3);
const end2 = new Float64Array(3);

function atLimitOf(beta: number): number[] {
  const r: number[] = [];
  for (const a of [-beta, 1 - beta, 2 - beta]) {
    reg[R_A] = a; reg[R_GX] = SERIES_LIMIT;
    gammaRatio();
    r.push(reg[R_GR]);
  }
  return r;
}

/** k·x^m·e^(−x)·R_{m−β}(x) for m = 0, 1, 2 into `to`, at the end whose k, x and e^(−x) are reg[end], reg[end + 1], reg[end + 2]. */
function gammaEnd(t: ExponentConstants, end: number, to: Float64Array): void {
  const k = reg[end], x = reg[end + 1], ex = reg[end + 2];
  // Beyond x = 50 the terms are below k·x²·e^(−x) < 1e-18·k: not worth a continued fraction.
  if (x > GAMMA_NEGLIGIBLE) {
    to[0] = 0; to[1] = 0; to[2] = 0;
    return;
  }
  const f = k * ex;
  const b = t.beta;
  // One continued fraction, the other two by Γ(a+1, x) = a·Γ(a, x) + x^a·e^(−x), that is
  // R_{a+1} = (a·R_a + 1)/x, where that loses no digits (a·R_a ≥ −1/2).
  reg[R_GX] = x;
  reg[R_A] = -b;
  gammaRatio();
  const r0 = reg[R_GR];
  let r1 = (1 - b * r0) / x;
  if (!(-b * r0 >= -0.5)) { reg[R_A] = 1 - b; gammaRatio(); r1 = reg[R_GR]; }
  let r2 = ((1 - b) * r1 + 1) / x;
  if (!((1 - b) * r1 >= -0.5)) { reg[R_A] = 2 - b; gammaRatio(); r2 = reg[R_GR]; }
  to[0] = f * r0;
  to[1] = f * x * r1;
  to[2] = f * x * x * r2;
}

/** 1/m for the Φ₀ tables' Taylor recursion (a multiplication where a division per term was a good part of their build). */
const INV_INT = Float64Array.from({ length: 40 }, (_, m) => (m > 0 ? 1 / m : 0));

/**
 * e^x·x^(−a)·Γ(a, x) by Legendre's continued fraction 1/(b0 + a1/(b1 + a2/(b2 + …))), a_i = −i·(i − a),
 * b_i = x + 1 − a + 2i, for x ≥ 2 and any a ≤ 2: a = reg[R_A], x = reg[R_GX], into reg[R_GR]. Its
 * convergents P/Q by the forward recurrence, two terms per step and one division per step (modified
 * Lentz takes two per term: the continued fraction was ~10 % of the solver), rescaled at each step;
 * stops when a step changes the value by less than 1e-15 of it. Lentz's method if that breaks down.
 */
function gammaRatio(): void {
  const a = reg[R_A], x = reg[R_GX];
  let b = x + 1 - a;
  // P_0/Q_0 = 0/1, P_1/Q_1 = 1/b0.
  let pPrev = 0, p = 1, qPrev = 1, q = b;
  let h = 1 / b;
  for (let i = 1; i < 500; i += 2) {
    let an = -i * (i - a);
    b += 2;
    const pNext = b * p + an * pPrev, qNext = b * q + an * qPrev;
    an = -(i + 1) * (i + 1 - a);
    b += 2;
    pPrev = pNext; qPrev = qNext;
    p = b * pNext + an * p;
    q = b * qNext + an * q;
    const inv = 1 / q;
    const next = p * inv;
    if (!Number.isFinite(next) || !(next > 0)) {
      gammaRatioLentz();
      return;
    }
    const done = Math.abs(next - h) <= 1e-15 * next;
    h = next;
    if (done) break;
    p = next; pPrev *= inv; qPrev *= inv; q = 1;
  }
  reg[R_GR] = h;
}

/** The same by the modified Lentz method (the fallback). */
function gammaRatioLentz(): void {
  const a = reg[R_A], x = reg[R_GX];
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  reg[R_GR] = h;
}

/**
 * Coefficients per sum in endPolynomials: P (degree < END_P), then Q from degree Q_LOW[sum]
 * (END_Q of them). θ keeps a term's lowest power of x and raises its highest by one, so each
 * sum's Q spans EM_ORDER degrees: x·e^(−x) and x²·e^(−x) need no coefficients below x and x².
 */
const END_P = 2;
const Q_LOW = THETA.map((orders) => Math.min(...orders.map(({ Q }) => Q.findIndex((v) => v !== 0))));
const END_Q = Math.max(...THETA.map((orders, g) => Math.max(...orders.map(({ Q }) => Q.length)) - Q_LOW[g]));
if (Q_LOW.some((d) => d > 2)) throw new Error('flowcache: Q_LOW beyond x²');
const [Q_LOW0, Q_LOW1, , Q_LOW3] = Q_LOW;
/** tailSums takes sum 2's e^(−x) polynomial as minus sum 1's: x·(1 − e^(−x)) − x = −x·e^(−x), and θ is linear. */
const Q2_IS_MINUS_Q1 = THETA[2].every(({ Q }, i) => Q.length === THETA[1][i].Q.length && Q.every((v, d) => v === -THETA[1][i].Q[d]));
if (!Q2_IS_MINUS_Q1 || Q_LOW[2] !== Q_LOW1) throw new Error('flowcache: sum 2 is not x minus sum 1');
const END_STRIDE = END_P + END_Q;
const END_SIZE = 4 * END_STRIDE;
/** A tail's record in Prepared.data (see there). */
const TAIL = 5 + END_SIZE;
/** EM_ORDER as a literal: the hot loops would otherwise load it from the module's exports each time. */
const EM = 6;
if (EM !== EM_ORDER) throw new Error('flowcache: EM is not EM_ORDER');
const endWeights = new Float64Array(EM);
/**
 * The nonzero coefficients of THETA by place in endPolynomials' output (sum·END_STRIDE + P then
 * Q degree): places THETA_PLACE[p], each the sum over entries THETA_FROM[p] … THETA_FROM[p + 1] − 1
 * of W[THETA_ORDER[e]]·THETA_V[e]. By place, so that each place is written once; places by their
 * lowest order, so that those an end with fewer orders reaches are the first THETA_PLACES_BELOW[orders].
 */
const THETA_PLACE_LIST: number[] = [];
const THETA_FROM_LIST: number[] = [];
const THETA_ORDER_LIST: number[] = [];
const THETA_V_LIST: number[] = [];
{
  const byPlace = new Map<number, { i: number; v: number }[]>();
  for (let i = 0; i < EM_ORDER; i++) {
    THETA.forEach((orders, g) => {
      const { P, Q } = orders[i];
      const add = (d: number, v: number) => {
        if (v === 0) return;
        const place = g * END_STRIDE + d;
        if (!byPlace.has(place)) byPlace.set(place, []);
        byPlace.get(place)!.push({ i, v });
      };
      P.forEach((v, d) => add(d, v));
      Q.forEach((v, d) => add(END_P + d - Q_LOW[g], v));
    });
  }
  const lowest = (place: number) => byPlace.get(place)![0].i;
  for (const place of [...byPlace.keys()].sort((a, b) => lowest(a) - lowest(b) || a - b)) {
    THETA_PLACE_LIST.push(place);
    THETA_FROM_LIST.push(THETA_V_LIST.length);
    for (const { i, v } of byPlace.get(place)!) { THETA_ORDER_LIST.push(i); THETA_V_LIST.push(v); }
  }
  THETA_FROM_LIST.push(THETA_V_LIST.length);
}
const THETA_PLACE = Int32Array.from(THETA_PLACE_LIST);
const THETA_FROM = Int32Array.from(THETA_FROM_LIST);
const THETA_ORDER = Int32Array.from(THETA_ORDER_LIST);
const THETA_V = Float64Array.from(THETA_V_LIST);
const THETA_PLACES_BELOW = Int32Array.from({ length: EM + 1 }, (_, orders) => THETA_PLACE_LIST.filter((_, p) => THETA_ORDER_LIST[THETA_FROM_LIST[p]] < orders).length);

/** A shape's end correction at A, before it joins the shape's plain array (endPolynomials then writes one array type only: its stores stay monomorphic). */
const endScratch = new Float64Array(END_SIZE);

/**
 * What the end correction at a rank k takes from the shape (its Euler–Maclaurin coefficients
 * and s): W_i = Σ_r coef_r·STIRLING1[r][i]·(−s)^i·k^(−r), kept as the matrix [i·EM_ORDER + r].
 */
function endWeightsOf(coef: Float64Array, s: number, out: Float64Array, at: number): void {
  for (let r = 0; r < EM; r++) {
    const row = STIRLING1[r];
    let sPow = 1;
    for (let i = 0; i <= r; i++) {
      out[at + i * EM + r] = coef[r] * row[i] * sPow;
      sPow *= -s;
    }
  }
}

/**
 * Σ_r coef_r·F^(r−1)(k) at a fixed rank k, for each of the four sums, as P(x) + e^(−x)·Q(x):
 * F^(r)(k) = k^(−r)·Σ_i STIRLING1[r][i]·(d/d ln k)^i f and d/d ln k = −s·θ, so the correction is
 * Σ_i W_i·θ^i f with weights W_i that depend on k only (endWeightsOf); θ^i f is P_i + e^(−x)·Q_i
 * (THETA), for i < orders. Writes every place of out[at …] that THETA reaches below that order:
 * the others stay as they are, zero (a fresh set-up from its slab, or the cleared endScratch). The corrections
 * at a tail's far end take 2–3 orders of 6: about half the places.
 */
function endPolynomials(weights: Float64Array, wAt: number, k: number, out: Float64Array, at: number, orders: number): void {
  const W = endWeights;
  // The tables as locals: read through the module's bindings in the loop below, optimised code
  // loaded each one's base and length again per entry (a third of this function's instructions).
  const from = THETA_FROM, order = THETA_ORDER, value = THETA_V, place = THETA_PLACE;
  const inv = 1 / k;
  for (let i = 0; i < orders; i++) {
    let w = 0;
    for (let r = EM - 1; r >= i; r--) w = w * inv + weights[wAt + i * EM + r];
    for (let r = 0; r < i; r++) w *= inv;
    W[i] = w;
  }
  for (let p = 0, places = THETA_PLACES_BELOW[orders]; p < places; p++) {
    let v = 0;
    // A place's entries run by increasing order.
    for (let e = from[p], end = from[p + 1]; e < end; e++) {
      const i = order[e];
      if (i >= orders) break;
      v += W[i] * value[e];
    }
    out[at + place[p]] = v;
  }
}

const sums = new Float64Array(4);

/**
 * A start for a mix's first solve, from the continuous law: a group's occupancy is close to
 * density·∫_0^n (1 − e^(−τ·k^(−s))) dk = density·n·Φ₀(τ·n^(−s)), Φ₀ the antiderivative with
 * d/dk[k·Φ₀(x(k))] = 1 − e^(−x(k)) that tends to 1 for large x (phiTableFor): off the exact sum by
 * a few flows per group (the head's discreteness), ~10^(−3) of the occupancy. From T = C (off by
 * ~0.8 in ln occupancy) the solve took 3–4 evaluations; from here Halley's first step lands within
 * ~10^(−9) and it takes 2. Newton on the continuous occupancy costs a table look-up per group and
 * step, a small part of an evaluation. undefined when a group's exponent has no table.
 */
function continuousStart(prep: Prepared, entries: number): number | undefined {
  if (!continuousReady(prep)) return undefined;
  const logC = Math.log(entries);
  let t = logC;
  for (let iter = 0; iter < 20; iter++) {
    continuousSums(prep, t);
    const o = cont[0], o1 = cont[1], o2 = cont[2];
    if (!(o > 0) || !(o1 > 0)) return undefined;
    // Halley on ln O − ln C (as solveOccupancy): f' = o1/o, f'' = o2/o − f'².
    const excess = Math.log(o) - logC;
    const slope = o1 / o;
    const curvature = o2 / o - slope * slope;
    let step = -excess / slope;
    const halley = (-2 * excess * slope) / (2 * slope * slope - excess * curvature);
    if (Number.isFinite(halley) && Math.abs(halley) < 2 * Math.abs(step) + 1e-12) step = halley;
    if (!Number.isFinite(step)) return undefined;
    t += Math.max(-2, Math.min(2, step));
    // The continuous law is ~10^(−3) off the sum: no need to solve it closer than that, and a
    // Halley step below 0.03 leaves ~10^(−5).
    if (Math.abs(step) < 0.03) return t;
  }
  return undefined;
}

/**
 * The same start for the advice (entriesForHitRate above a target of 0.5): ln T where the
 * continuous law's T·miss = Σ x·e^(−x) (density·n·Φ₁ per group) reaches T·(1 − target), by
 * Newton on ln(−ln miss) as the advice itself solves, from `from` (the mix's last solve).
 */
function continuousMissStart(prep: Prepared, logMinusGoal: number, from: number): number | undefined {
  if (!continuousReady(prep)) return undefined;
  let t = from;
  for (let iter = 0; iter < 20; iter++) {
    continuousSums(prep, t);
    const s1 = cont[1], s3 = cont[1] - cont[2];
    const minusLogMiss = t - Math.log(s1);
    if (!(s1 > 0) || !(s3 > 0) || !(minusLogMiss > 0)) return undefined;
    const step = -(Math.log(minusLogMiss) - logMinusGoal) / (s3 / s1 / minusLogMiss);
    if (!Number.isFinite(step)) return undefined;
    t += Math.max(-2, Math.min(2, step));
    if (Math.abs(step) < 1e-3) return t;
  }
  return undefined;
}

/** Whether every group's exponent lies among the Φ₀ tables' (making the two around it). */
function continuousReady(prep: Prepared): boolean {
  const shapes = prep.shape;
  for (let g = 0; g < shapes.length; g++) {
    const sh = shapes[g];
    if (sh.s === 0) continue;
    const u = sh.ofS.phiAt;
    if (!(u >= 0)) return false;
    const j = Math.floor(u);
    phiTable(j);
    phiTable(j + 1);
  }
  return true;
}

/** The continuous law's occupancy O, Σ x·e^(−x) = dO/d ln T and its derivative in ln T, at ln T = t, into cont. */
const cont = new Float64Array(3);
function continuousSums(prep: Prepared, t: number): void {
  const { shape: shapes, data } = prep;
  // θΦ₀ = Φ₁ = (Φ₀ − f₀)/s and θΦ₁ = (Φ₁ − f₁)/s, f₀ = 1 − e^(−x), f₁ = x·e^(−x) (uniform groups:
  // flows·f₀, flows·f₁, flows·(f₁ − x·f₁)).
  let o = 0, o1 = 0, o2 = 0;
  const T = Math.exp(t);
  for (let g = 0; g < shapes.length; g++) {
    const sh = shapes[g];
    const at = g * GROUP;
    const x = data[at + G_C] * T * data[at + G_BASEN];
    const em = x > GAMMA_NEGLIGIBLE ? -0 : Math.expm1(-x);
    const f1 = x * (em + 1);
    if (sh.s === 0) {
      const flows = data[data[at + G_FOOT] + 1];
      o -= flows * em;
      o1 += flows * f1;
      o2 += flows * (f1 - x * f1);
      continue;
    }
    const w = sh.density * data[at + G_N];
    const logX = data[at + G_LOGC] + t - sh.s * data[at + G_LOGN];
    // Linear between the two tables' exponents around β (~10^(−4) off: enough for a start).
    const u = sh.ofS.phiAt, j = Math.floor(u), between = u - j;
    const phi0 = phiBetween(phiTables[j]!, phiTables[j + 1]!, between, logX, x, sh.beta);
    const phi1 = (phi0 + em) / sh.s;
    o += w * phi0;
    o1 += w * phi1;
    o2 += (w * (phi1 - f1)) / sh.s;
  }
  cont[0] = o; cont[1] = o1; cont[2] = o2;
}

/**
 * Φ₀(x) = β·x^β·∫_x^∞ u^(−β−1)·(1 − e^(−u)) du, the solution of Φ − s·x·Φ' = 1 − e^(−x) that
 * tends to 1 (at x = 50 it is 1 within 10^(−22)), on a geometric grid x_i = PHI_LO·PHI_RATIO^i:
 * Taylor coefficients at each node from the equation (φ_(m+1) = ((β − m)·φ_m − β·f_m)/(x0·(m + 1)),
 * f_m those of 1 − e^(−x), radius x0), each node's value stepped down from the next: a
 * perturbation is a multiple of x^β, which shrinks downwards. Accurate to ~10^(−5) between nodes
 * (PHI_DEG + 1 terms, |δ|/x0 ≤ √PHI_RATIO − 1 < 0.23) and steps to ~10^(−8), enough for a start;
 * ~35 nodes. Not per exponent (a design may have thousands, and a table takes ~7 µs): for
 * exponents on a grid in ln β (step PHI_BETA_STEP over PHI_BETA_LO … PHI_BETA_HI, each made on
 * first use), a law's Φ₀ interpolated between the two around its β. Outside them no start is estimated.
 */
const PHI_LO = 1e-4;
const PHI_RATIO = 1.5;
const LOG_PHI_LO = Math.log(PHI_LO);
const LOG_PHI_RATIO = Math.log(PHI_RATIO);
const PHI_NODES = Math.ceil(Math.log(GAMMA_NEGLIGIBLE / PHI_LO) / LOG_PHI_RATIO) + 1;
const PHI_DEG = 8;
const PHI_STEP_TERMS = 16;
const phiCoef = new Float64Array(PHI_STEP_TERMS + 1);
const PHI_BETA_LO = 0.3;
const PHI_BETA_HI = 4;
const PHI_BETA_STEP = 0.05;
const LOG_PHI_BETA_LO = Math.log(PHI_BETA_LO);
const PHI_TABLES = Math.ceil(Math.log(PHI_BETA_HI / PHI_BETA_LO) / PHI_BETA_STEP) + 1;
/** Plain packed-double arrays (see zeros): continuousSums' look-ups read them in ~8 % fewer instructions than Float64Arrays, and there are at most PHI_TABLES of them (the shapes, many and kept, are off the heap instead: see shapeSlab). */
const phiTables: (number[] | undefined)[] = new Array<number[] | undefined>(PHI_TABLES + 1).fill(undefined);

function phiPlace(beta: number): number {
  const u = (Math.log(beta) - LOG_PHI_BETA_LO) / PHI_BETA_STEP;
  return u >= 0 && u < PHI_TABLES ? u : NaN;
}

function phiTable(j: number): number[] {
  return (phiTables[j] ??= phiTableFor(Math.exp(LOG_PHI_BETA_LO + j * PHI_BETA_STEP)));
}

function phiTableFor(beta: number): number[] {
  const table = zeros(PHI_NODES * (PHI_DEG + 2));
  const c = phiCoef;
  let value = 1;
  let x0 = PHI_LO * Math.pow(PHI_RATIO, PHI_NODES);
  for (let i = PHI_NODES - 1; i >= 0; i--) {
    x0 /= PHI_RATIO;
    const e = Math.exp(-x0);
    c[0] = value;
    // 1 − e^(−x0), to ~10^(−16)/x0 relative: plenty for a start.
    let f = 1 - e;
    const inv = 1 / x0;
    let ef = e;
    for (let m = 0; m < PHI_STEP_TERMS; m++) {
      c[m + 1] = ((beta - m) * c[m] - beta * f) * inv * INV_INT[m + 1];
      // f_(m+1) = e·(−1)^m/(m + 1)!
      f = ef;
      ef *= -INV_INT[m + 2];
    }
    const at = i * (PHI_DEG + 2);
    table[at] = x0;
    for (let m = 0; m <= PHI_DEG; m++) table[at + 1 + m] = c[m];
    if (i > 0) {
      const d = x0 / PHI_RATIO - x0;
      let v = 0;
      for (let m = PHI_STEP_TERMS; m >= 0; m--) v = v * d + c[m];
      value = v;
    }
  }
  return table;
}

/**
 * Φ₀(x) between two exponents' tables (phiTableFor), (1 − between)·Φ₀_lo(x) + between·Φ₀_hi(x);
 * below the grid by its leading power (x^min(1, β)), above it 1. The tables share their nodes, so
 * both polynomials are summed in one loop: two independent chains of multiply-adds, where one
 * after the other waited on each step's result.
 */
function phiBetween(lo: number[], hi: number[], between: number, logX: number, x: number, beta: number): number {
  const other = 1 - between;
  if (x >= GAMMA_NEGLIGIBLE) return other + between;
  if (logX < LOG_PHI_LO) {
    const power = Math.exp(Math.min(1, beta) * (logX - LOG_PHI_LO));
    return other * (lo[1] * power) + between * (hi[1] * power);
  }
  let i = Math.round((logX - LOG_PHI_LO) / LOG_PHI_RATIO);
  if (i > PHI_NODES - 1) i = PHI_NODES - 1;
  const at = i * (PHI_DEG + 2);
  const d = x - lo[at], dHi = x - hi[at];
  let v = 0, vHi = 0;
  for (let m = PHI_DEG; m >= 0; m--) {
    v = v * d + lo[at + 1 + m];
    vHi = vHi * dHi + hi[at + 1 + m];
  }
  return other * v + between * vHi;
}

/**
 * ln T with occupancy(T) = C, for 0 < C < flows: Newton on ln(occupancy) against ln T (close
 * to concave, so steps approach the root from below), inside a bracket that bisection
 * shrinks whenever Newton would leave it. `start` warm-starts it (a nearby solve).
 */
function solveOccupancy(prep: Prepared, entries: number, start?: number): number {
  // occupancy(T) ≤ T (1 − e^(−x) ≤ x and Σp = 1); every flow holds at least the least popular one's share.
  const lo = Math.log(entries);
  const fill = entries / prep.flows;
  let hi = Math.log(-Math.log1p(-fill) / prep.minP);
  if (!(hi > lo)) hi = lo + 1;
  return newton(prep, OCCUPANCY, entries, lo, hi, start);
}

/**
 * What newton() solves for, with its goal: the occupancy C (ln occupancy − ln C, solveOccupancy),
 * or the advice's miss or hit rate (ln(−ln miss) − ln(−ln goal), ln hit − ln goal: entriesForHitRate).
 * A kind rather than functions: no closures per solve, and newton's calls stay monomorphic.
 */
const OCCUPANCY = 0, MISS = 1, HIT = 2;

/** The excess at ln T = t from the sums evaluated there. */
function excessOf(kind: number, goal: number, t: number): number {
  if (kind === OCCUPANCY) return Math.log(sums[0] / goal);
  if (kind === MISS) return Math.log(t - Math.log(sums[1])) - goal;
  return Math.log(sums[2]) - t - goal;
}

/** Its derivative in ln T. */
function slopeOf(kind: number, t: number): number {
  if (kind === OCCUPANCY) return sums[1] / sums[0];
  if (kind === MISS) return sums[3] / sums[1] / (t - Math.log(sums[1]));
  return sums[3] / sums[2];
}

/**
 * Root of excessOf(kind, goal) (increasing in t = ln T) in (lo, hi). The advice (MISS, HIT) stops
 * early where closeEnough says so; the occupancy takes Halley's step (cubic), its second
 * derivative being known: d²O/d(ln T)² = Σ(x − x²)·e^(−x) = S1 − S3.
 */
function newton(prep: Prepared, kind: number, goal: number, lo: number, hi: number, start?: number, knownAt = NaN): number {
  stoppedEarly = false;
  let t = start !== undefined && start > lo && start < hi ? start : lo;
  for (let iter = 0; iter < 100; iter++) {
    if (iter === 0 && knownAt === t) {
      // The sums at the start are known (the solve that ended there): no evaluation.
      const d = prep.data, at = prep.lastSums;
      sums[0] = d[at]; sums[1] = d[at + 1]; sums[2] = d[at + 2]; sums[3] = d[at + 3];
      evaluatedFor = prep;
      evaluatedAt = t;
    } else {
      evaluate(prep, t, sums);
    }
    const excess = excessOf(kind, goal, t);
    if (!Number.isFinite(excess)) return t;
    if (Math.abs(excess) <= 1e-13) return t;
    if (excess < 0) lo = t; else hi = t;
    if (hi - lo < 1e-14 * Math.max(1, Math.abs(t))) return t;
    const slope = slopeOf(kind, t);
    let next = t - excess / slope;
    if (kind !== OCCUPANCY && next > lo && next < hi && closeEnough(next - t)) {
      stoppedEarly = true;
      return t;
    }
    if (kind === OCCUPANCY && Math.abs(excess) > 1e-7) {
      const f1 = sums[1] / sums[0];
      const curvature = (sums[1] - sums[3]) / sums[0] - f1 * f1;
      const halley = t - (2 * excess * slope) / (2 * slope * slope - excess * curvature);
      if (halley > lo && halley < hi) next = halley;
    }
    // Newton converges quadratically: from an excess of 1e-7 the next step lands within ~1e-14.
    if (Math.abs(excess) <= 1e-7 && next > lo && next < hi) return next;
    t = next > lo && next < hi ? next : (lo + hi) / 2;
  }
  return t;
}

/**
 * entriesForHitRate stops one Newton step short of T (|step| ≤ EARLY_STEP in ln T) when the
 * predicted ln C lies more than EARLY_MARGIN + EARLY_CURVATURE·step² from ln of every power of two.
 * The prediction's error is second order in the step, with a factor below 1 for these smooth,
 * nearly linear functions of ln T (their second derivatives in ln T are sums like Σx³e^(−x) /
 * Σxe^(−x), a few units at most): the margins leave a factor ≥ 10 to that.
 */
const EARLY_STEP = 0.05;
const EARLY_MARGIN = 0.01;
const EARLY_CURVATURE = 20;

/** Whether the last newton() call stopped because closeEnough said so (at an evaluated point, one Newton step short of the root), and the entries it predicted. */
let stoppedEarly = false;
let predictedEntries = NaN;

/**
 * Only the power of two above C is wanted: stop once one Newton step (`step` in ln T) from an
 * evaluated point predicts ln C far enough from every power of two that the step's error (second
 * order in it: a few step² at most) cannot cross one. Near a power of two the solve runs to the end.
 */
function closeEnough(step: number): boolean {
  if (!(Math.abs(step) <= EARLY_STEP)) return false;
  const logC = Math.log(sums[0]) + (sums[1] / sums[0]) * step;
  const octave = logC / Math.LN2;
  const margin = (EARLY_MARGIN + EARLY_CURVATURE * step * step) / Math.LN2;
  if (Math.abs(octave - Math.round(octave)) <= margin) return false;
  predictedEntries = Math.exp(logC);
  return true;
}

/**
 * ln T − the ln T of the last evaluation, after evaluating at logT unless the last evaluation
 * (Newton's) was within 1e-6 of it: then the sums at logT are those plus d × their derivatives
 * in ln T (occupancy: sums[1]; hit: sums[3]/T), to within d² ≤ 1e-12.
 */
function near(prep: Prepared, logT: number): number {
  const d = logT - evaluatedAt;
  if (evaluatedFor === prep && Math.abs(d) <= 1e-6) return d;
  evaluate(prep, logT, sums);
  return 0;
}

/** Keeps a solve as the mix's warm start: where it ended, its slope d ln C/d ln T and the sums at its last evaluation. */
function remember(prep: Prepared, logC: number, logT: number, hit: number): void {
  const slope = sums[1] / sums[0];
  if (!(slope > 0) || evaluatedFor !== prep) return;
  prep.hasLast = true;
  prep.lastLogC = logC; prep.lastLogT = logT; prep.lastSlope = slope; prep.lastHit = hit; prep.lastAt = evaluatedAt;
  prep.data.set(sums, prep.lastSums);
}

function hitAt(prep: Prepared, entries: number): number {
  if (prep.flows <= entries) return 1;
  if (!(entries > 0)) return 0;
  const solved = prep.solved;
  if (solved) for (let i = 0; i < solved.length; i += 2) if (solved[i] === entries) return solved[i + 1];
  // Warm start: a Newton step from this mix's last solve. (Not from other mixes' solves: a
  // figure must not depend on what was analysed before, to the last digit.)
  const logC = Math.log(entries);
  const start = prep.hasLast ? prep.lastLogT + (logC - prep.lastLogC) / prep.lastSlope : continuousStart(prep, entries);
  const logT = solveOccupancy(prep, entries, start);
  // hit = sums[2]/T and d hit/d ln T = sums[3]/T, at the ln T Newton evaluated last.
  const d = near(prep, logT);
  const hit = Math.min(1, Math.max(0, (sums[2] + d * sums[3]) / Math.exp(evaluatedAt)));
  remember(prep, logC, logT, hit);
  // Callers ask about a few table sizes per lcore (powers of two): a search through them is short.
  if (!solved || solved.length >= 128) prep.solved = [entries, hit];
  else solved.push(entries, hit);
  return hit;
}

/** Steady-state LRU hit rate (0..1) of an exact-match cache of `entries` over the mix, no churn. entries is used as given (caller rounds to a power of two). */
export function steadyHitRate(mix: readonly FlowMix[], entries: number): number {
  // Most designs size the cache above their flow count: answer those before any set-up work.
  let flows = 0;
  for (const m of mix) if (m.weight > 0) flows += Math.max(0, Math.floor(m.flows));
  if (flows <= entries) return 1;
  return hitAt(prepared(mix), entries);
}

/** Power of two ≥ n, clamped to 4..524288 (NSX `set ens flow-table size`). */
export function roundFlowTableSize(n: number): number {
  let size = MIN_FLOW_TABLE;
  while (size < n && size < MAX_FLOW_TABLE) size *= 2;
  return size;
}

/** hit rate at entries 2^6..2^19 (steady state, no churn) — for the report's curve and advice. Each solve starts from the previous one's T. */
export function cacheCurve(mix: readonly FlowMix[]): { entries: number; hitRate: number }[] {
  const prep = prepared(mix);
  const curve: { entries: number; hitRate: number }[] = [];
  for (let entries = 2 ** 6; entries <= 2 ** 19; entries *= 2) curve.push({ entries, hitRate: hitAt(prep, entries) });
  return curve;
}

/**
 * Smallest power of two in 4..524288 whose steady hit rate × (1 − churnMissShare) reaches
 * `target`, or undefined. No search over sizes: the hit rate grows with T, so solve T from the
 * target hit rate, then the entries that T needs are C = Σ(1 − e^(−p·T)).
 */
export function entriesForHitRate(mix: readonly FlowMix[], target: number, churnMissShare: number): number | undefined {
  const needed = target / (1 - churnMissShare);
  if (!(needed <= 1)) return undefined;
  const prep = prepared(mix);
  if (prep.flows <= MIN_FLOW_TABLE || !(needed > 0)) return MIN_FLOW_TABLE;
  let entries: number;
  if (needed >= 1) {
    entries = prep.flows; // only a table that holds every flow hits every packet
  } else {
    // Solve on ln(miss) near 1, on ln(hit) below: both are monotone in ln T and close to linear.
    const useMiss = needed > 0.5;
    const goal = Math.log(useMiss ? 1 - needed : needed);
    // Near 1, on ln(−ln miss): the miss falls ever faster in ln T (the least popular flows' e^(−p·T)
    // at the end), so Newton on ln miss overshoots; −ln miss grows nearly linearly in ln T.
    const logMinusGoal = Math.log(-goal);
    let lo = Math.log(needed); // hit ≤ T·Σp² ≤ T, so T ≥ needed
    let hi = NaN;
    // The mix's last solve (the lcore's hit rate at its current size) bounds T on one side and
    // starts Newton from the sums it evaluated last (no evaluation to start).
        let knownAt = NaN;
    if (prep.hasLast && prep.lastHit >= needed) hi = prep.lastLogT;
    else if (prep.hasLast && prep.lastLogT > lo) {
      lo = Math.min(prep.lastLogT, prep.lastAt);
      knownAt = prep.lastAt;
    }
    // hit = Σp·(1 − e^(−p·T)) ≥ (1 − dropped)·(1 − e^(−minP·T)): a T where that reaches the target bounds T above.
    const sure = 1 - needed / (1 - prep.dropped);
    if (Number.isNaN(hi) && sure > 0) {
      const bound = Math.log(-Math.log(sure) / prep.minP);
      if (bound > lo) hi = bound;
    }
    if (Number.isNaN(hi)) {
      const from = lo;
      hi = lo + 2;
      for (let i = 0; i < 200; i++) {
        evaluate(prep, hi, sums);
        if (sums[2] / Math.exp(hi) >= needed) break;
        lo = hi;
        hi += 2 + (hi - from);
      }
    }
    // From the continuous law's answer (within ~10^(−3)) one evaluation usually settles the size.
    const guess = useMiss && prep.hasLast ? continuousMissStart(prep, logMinusGoal, prep.lastLogT) : undefined;
    const fromGuess = guess !== undefined && guess > lo && guess < (Number.isNaN(hi) ? Infinity : hi);
    if (fromGuess) knownAt = NaN;
    const start = fromGuess ? guess : !Number.isNaN(knownAt) ? knownAt : prep.hasLast ? prep.lastLogT : undefined;
    const logT = newton(prep, useMiss ? MISS : HIT, useMiss ? logMinusGoal : goal, lo, hi, start, knownAt);
    if (stoppedEarly) {
      entries = Math.min(predictedEntries, prep.flows);
      // The next solve starts from the evaluated point (exact sums), not from the prediction.
      remember(prep, Math.log(sums[0]), evaluatedAt, sums[2] / Math.exp(evaluatedAt));
    } else {
      const d = near(prep, logT);
      entries = Math.min(sums[0] + d * sums[1], prep.flows);
      // The next solve (the advised size, or its neighbour) starts from here.
      remember(prep, Math.log(entries), logT, (sums[2] + d * sums[3]) / Math.exp(evaluatedAt));
    }
  }
  if (entries > MAX_FLOW_TABLE) return entries <= MAX_FLOW_TABLE * (1 + 1e-9) && reaches(prep, MAX_FLOW_TABLE, target, churnMissShare) ? MAX_FLOW_TABLE : undefined;
  let size = roundFlowTableSize(entries);
  // Rounding can put the exact answer a hair on either side of a power of two: check there only.
  if (size / 2 >= MIN_FLOW_TABLE && size / 2 >= entries * (1 - 1e-9) && reaches(prep, size / 2, target, churnMissShare)) size /= 2;
  else if (entries >= size * (1 - 1e-9) && !reaches(prep, size, target, churnMissShare)) size = size < MAX_FLOW_TABLE ? size * 2 : NaN;
  return Number.isNaN(size) ? undefined : size;
}

/** Whether the mix's hit rate at `entries`, less the churn's misses, reaches the target (a function, not a closure per call). */
function reaches(prep: Prepared, entries: number, target: number, churnMissShare: number): boolean {
  return hitAt(prep, entries) * (1 - churnMissShare) >= target;
}
