/**
 * Iteration order of a CPython 2.7 dict (64-bit build, no hash randomisation) whose string keys
 * were inserted in a given order and never deleted. MeetBot 0.1.4 listed "People Present" in this
 * order before sorting by line count (a stable sort), so ties come out in it.
 *
 * The model: `PyDict_SetItem` on a table that starts with 8 slots; open addressing with the probe
 * `i = 5*i + perturb + 1; perturb >>= 5` (first slot `hash & mask`); after inserting a new key,
 * when `fill*3 >= (mask+1)*2` the table is resized to the smallest power of two (≥ 8) greater than
 * `4*used`, re-inserting the live entries in the old table's slot order. Iteration walks the slots.
 */

export type Py2KeyType =
  /** `unicode` keys (hash over code points). MeetBot 0.1.4 decoded nicks to `unicode`. */
  | "unicode"
  /** `str` keys holding the UTF-8 bytes (hash over bytes). */
  | "str";

/**
 * CPython 2.7 `string_hash` / `unicode_hash` (identical algorithm; `str` hashes bytes, `unicode`
 * hashes code points), as an unsigned 64-bit value.
 */
export function py2StringHash(key: string, type: Py2KeyType = "unicode"): bigint {
  const { lo, hi } = hashSlot(key, type);
  return (BigInt(hi) << 32n) | BigInt(lo);
}

interface Slot {
  readonly key: string;
  /** Low and high 32 bits of the unsigned 64-bit hash. */
  readonly lo: number;
  readonly hi: number;
}

const TWO_32 = 0x1_0000_0000;

/**
 * The hash, computed in two unsigned 32-bit halves rather than with BigInt (which allocates at
 * every step; minutes hash every attendee's nick): `x = (x * 1000003) mod 2^64 ^ unit`, starting
 * from `first_unit << 7`, finally `^ length`. Exact: `lo * 1000003` stays below
 * 2^53, so its carry into the high half is exact, and `Math.imul` keeps the high half modulo 2^32.
 */
function hashSlot(key: string, type: Py2KeyType): Slot {
  const units = type === "str" ? new TextEncoder().encode(key) : codePoints(key);
  const first = units[0];
  if (first === undefined) return { key, lo: 0, hi: 0 };
  let lo = first * 128; // first < 2^21: fits in the low half
  let hi = 0;
  for (const u of units) {
    const p = lo * 1000003;
    hi = (Math.imul(hi, 1000003) + Math.floor(p / TWO_32)) >>> 0;
    lo = ((p >>> 0) ^ u) >>> 0;
  }
  lo = (lo ^ units.length) >>> 0;
  // -1 is reserved for errors in CPython.
  if (lo === 0xffffffff && hi === 0xffffffff) lo = 0xfffffffe;
  return { key, lo, hi };
}

function codePoints(key: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < key.length; i++) {
    const c = key.codePointAt(i) ?? 0;
    out.push(c);
    if (c > 0xffff) i++;
  }
  return out;
}

/** Insert into `table` (no key present, no dummies) by CPython's probe sequence. */
function insertClean(table: (Slot | undefined)[], slot: Slot): void {
  const mask = table.length - 1;
  // Only the low bits of `i` ever reach the mask, so `i` can be kept modulo 2^32; `perturb` needs
  // all 64 bits because its high bits are shifted down.
  let i = (slot.lo & mask) >>> 0;
  let pLo = slot.lo;
  let pHi = slot.hi;
  while (table[i & mask] !== undefined) {
    i = (Math.imul(i, 5) + pLo + 1) >>> 0;
    pLo = ((pLo >>> 5) | (pHi << 27)) >>> 0;
    pHi = pHi >>> 5;
  }
  table[i & mask] = slot;
}

/** The keys in the order a CPython 2.7 dict filled in this order would iterate them. */
export function py2DictOrder(
  keysInInsertionOrder: readonly string[],
  type: Py2KeyType = "unicode",
): string[] {
  let table: (Slot | undefined)[] = new Array<Slot | undefined>(8).fill(undefined);
  const seen = new Set<string>();
  let used = 0;
  for (const key of keysInInsertionOrder) {
    if (seen.has(key)) continue; // an update: the table does not change
    seen.add(key);
    insertClean(table, hashSlot(key, type));
    used++;
    // Without deletions, fill == used.
    if (used * 3 >= table.length * 2) {
      let size = 8;
      const minUsed = (used > 50000 ? 2 : 4) * used;
      while (size <= minUsed) size *= 2;
      const old = table;
      table = new Array<Slot | undefined>(size).fill(undefined);
      for (const s of old) if (s !== undefined) insertClean(table, s);
    }
  }
  const out: string[] = [];
  for (const s of table) if (s !== undefined) out.push(s.key);
  return out;
}
