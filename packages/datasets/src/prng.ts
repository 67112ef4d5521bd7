/**
 * The one seeded pseudo-random number generator of the playground.
 *
 * TensorFlow Playground calls `Math.seedrandom(state.seed)` (David Bau's
 * `seedrandom` library, v2.4) before it generates a data set, and from then on
 * every `Math.random()` it calls (data points, shuffle, initial weights, the
 * next seed) comes from that generator. `Prng` reproduces seedrandom's default
 * generator bit for bit, so the same seed string gives the same points, the
 * same split and the same initial weights as playground.tensorflow.org.
 * (seedrandom v2.4 and v3 share this algorithm; the tests compare against v3.)
 *
 * The algorithm ("ARC4-drop[256]" with 52-bit doubles):
 *
 * 1. Key: seedrandom "mixes" the seed string into a key of at most 256 bytes.
 *    With `smear` starting at 0 and missing key bytes counting as 0, for every
 *    UTF-16 code unit c_j of the seed (j = 0, 1, ...):
 *        smear ^= key[j & 255] * 19
 *        key[j & 255] = 255 & (smear + c_j)
 *    (A seed longer than 256 characters wraps around and mixes into the same
 *    bytes again.) An empty seed gives an empty key, which RC4 treats as [0].
 * 2. RC4 key schedule: S = [0, 1, ..., 255]; j = 0; for i in 0..255:
 *        j = (j + key[i % keylen] + S[i]) & 255; swap(S[i], S[j]).
 * 3. RC4 output: each byte is i = (i + 1) & 255; j = (j + S[i]) & 255;
 *    swap(S[i], S[j]); out = S[(S[i] + S[j]) & 255]. The first 256 bytes are
 *    thrown away (RC4's early bytes are biased).
 * 4. Doubles: a double is the big-endian number n of the next 6 bytes (n < 2^48)
 *    over d = 2^48. While n < 2^52 (too few significant bits, the leading bytes
 *    were small) one more byte x is appended: n = (n + x) * 256, d *= 256,
 *    x = next byte. Then while n >= 2^53, n, d and x are halved (x by an
 *    integer shift) so that n + x has at most 53 significant bits and the
 *    division (n + x) / d is exact — the result is in [0, 1) and never
 *    rounds up to 1. All these steps are exact in IEEE doubles.
 *
 * Seeds: TensorFlow Playground's seed is always a string (`state.seed` comes
 * from the URL hash or from `Math.random().toFixed(5)`, e.g. "0.12345"); the
 * same string gives the same stream here. A number seed is converted with
 * `String(n)` (so 0.5 means the seed "0.5", what the app would read from a
 * URL `seed=0.5`). Note this is not what `seedrandom(0.5)` does: seedrandom
 * flattens a non-string seed as `seed + '\0'`, i.e. "0.5\u0000"; and
 * `String(0.1)` is "0.1", not TF's "0.10000": to reproduce a TF link, pass
 * the seed string exactly as it appears in the link.
 */

const WIDTH = 256; // RC4 works on bytes
const MASK = WIDTH - 1;
const CHUNKS = 6; // bytes that start every double
const START_DENOM = 2 ** 48; // 256^CHUNKS
const SIGNIFICANCE = 2 ** 52; // at least this many significant bits...
const OVERFLOW = 2 ** 53; // ...and fewer than this many

/** Turns a seed into the RC4 key exactly as seedrandom's `mixkey` does. */
function mixKey(seed: string): number[] {
  const key: number[] = [];
  let smear = 0;
  for (let j = 0; j < seed.length; j++) {
    const k = j & MASK;
    smear ^= (key[k] ?? 0) * 19;
    key[k] = MASK & (smear + seed.charCodeAt(j));
  }
  return key;
}

export class Prng {
  /** The seed string this generator was created with. */
  readonly seed: string;
  private readonly s = new Uint8Array(WIDTH);
  private i = 0;
  private j = 0;

  /**
   * @param seed a seed string such as "0.12345" (a number is converted with
   *   `String(seed)`, see the module comment).
   */
  constructor(seed: string | number) {
    this.seed = typeof seed === 'string' ? seed : String(seed);
    let key = mixKey(this.seed);
    if (key.length === 0) key = [0];
    const keyLen = key.length;
    const s = this.s;
    for (let i = 0; i < WIDTH; i++) s[i] = i;
    // RC4 key schedule.
    let j = 0;
    for (let i = 0; i < WIDTH; i++) {
      const t = s[i]!;
      j = MASK & (j + key[i % keyLen]! + t);
      s[i] = s[j]!;
      s[j] = t;
    }
    // RC4-drop[256]: discard the first 256 output bytes (their big-endian
    // value overflows to Infinity and is ignored).
    this.bytes(WIDTH);
  }

  /**
   * The next `count` RC4 output bytes as one big-endian integer (exact for
   * count <= 6, which is all this class asks for).
   */
  private bytes(count: number): number {
    const s = this.s;
    let i = this.i;
    let j = this.j;
    let r = 0;
    for (let c = 0; c < count; c++) {
      i = MASK & (i + 1);
      const t = s[i]!;
      j = MASK & (j + t);
      s[i] = s[j]!;
      s[j] = t;
      r = r * WIDTH + s[MASK & (s[i]! + t)]!;
    }
    this.i = i;
    this.j = j;
    return r;
  }

  /** A double uniformly distributed in [0, 1), identical to `seedrandom(seed)()`. */
  next(): number {
    let n = this.bytes(CHUNKS); // numerator n < 2^48
    let d = START_DENOM; // denominator 2^48
    let x = 0; // no extra last byte yet
    while (n < SIGNIFICANCE) {
      // Too few significant bits: shift in one more byte.
      n = (n + x) * WIDTH;
      d *= WIDTH;
      x = this.bytes(1);
    }
    while (n >= OVERFLOW) {
      // Too many bits for a double: shift everything right (exactly, since
      // n and d are multiples of 2 here) so that n + x does not round.
      n /= 2;
      d /= 2;
      x >>>= 1;
    }
    return (n + x) / d;
  }
}

/** The minimal interface the generators need: a source of doubles in [0, 1). */
export interface RandomSource {
  next(): number;
}

/** A sample of the uniform distribution on [a, b): TF's `randUniform`, `r * (b - a) + a`. */
export function randUniform(rng: RandomSource, a: number, b: number): number {
  return rng.next() * (b - a) + a;
}

/**
 * A sample of the normal distribution N(mean, variance) by the Marsaglia polar
 * method, exactly as TF's `normalRandom`: draw (v1, v2) uniformly in the square
 * [-1, 1)^2 until it falls in the unit disc (s = v1² + v2² <= 1); then
 * v1 * sqrt(-2 ln s / s) is standard normal. (TF keeps only v1's sample and
 * discards the second one, v2 * sqrt(...); so do we, to draw the same numbers.)
 * Note TF's loop accepts s = 0 (it tests `s > 1`), which would give NaN; with
 * 52-bit doubles that has probability ~2^-104 and is kept as in TF.
 */
export function normalRandom(rng: RandomSource, mean = 0, variance = 1): number {
  let v1: number;
  let v2: number;
  let s: number;
  do {
    v1 = 2 * rng.next() - 1;
    v2 = 2 * rng.next() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1);
  const result = Math.sqrt((-2 * Math.log(s)) / s) * v1;
  return mean + Math.sqrt(variance) * result;
}

/**
 * A new seed string the way TF makes one when the user clicks "regenerate":
 * `state.seed = Math.random().toFixed(5)`. In TF, `Math.random` is by then
 * the seeded generator, so pass the current `rng` to continue its stream the
 * same way; without one, `Math.random()` is used. Examples: "0.12345", "0.90000".
 */
export function randomSeed(rng?: RandomSource): string {
  const r = rng ? rng.next() : Math.random();
  return r.toFixed(5);
}
