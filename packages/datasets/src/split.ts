/**
 * TF Playground's shuffle and train/test split.
 */
import type { RandomSource } from './prng.js';

/**
 * Shuffles `array` in place with the Fisher–Yates algorithm exactly as TF's
 * `shuffle` (same random numbers, same swaps): going down from the end,
 *     counter = length
 *     while counter > 0:
 *         index = floor(r * counter)   // 0 <= index < counter
 *         counter -= 1
 *         swap(array[counter], array[index])
 * Every permutation is equally likely. Draws exactly `array.length` numbers.
 */
export function shuffle<T>(array: T[], rng: RandomSource): void {
  let counter = array.length;
  while (counter > 0) {
    const index = Math.floor(rng.next() * counter);
    counter--;
    const temp = array[counter] as T;
    array[counter] = array[index] as T;
    array[index] = temp;
  }
}

/**
 * Splits `points` (already shuffled) into the first `floor(length * trainRatio / 100)`
 * for training and the rest for testing, as TF does (`trainRatio` in percent).
 * Returns new arrays; `points` is not changed.
 */
export function splitTrainTest<T>(points: readonly T[], trainRatio: number): { train: T[]; test: T[] } {
  const splitIndex = Math.floor((points.length * trainRatio) / 100);
  return { train: points.slice(0, splitIndex), test: points.slice(splitIndex) };
}
