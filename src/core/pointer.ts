// JSON pointers (RFC 6901) ↔ jsonc-parser nodes and the span to underline.
import { type Node, findNodeAtLocation } from 'jsonc-parser';
import type { Span } from './findings';

export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  // Every finding's pointer is read here (locating, `about`): no regular expression per segment,
  // and segments cut by indexOf (String.prototype.split cost about four times as much).
  const parts: (string | number)[] = [];
  for (let start = 1; ; ) {
    const end = pointer.indexOf('/', start);
    let s = pointer.slice(start, end < 0 ? pointer.length : end);
    if (s.includes('~')) s = s.replace(/~1/g, '/').replace(/~0/g, '~');
    parts.push(isArrayIndex(s) ? Number(s) : s);
    if (end < 0) return parts;
    start = end + 1;
  }
}

/** `0` or digits without a leading zero (what /^(0|[1-9]\d*)$/ matches). */
export function isArrayIndex(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const first = s.charCodeAt(0);
  if (first === 48) return n === 1;
  if (first < 49 || first > 57) return false;
  for (let i = 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function toPointer(segments: readonly (string | number)[]): string {
  let pointer = '';
  for (const s of segments) {
    // Numbers and plain keys (nearly every segment) need no escaping.
    if (typeof s === 'number') pointer += '/' + s;
    else pointer += '/' + (s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s);
  }
  return pointer;
}

/**
 * The span a finding at `pointer` underlines. 'key' underlines the property name; 'value' the
 * value when it is a scalar, or the property name when it is an object or array (underlining a
 * whole block is noise). A pointer to something missing falls back to its nearest ancestor.
 */
export function spanAt(root: Node | undefined, pointer: string, target: 'key' | 'value' = 'value'): Span {
  if (!root) return { offset: 0, length: 0 };
  const segments = pointerSegments(pointer);
  let node: Node | undefined;
  // Array indices in pointers are numbers; a key that looks numeric is tried as a string too.
  for (let n = segments.length; n >= 0 && !node; n--) {
    const prefix = segments.slice(0, n);
    node = findNodeAtLocation(root, prefix) ?? findNodeAtLocation(root, prefix.map(String));
    if (node && n < segments.length) target = 'key';
  }
  node ??= root;
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const key = property?.children?.[0];
  if (key && (target === 'key' || node.type === 'object' || node.type === 'array')) {
    return { offset: key.offset, length: key.length };
  }
  if (node.type === 'object' || node.type === 'array') return { offset: node.offset, length: 1 };
  return { offset: node.offset, length: node.length };
}
