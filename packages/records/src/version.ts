/**
 * The product's version, written into every record and hand-in file. A run
 * trains again bit for bit only under the same version (and engine): a
 * release that changes the core, the reference engine or the data
 * generators may change digits, so records name the version they came from.
 * The root package.json carries the same number (a test checks).
 */
export const PRODUCT_VERSION = '0.2.0';
