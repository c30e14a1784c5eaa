// Dotted numeric versions as drivers, firmware and releases write them: "1.14.2.0",
// "1.14.2.0-1OEM", "4.40", "vcf-9.0". The generated readiness validators call compareVersions
// for the `minVersion` keyword (scripts/gen-validators.mjs), so keep this file dependency-free.

/**
 * The numbers of a version: an optional word prefix ("vcf-", "v"), then dot-separated
 * integers; whatever follows (a build suffix such as "-1OEM") is ignored. undefined when the
 * text does not start like a version.
 */
export function versionNumbers(text: string): number[] | undefined {
  const m = /^\s*(?:[A-Za-z]+-?)?(\d+(?:\.\d+)*)/.exec(text);
  return m ? m[1].split('.').map(Number) : undefined;
}

/**
 * Negative, zero or positive as `a` is older than, equal to or newer than `b`, component by
 * component (1.14 is newer than 1.9; a missing component counts as 0, so 4.4 equals 4.4.0).
 * undefined when either is not a version.
 */
export function compareVersions(a: unknown, b: unknown): number | undefined {
  if (typeof a !== 'string' || typeof b !== 'string') return undefined;
  const x = versionNumbers(a);
  const y = versionNumbers(b);
  if (!x || !y) return undefined;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
