// A minimal glob for quoted patterns (node 20 has no fs.glob): `**` spans folders, `*` and `?`
// stay within one name, `[abc]`/`[!a-z]` are character classes. Paths use forward slashes.

export function isGlob(arg: string): boolean {
  return /[*?[]/.test(arg);
}

/** The leading folders of a pattern that hold no wildcard: where to start walking. */
export function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const firstMagic = segments.findIndex(isGlob);
  const base = segments.slice(0, firstMagic < 0 ? segments.length : firstMagic).join('/');
  return base === '' && pattern.startsWith('/') ? '/' : base;
}

/** A regex matching whole slash-separated paths against the pattern. */
export function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*' && (i === 0 || pattern[i - 1] === '/')) {
      const ends = i + 2 === pattern.length;
      if (ends) {
        re += '.*';
        i += 1;
      } else if (pattern[i + 2] === '/') {
        // `**/` matches zero or more whole folders.
        re += '(?:[^/]*/)*';
        i += 2;
      } else {
        re += '[^/]*';
        i += 1;
      }
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      re += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else {
      re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

/** Whether the pattern can match below its base's direct children (so the walk must recurse). */
export function globDepth(pattern: string): number {
  if (pattern.includes('**')) return Infinity;
  const base = globBase(pattern);
  const rest = base === '' ? pattern : pattern.slice(base.length).replace(/^\//, '');
  return rest.split('/').length;
}
