import type { Clock } from '../clock/clock';

/** The prefixes of the ids the engine mints: one per kind of record. */
export type IdPrefix =
  | 'cus'
  | 'prod'
  | 'price'
  | 'meter'
  | 'coupon'
  | 'txr'
  | 'sub'
  | 'si'
  | 'pii'
  | 'sch'
  | 'inv'
  | 'il'
  | 'cn'
  | 'cnl'
  | 'pay'
  | 're'
  | 'btx'
  | 'run'
  | 'ntf'
  | 'fee'
  | 'bcr'
  | 'pyo'
  | 'att'
  | 'pmt'
  | 'aud';

/** Mints a new id for a kind of record: `ids('inv')` → `"inv_01KC3…"`. */
export type IdGenerator = (prefix: IdPrefix) => string;

// Crockford base32 (no I, L, O, U): sorts in the same order as the values it encodes.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_BITS = 80n;
const RANDOM_MAX = (1n << RANDOM_BITS) - 1n;

// Base-32 digits as `toString(32)` writes them (0-9, a-v), by value: translated to ALPHABET one for one.
const RADIX_DIGITS = '0123456789abcdefghijklmnopqrstuv';
const TO_ALPHABET = new Map([...RADIX_DIGITS].map((digit, value) => [digit, ALPHABET[value] as string]));

/** `value` (below 32^length) in `length` Crockford base-32 digits, most significant first. */
function encode(value: bigint, length: number): string {
  let text = '';
  for (const digit of value.toString(32).padStart(length, '0')) text += TO_ALPHABET.get(digit) as string;
  return text;
}

function randomBits(): bigint {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

/**
 * Creates an id generator whose ids sort by creation time (lists page by id): `<prefix>_` then a ULID-style
 * body of 26 characters, 48 bits of milliseconds from `clock` and 80 random bits from
 * `globalThis.crypto.getRandomValues`. Within one generator ids strictly increase even when the clock stands
 * still or moves back (a test clock): the time part never goes below the last one and the random part is
 * then incremented, as in monotonic ULIDs.
 * @example
 * ```ts
 * const ids = createIdGenerator(systemClock);
 * ids('cus'); // "cus_01KC3ZQ8M4J5Y6W7X8Z9ABCDEF"
 * ```
 */
export function createIdGenerator(clock: Clock): IdGenerator {
  let lastTime = -1n;
  let lastRandom = 0n;
  // The time part changes at most once a millisecond: encoded once for all the ids minted in it.
  let encodedFor = -1n;
  let encodedTime = '';
  return (prefix) => {
    const time = BigInt(clock.now().getTime());
    if (time > lastTime) {
      lastTime = time;
      lastRandom = randomBits();
    } else if (lastRandom < RANDOM_MAX) {
      lastRandom += 1n;
    } else {
      // 2^80 ids in one millisecond: borrow the next millisecond.
      lastTime += 1n;
      lastRandom = randomBits();
    }
    if (encodedFor !== lastTime) {
      encodedFor = lastTime;
      encodedTime = encode(lastTime, 10);
    }
    return `${prefix}_${encodedTime}${encode(lastRandom, 16)}`;
  };
}
