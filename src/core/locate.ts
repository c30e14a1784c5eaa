// Where findings point, without a syntax tree (issue 14): one pass over a JSONC value that
// descends only where a requested pointer leads and skips everything else. Gives the spans
// spanAt(parseTree(text), pointer, target) gives (src/core/pointer.ts), including its fallbacks:
// the first of duplicate keys, numeric segments tried as keys, the nearest existing ancestor.
import type { Span } from './findings';
import { commentEnd, valueEnd } from './fastParse';
import { pointerSegments } from './pointer';

export interface SpanRequest {
  /** JSON pointer relative to the value located. */
  pointer: string;
  /** pointerSegments(pointer), when the caller has them already. */
  segments?: readonly (string | number)[];
  target?: 'key' | 'value';
}

interface Found {
  /** -1 when the value is not a property's (an array element, or the root). */
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
  container: boolean;
}

/**
 * The requested pointers as a tree. Children in parallel arrays, searched linearly (a node has a
 * few; the hosts array's node one per host with a finding, found by the engine's indexOf): no Map
 * per node, and a key in the text is compared where it stands, not sliced out first.
 */
interface Trie {
  keys: string[] | undefined;
  keyed: Trie[] | undefined;
  indexes: number[] | undefined;
  indexed: Trie[] | undefined;
  found: Found | undefined;
}

/** Every node made here, with all its fields: one shape, so the walk's reads of them stay monomorphic. */
function trieNode(): Trie {
  return { keys: undefined, keyed: undefined, indexes: undefined, indexed: undefined, found: undefined };
}

function keyChild(node: Trie, key: string): Trie | undefined {
  const at = node.keys ? node.keys.indexOf(key) : -1;
  return at < 0 ? undefined : node.keyed![at];
}

function indexChild(node: Trie, index: number): Trie | undefined {
  const at = node.indexes ? node.indexes.indexOf(index) : -1;
  return at < 0 ? undefined : node.indexed![at];
}

/**
 * The span of each request within the value that starts at `start` of `text`, a text that
 * parseJsonc read on its fast path (well-formed JSONC, JSON whitespace only).
 */
export function spansIn(text: string, start: number, requests: readonly SpanRequest[], skip?: ReadonlyMap<number, number>): Span[] {
  // Plain loops and module-level functions, no closure per call: a closure made per call loses its
  // optimized code when the collector finds it unused, and V8 compiled these again and again
  // (a dozen times over the jobs bench's 200 files).
  const paths = new Array<readonly (string | number)[]>(requests.length);
  for (let i = 0; i < requests.length; i++) paths[i] = requests[i].segments ?? pointerSegments(requests[i].pointer);
  // spanAt tries a pointer's numeric segments as keys too (`"model": { "1": … }`), but only where
  // the pointer as written leads nowhere: walk for the pointers as written first, and again with
  // their all-string forms only if one of them is missing (rare: findings point at what exists).
  let root = walked(text, start, paths, false, skip);
  for (const segments of paths) {
    if (hasIndex(segments) && !lookup(root, segments, segments.length, false)) {
      root = walked(text, start, paths, true, skip);
      break;
    }
  }
  const spans = new Array<Span>(requests.length);
  for (let i = 0; i < requests.length; i++) spans[i] = spanOf(root, paths[i], requests[i].target ?? 'value');
  return spans;
}

function hasIndex(segments: readonly (string | number)[]): boolean {
  for (const s of segments) if (typeof s === 'number') return true;
  return false;
}

function walked(text: string, start: number, paths: readonly (readonly (string | number)[])[], asStrings: boolean, skip: ReadonlyMap<number, number> | undefined): Trie {
  const root = trieNode();
  for (const segments of paths) {
    insert(root, segments);
    if (asStrings && hasIndex(segments)) insert(root, segments.map(String));
  }
  const rootContainer = text.charCodeAt(start) === 123 || text.charCodeAt(start) === 91;
  root.found = { keyStart: -1, keyEnd: -1, valueStart: start, valueEnd: -1, container: rootContainer };
  root.found.valueEnd = new Walker(text, skip).walk(start, root);
  return root;
}

function insert(root: Trie, segments: readonly (string | number)[]): void {
  let node = root;
  for (const s of segments) {
    let next = typeof s === 'number' ? indexChild(node, s) : keyChild(node, s);
    if (!next) {
      next = trieNode();
      if (typeof s === 'number') {
        node.indexes = appended(node.indexes, s);
        node.indexed = appended(node.indexed, next);
      } else {
        node.keys = appended(node.keys, s);
        node.keyed = appended(node.keyed, next);
      }
    }
    node = next;
  }
}

/** `list` with `item` at its end; a new list is a literal of one (most nodes have one child: an empty array's first push reserves 17 slots). */
function appended<T>(list: T[] | undefined, item: T): T[] {
  if (!list) return [item];
  list.push(item);
  return list;
}

function lookup(root: Trie, segments: readonly (string | number)[], n: number, asStrings: boolean): Found | undefined {
  let node: Trie | undefined = root;
  for (let i = 0; i < n && node; i++) {
    const s = segments[i];
    node = typeof s === 'number' && !asStrings ? indexChild(node, s) : keyChild(node, String(s));
  }
  return node?.found;
}

function spanOf(root: Trie, segments: readonly (string | number)[], target: 'key' | 'value'): Span {
  const numeric = hasIndex(segments);
  let found: Found | undefined;
  for (let n = segments.length; n >= 0 && !found; n--) {
    found = lookup(root, segments, n, false) ?? (numeric ? lookup(root, segments, n, true) : undefined);
    if (found && n < segments.length) target = 'key';
  }
  const f = found ?? root.found!;
  if (f.keyStart >= 0 && (target === 'key' || f.container)) return { offset: f.keyStart, length: f.keyEnd - f.keyStart };
  if (f.container) return { offset: f.valueStart, length: 1 };
  return { offset: f.valueStart, length: f.valueEnd - f.valueStart };
}

class Walker {
  /** `skip`: values whose end is known, by start (the hosts): jumped over, not read. */
  constructor(private readonly text: string, private readonly skip: ReadonlyMap<number, number> | undefined) {}

  /** Records what `node`'s children need while reading the value at `pos`; returns its end. */
  walk(pos: number, node: Trie): number {
    const text = this.text;
    const c = text.charCodeAt(pos);
    if (c === 123 /* { */) {
      const keys = node.keys;
      if (!keys) return this.skipValue(pos);
      pos++;
      for (;;) {
        pos = this.skipTrivia(pos);
        const d = text.charCodeAt(pos);
        if (d === 125 /* } */ || pos >= text.length) return pos + 1;
        if (d === 44 /* , */) {
          pos++;
          continue;
        }
        const keyStart = pos;
        // The key's end (as fastParse's stringEnd finds it) and whether it has an escape.
        let escaped = false;
        let keyEnd = keyStart + 1;
        for (; keyEnd < text.length; keyEnd++) {
          const k = text.charCodeAt(keyEnd);
          if (k === 92 /* \\ */) {
            escaped = true;
            keyEnd++;
          } else if (k === 34 /* " */) break;
        }
        keyEnd = keyEnd < text.length ? keyEnd + 1 : text.length;
        pos = this.skipTrivia(keyEnd) + 1; // the colon
        pos = this.skipTrivia(pos);
        let child: Trie | undefined;
        if (escaped) child = keyChild(node, JSON.parse(text.slice(keyStart, keyEnd)) as string);
        else {
          // The requested key whose text is exactly the raw key's.
          const length = keyEnd - keyStart - 2;
          for (let k = 0; k < keys.length; k++) {
            if (keys[k].length === length && text.startsWith(keys[k], keyStart + 1)) {
              child = node.keyed![k];
              break;
            }
          }
        }
        if (child && !child.found) {
          const v = text.charCodeAt(pos);
          const found: Found = { keyStart, keyEnd, valueStart: pos, valueEnd: -1, container: v === 123 || v === 91 };
          child.found = found;
          pos = this.walk(pos, child);
          found.valueEnd = pos;
        } else {
          pos = this.skipValue(pos);
        }
      }
    }
    if (c === 91 /* [ */) {
      if (!node.indexes) return this.skipValue(pos);
      pos++;
      let index = 0;
      for (;;) {
        pos = this.skipTrivia(pos);
        const d = text.charCodeAt(pos);
        if (d === 93 /* ] */ || pos >= text.length) return pos + 1;
        if (d === 44) {
          pos++;
          continue;
        }
        const child = indexChild(node, index++);
        if (child) {
          const found: Found = { keyStart: -1, keyEnd: -1, valueStart: pos, valueEnd: -1, container: d === 123 || d === 91 };
          child.found = found;
          pos = this.walk(pos, child);
          found.valueEnd = pos;
        } else {
          pos = this.skipValue(pos);
        }
      }
    }
    return this.skipValue(pos);
  }

  private skipTrivia(pos: number): number {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else if (c === 47 /* / */) pos = commentEnd(text, pos);
      else return pos;
    }
  }

  /** One past the value at `pos`. */
  private skipValue(pos: number): number {
    const known = this.skip?.get(pos);
    return known !== undefined ? known : valueEnd(this.text, pos);
  }
}
