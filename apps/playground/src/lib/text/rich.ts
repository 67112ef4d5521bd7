/**
 * The small markup of lesson texts: `$...$` is inline maths, `$$...$$` a
 * formula on its own line (both LaTeX, typeset by Temml as MathML, which the
 * browser draws natively and which needs no inline styles under the strict
 * CSP), `**...**` is emphasis, `` `...` `` is a control's name. Everything else
 * is plain text (Svelte escapes it).
 */
import temml from 'temml';

export type RichPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'strong'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'math'; readonly mathml: string; readonly display: boolean; readonly tex: string };

const cache = new Map<string, string>();

/** MathML for a LaTeX formula (cached); a formula Temml cannot read is shown as its source. */
export function mathml(tex: string): string {
  let out = cache.get(tex);
  if (out === undefined) {
    // Display formulas are wrapped by the caller: Temml's displayMode writes a style attribute.
    out = withoutStyles(temml.renderToString(tex, { displayMode: false, throwOnError: false, annotate: true }));
    cache.set(tex, out);
  }
  return out;
}

/**
 * Temml writes a few inline styles (`math-depth:0` to keep an accent full
 * size), which the page's CSP (`style-src 'self'`) refuses. The same effect as
 * a MathML attribute: `scriptlevel` sets math-depth. Any other style is
 * dropped, so no formula can trip the policy.
 */
export function withoutStyles(markup: string): string {
  return markup
    .replace(/ style="math-depth:\s*(-?\d+);?"/g, ' scriptlevel="$1"')
    .replace(/ style="[^"]*"/g, '');
}

const TOKEN = /\$\$([^$]+)\$\$|\$([^$]+)\$|\*\*([^*]+)\*\*|`([^`]+)`/g;

/** Splits one paragraph of lesson markup into parts. */
export function parseRich(source: string): RichPart[] {
  const parts: RichPart[] = [];
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    const index = match.index;
    if (index > last) parts.push({ kind: 'text', text: source.slice(last, index) });
    const [, display, inline, strong, code] = match;
    if (display !== undefined) parts.push({ kind: 'math', mathml: mathml(display.trim()), display: true, tex: display.trim() });
    else if (inline !== undefined) parts.push({ kind: 'math', mathml: mathml(inline.trim()), display: false, tex: inline.trim() });
    else if (strong !== undefined) parts.push({ kind: 'strong', text: strong });
    else if (code !== undefined) parts.push({ kind: 'code', text: code });
    last = index + match[0].length;
  }
  if (last < source.length) parts.push({ kind: 'text', text: source.slice(last) });
  return parts;
}
