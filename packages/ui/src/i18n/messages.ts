/**
 * The shape every translation must have: the English resources are the
 * reference, and each other language gives a string (or a list of strings)
 * for exactly the same keys. A missing or extra key is a type error, so no
 * language can fall behind without `typecheck` saying so.
 */
export type Messages<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends readonly string[]
      ? readonly string[]
      : T[K] extends readonly (infer E)[]
        ? readonly Messages<E>[]
        : Messages<T[K]>;
};
