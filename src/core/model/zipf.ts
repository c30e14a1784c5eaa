// Zipf popularity helpers: generalised harmonic numbers, sums of smooth functions of the
// rank over long rank ranges (Euler–Maclaurin), and an O(1)-memory Zipf sampler.
// Everything here must cost the same for 10^4 and 10^8 flows.

/**
 * Ranks up to this are summed term by term; beyond it sums are taken by Euler–Maclaurin.
 * 256 already keeps hit rates within ~1e-12 of the exact sums (test/unit/flowcache.test.ts).
 */
export const EXACT_RANKS = 256;

const EULER_GAMMA = 0.5772156649015329;

/** Σ_{k=1}^{n} k^(−s), the normalising constant of a Zipf(s) law over n ranks (s = 0: n). */
export function harmonicNumber(n: number, s: number): number {
  if (n <= 0) return 0;
  if (s === 0) return n;
  const head = Math.min(n, EXACT_RANKS);
  // Summed from the smallest term up so that the big early terms do not swallow the rest.
  let sum = 0;
  for (let k = head; k >= 1; k--) sum += Math.pow(k, -s);
  if (n === head) return sum;
  // Euler–Maclaurin for Σ_{k=a}^{n} k^(−s) with a = head + 1; the remainder after the
  // f''' term is O(a^(−s−5)), far below double precision for a > 256.
  const a = head + 1;
  const f = (x: number) => Math.pow(x, -s);
  const d1 = (x: number) => -s * Math.pow(x, -s - 1);
  const d3 = (x: number) => -s * (s + 1) * (s + 2) * Math.pow(x, -s - 3);
  return sum + powerIntegral(a, n, s) + (f(a) + f(n)) / 2 + (d1(n) - d1(a)) / 12 - (d3(n) - d3(a)) / 720;
}

/** ∫_a^b x^(−s) dx, stable for s near 1 (expm1 instead of a difference of powers). */
function powerIntegral(a: number, b: number, s: number): number {
  const logRatio = Math.log(b / a);
  const oneMinusS = 1 - s;
  if (oneMinusS === 0) return logRatio;
  return Math.pow(a, oneMinusS) * Math.expm1(oneMinusS * logRatio) / oneMinusS;
}

/** ln n + γ + 1/(2n) − 1/(12n²): the textbook asymptotic of H(n, 1), kept for tests. */
export function harmonicAsymptotic(n: number): number {
  return Math.log(n) + EULER_GAMMA + 1 / (2 * n) - 1 / (12 * n * n);
}

// Gauss–Legendre nodes and weights on [−1, 1], computed once by Newton on P_m.
const GAUSS_ORDER = 12;
const gauss = gaussLegendre(GAUSS_ORDER);

function gaussLegendre(m: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(m);
  const weights = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let x = Math.cos(Math.PI * (i + 0.75) / (m + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let j = 2; j <= m; j++) {
        const p2 = ((2 * j - 1) * x * p1 - (j - 1) * p0) / j;
        p0 = p1;
        p1 = p2;
      }
      dp = m * (x * p1 - p0) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}

/** Width, in ln k, of one quadrature segment; zipf exponent s stretches the integrand by s. */
const SEGMENT_LOG_WIDTH = 1;

/**
 * Σ_{k=a}^{b} F(k) over integer ranks, for F smooth on the scale of one rank (true for
 * F(k) = φ(c·k^(−s)) once k > a few hundred): ∫_a^b F + (F(a) + F(b))/2 + (F'(b) − F'(a))/12.
 * The integral is taken in u = ln k by Gauss–Legendre on segments of fixed log width, so
 * the cost grows with ln(b/a), not with b − a.
 */
export function smoothRankSum(a: number, b: number, s: number, F: (k: number) => number): number {
  if (b < a) return 0;
  if (b - a < 64) {
    let direct = 0;
    for (let k = a; k <= b; k++) direct += F(k);
    return direct;
  }
  const lnA = Math.log(a);
  const span = Math.log(b) - lnA;
  const segments = Math.max(1, Math.ceil(span * Math.max(1, s) / SEGMENT_LOG_WIDTH));
  const half = span / segments / 2;
  let integral = 0;
  for (let seg = 0; seg < segments; seg++) {
    const mid = lnA + (2 * seg + 1) * half;
    let part = 0;
    for (let i = 0; i < GAUSS_ORDER; i++) {
      const k = Math.exp(mid + half * gauss.nodes[i]);
      part += gauss.weights[i] * F(k) * k;
    }
    integral += part * half;
  }
  // F' by central differences of half a rank: the error, F'''/24, is negligible here.
  const slope = (x: number) => F(x + 0.5) - F(x - 0.5);
  return integral + (F(a) + F(b)) / 2 + (slope(b) - slope(a)) / 12;
}

/**
 * Draws ranks 1..n with P(k) ∝ k^(−s) in O(1) time and memory by rejection-inversion
 * (Hörmann & Derflinger 1996, as in Apache Commons RNG), so 10^8 flows need no table.
 */
export class ZipfSampler {
  private readonly hIntegralX1: number;
  private readonly hIntegralN: number;
  private readonly squeeze: number;

  constructor(private readonly n: number, private readonly s: number) {
    this.hIntegralX1 = this.hIntegral(1.5) - 1;
    this.hIntegralN = this.hIntegral(n + 0.5);
    this.squeeze = 2 - this.hIntegralInverse(this.hIntegral(2.5) - this.h(2));
  }

  /** A rank in 1..n, given a source of uniform numbers in [0, 1). */
  sample(uniform: () => number): number {
    for (;;) {
      const u = this.hIntegralN + uniform() * (this.hIntegralX1 - this.hIntegralN);
      const x = this.hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > this.n) k = this.n;
      if (k - x <= this.squeeze || u >= this.hIntegral(k + 0.5) - this.h(k)) return k;
    }
  }

  /** H(x) = ∫_1^x t^(−s) dt = (x^(1−s) − 1)/(1 − s), written to stay exact near s = 1. */
  private hIntegral(x: number): number {
    const logX = Math.log(x);
    return expm1OverX((1 - this.s) * logX) * logX;
  }

  private h(x: number): number {
    return Math.exp(-this.s * Math.log(x));
  }

  private hIntegralInverse(x: number): number {
    let t = x * (1 - this.s);
    if (t < -1) t = -1; // guards rounding at the lower end of the support
    return Math.exp(log1pOverX(t) * x);
  }
}

function expm1OverX(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x / 2 * (1 + x / 3);
}

function log1pOverX(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x / 3);
}
