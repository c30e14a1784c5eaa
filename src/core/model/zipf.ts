// Zipf popularity over a vNIC's flows and its RSS partition: the flows of rank k (1-based)
// go to queue (k − 1) mod q, so a queue holds the strided ranks j+1, j+1+q, j+1+2q, …
// Sums over such a strided set take its first ranks one by one and the rest by the
// Euler–Maclaurin formula for shifted sums (Bernoulli polynomials at j/q), so 10^8 flows
// cost what 10^4 do, and queues of one vNIC merge exactly (their Bernoulli terms add up).

/**
 * Rows (ranks per queue) summed term by term before Euler–Maclaurin takes over: its terms
 * shrink like (s/rows)^r, so steeper laws keep more rows…
 */
export function headRows(s: number): number {
  return Math.max(8, Math.ceil(3 * s));
}
/**
 * …and at least this many ranks in all (a whole vNIC is one queue of stride 1). 16 keeps every
 * accuracy test (hit rates within 1e-8 of the brute-force sum, power sums within 1e-9) and costs
 * half the head terms of the 32 used before (a 16-vNIC solve ≈ 0.7× the time); 8 misses them.
 */
const MIN_HEAD_RANKS = 16;
/** Euler–Maclaurin terms kept: derivatives up to order EM_ORDER − 1 at each end. */
export const EM_ORDER = 6;

/** Signed Stirling numbers of the first kind: k(k−1)…(k−r+1) = Σ_i STIRLING1[r][i]·k^i. */
export const STIRLING1: readonly (readonly number[])[] = (() => {
  const rows: number[][] = [[1]];
  for (let r = 1; r < EM_ORDER; r++) {
    const prev = rows[r - 1];
    const row = new Array<number>(r + 1).fill(0);
    for (let i = 1; i <= r; i++) row[i] = prev[i - 1] - (r - 1) * (prev[i] ?? 0);
    rows.push(row);
  }
  return rows;
})();

/** B_r(θ) for r = 1..EM_ORDER (Bernoulli polynomials, B_1(θ) = θ − 1/2), into `to` (EM_ORDER = 6 of them). */
function bernoulliInto(t: number, to: Float64Array): Float64Array {
  const t2 = t * t, t3 = t2 * t, t4 = t3 * t, t5 = t4 * t, t6 = t5 * t;
  to[0] = t - 1 / 2;
  to[1] = t2 - t + 1 / 6;
  to[2] = t3 - 1.5 * t2 + 0.5 * t;
  to[3] = t4 - 2 * t3 + t2 - 1 / 30;
  to[4] = t5 - 2.5 * t4 + (5 / 3) * t3 - t / 6;
  to[5] = t6 - 3 * t5 + 2.5 * t4 - 0.5 * t2 + 1 / 42;
  return to;
}
const bernoulliScratch = new Float64Array(EM_ORDER);

/**
 * Euler–Maclaurin coefficients for the ranks A + j + m·q (m = 0..M−1) of every queue j, counted
 * mult[at + j] times: Σ_j mult_j Σ_m F(A + j + mq) = (Σmult/q)·∫_A^{A+Mq} F
 * + Σ_{r=1}^{EM_ORDER} coef[r−1]·(F^(r−1)(A+Mq) − F^(r−1)(A)), with coef[r−1] = Σ_j mult_j B_r(j/q)/r!·q^(r−1).
 * Into `coef` (a scratch array of EM_ORDER: it is cleared first), which it returns.
 */
export function eulerMaclaurinCoefficients(mult: Float64Array, q: number, at: number, coef: Float64Array): Float64Array {
  coef.fill(0);
  for (let j = 0; j < q; j++) {
    const w = mult[at + j];
    if (!w) continue;
    const b = bernoulliInto(j / q, bernoulliScratch);
    for (let r = 0; r < EM_ORDER; r++) coef[r] += w * b[r];
  }
  let factor = 1;
  for (let r = 0; r < EM_ORDER; r++) {
    factor *= (r + 1) / (r === 0 ? 1 : q); // r! / q^(r−1) built up term by term
    coef[r] /= factor;
  }
  return coef;
}

/** The ranks of queue j of q among n flows: j+1, j+1+q, … ≤ n. */
export function queueFlowCount(n: number, q: number, j: number): number {
  return j < n ? Math.floor((n - 1 - j) / q) + 1 : 0;
}

/** (e^(zL) − 1)/z, stable for z near 0 (= L at z = 0): ∫_0^L e^(zu) du. One function for every such integral (the flow-cache solver's too), so its rare branches share their type feedback. */
export function expm1Over(z: number, L: number): number {
  const zl = z * L;
  if (zl === 0) return L;
  return Math.abs(zl) < 1e-5 ? L * (1 + zl / 2 * (1 + zl / 3)) : Math.expm1(zl) / z;
}

/**
 * Where a strided rank set splits into head (summed one by one), tail rows and foot: the first
 * tail rank A (≡ 1 mod q); the tail covers the full rows A … E − 1, E = A + rows·q ≤ n + 1.
 */
export function firstTailRank(q: number, s: number): number {
  return 1 + Math.max(headRows(s), Math.ceil(MIN_HEAD_RANKS / q)) * q;
}

/**
 * k^(−s) for the head ranks k < POWER_TABLE, per exponent: every vNIC law with that exponent
 * sums the same head ranks (a design has many flow counts but few exponents). Bounded.
 */
const POWER_TABLE = 4096;
const powerTables = new Map<number, number[]>();

/** The exponent's table of k^(−s), holding at least k < min(upTo + 1, POWER_TABLE) (index k). */
export function rankPowers(s: number, upTo: number): number[] {
  let table = powerTables.get(s);
  if (!table) {
    if (powerTables.size >= 256) forgetAll(powerTables);
    powerTables.set(s, (table = [0]));
  }
  const last = Math.min(upTo, POWER_TABLE - 1);
  while (table.length <= last) table.push(Math.pow(table.length, -s));
  return table;
}

/** What the strided sums of every queue of one (n, s, q) share: the layout and its powers. */
interface StridedShared {
  A: number;
  rows: number;
  E: number;
  /** ∫_A^E k^(−s) dk. */
  integral: number;
  /** A^(−s), E^(−s). */
  fa: number;
  fe: number;
  powers: number[];
}

function stridedShared(n: number, s: number, q: number, into?: StridedShared): StridedShared {
  const A = firstTailRank(q, s);
  const rows = n >= A ? Math.floor((n - A + 1) / q) : 0;
  const E = A + rows * q;
  const integral = rows > 0 ? Math.pow(A, 1 - s) * expm1Over(1 - s, Math.log(E / A)) : 0;
  const fa = Math.pow(A, -s), fe = Math.pow(E, -s), powers = rankPowers(s, A - 1);
  if (!into) return { A, rows, E, integral, fa, fe, powers };
  into.A = A; into.rows = rows; into.E = E; into.integral = integral; into.fa = fa; into.fe = fe; into.powers = powers;
  return into;
}

/** queueSums' layout, filled anew per law (an object per law was a tenth of the memo's allocation). */
const sharedScratch: StridedShared = { A: NaN, rows: NaN, E: NaN, integral: NaN, fa: NaN, fe: NaN, powers: [] };

/** Σ k^(−s) over the ranks of queue j (of q) among n flows. */
export function stridedPowerSum(n: number, s: number, q: number, j: number, shared?: StridedShared): number {
  if (s === 0) return queueFlowCount(n, q, j);
  const layout = shared ?? stridedShared(n, s, q);
  const { A, rows, E, integral, powers } = layout;
  let sum = 0;
  // Foot (beyond the tail rows) and head, smallest terms first.
  for (let k = E + j; k <= n; k += q) sum += Math.pow(k, -s);
  if (rows > 0) {
    const b = bernoulliInto(j / q, bernoulliScratch);
    let tail = integral / q;
    // d^r/dk^r k^(−s) = (−s)(−s−1)…(−s−r+1)·k^(−s−r)
    let fa = layout.fa, fe = layout.fe;
    let factor = 1;
    for (let r = 0; r < EM_ORDER; r++) {
      factor *= (r + 1) / (r === 0 ? 1 : q); // r!/q^(r−1), as in eulerMaclaurinCoefficients
      tail += (b[r] / factor) * (fe - fa);
      fa *= (-s - r) / A;
      fe *= (-s - r) / E;
    }
    sum += tail;
  }
  const last = Math.min(n, A - 1);
  for (let m = last > j ? Math.floor((last - 1 - j) / q) : -1; m >= 0; m--) {
    const k = j + 1 + m * q;
    sum += k < powers.length ? powers[k] : Math.pow(k, -s);
  }
  return sum;
}

/** Σ_{k=1}^{n} k^(−s), the normalising constant of a Zipf(s) law over n ranks (s = 0: n). */
export function harmonicNumber(n: number, s: number): number {
  if (n <= 0) return 0;
  return stridedPowerSum(n, s, 1, 0);
}

/** Laws of more queues than this are not memoised. */
const MAX_MEMO_QUEUES = 256;

/**
 * A vNIC law's queue sums and shares. A class, not an object literal: a literal's allocation site
 * lets V8 decide later to allocate it in the old generation (memo entries live long), and that
 * decision throws away the optimised code of every function that allocates there.
 */
export class QueueSums {
  constructor(
    /** The law: n flows, Zipf s, q queues. */
    readonly n: number,
    readonly s: number,
    readonly q: number,
    /** Σ k^(−s) over each queue's ranks. */
    readonly sums: number[],
    /** Each queue's share of the packets (see rssShares). */
    readonly shares: number[],
  ) {}
}

/**
 * A plain array of n zeros with packed-double elements (the solver's Φ₀ tables, the laws'
 * queue sums): slice() of a packed-double array of zeros copies in one allocation, where
 * new Array(n).fill(0) makes a small-integer array that the first double store copies again, push
 * grows it by copies, and a Float64Array of a few entries costs about four times the bytes.
 */
const ZEROS = Array.from({ length: 1024 }, () => 0.5).fill(0); // 0.5 first: packed doubles, not small integers
export function zeros(n: number): number[] {
  return n <= ZEROS.length ? ZEROS.slice(0, n) : new Array<number>(n).fill(0);
}

/** Memo by Zipf exponent, then n·(MAX_MEMO_QUEUES + 1) + q (numbers: no key string per lookup). */
const sumsCache = new Map<number, Map<number, QueueSums>>();
let sumsCount = 0;

/** Forgets the memoised normalisers and power tables (for a cold benchmark). */
export function clearZipfCache(): void {
  forgetAll(powerTables);
  for (const byS of sumsCache.values()) forgetAll(byS);
  forgetAll(sumsCache);
  sumsCount = 0;
}

/**
 * Empties a long-lived memo entry by entry. Map.clear() leaves the old hash table holding every
 * entry until the next full collection, and these memos live in the old generation: the entries
 * made during the last analysis, still young, were then kept alive and copied by the next
 * analysis' scavenges (≈ 1.6 MB more copied per cold realistic analysis, session 8).
 */
export function forgetAll(memo: Map<number, unknown>): void {
  for (const key of memo.keys()) memo.delete(key);
}

/**
 * Σ k^(−s) over each queue's ranks and each queue's share of the total, memoised per vNIC law (do
 * not modify the result). The model keeps each vNIC's law on its load and hands it to the solver
 * with the vNIC's queues (queueRankSum's `known`), which saves two Map look-ups per queue and lcore.
 */
export function queueSums(n: number, s: number, q: number): QueueSums {
  const key = n * (MAX_MEMO_QUEUES + 1) + q;
  let byS = q > MAX_MEMO_QUEUES ? undefined : sumsCache.get(s);
  const known = byS?.get(key);
  if (known) return known;
  const sums = zeros(q);
  let total = 0;
  const shared = s === 0 ? undefined : stridedShared(n, s, q, sharedScratch);
  for (let j = 0; j < q; j++) total += sums[j] = stridedPowerSum(n, s, q, j, shared);
  const shares = zeros(q);
  if (total > 0) for (let j = 0; j < q; j++) shares[j] = sums[j] / total;
  const entry = new QueueSums(n, s, q, sums, shares);
  if (q > MAX_MEMO_QUEUES) return entry;
  // Designs repeat the same vNIC traffic many times; a bounded memo keeps big files cheap.
  if (sumsCount >= 16384) {
    for (const known of sumsCache.values()) forgetAll(known);
    forgetAll(sumsCache);
    sumsCount = 0;
    byS = undefined;
  }
  if (!byS) sumsCache.set(s, (byS = new Map<number, QueueSums>()));
  byS.set(key, entry);
  sumsCount++;
  return entry;
}

/** Σ k^(−s) over the ranks of queue j of q: from `known` when it is this law's sums, else from the memo. */
export function queueRankSum(n: number, s: number, q: number, j: number, known?: QueueSums): number {
  const law = known !== undefined && known.n === n && known.s === s && known.q === q ? known : queueSums(n, s, q);
  return law.sums[j];
}

/**
 * Each queue's share of a vNIC's packets under RSS (rank k → queue (k−1) mod q, Zipf s over n
 * flows): the popularity of its ranks. Sums to 1; queue 0 is the heaviest when s > 0, and a
 * queue without flows (j ≥ n) has share 0. Memoised: do not modify the result.
 */
export function rssShares(n: number, s: number, q: number): readonly number[] {
  return queueSums(n, s, q).shares;
}
