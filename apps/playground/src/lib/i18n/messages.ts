/**
 * The shape every translation must have: the English resources are the
 * reference, and each other language gives a string (or a list of strings)
 * for exactly the same keys (see @nn/ui).
 */
export type { Messages } from '@nn/ui/messages';
