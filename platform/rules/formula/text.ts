/**
 * Text semantics shared with Postgres: ordering by code point (COLLATE "C") and simple, per-character
 * Unicode case mapping, as lower()/upper() do under the database's builtin C.UTF-8 locale.
 */

/** Compare by Unicode code point (UTF-16 order differs above U+FFFF). */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i)! - b.codePointAt(i)!;
  }
  return a.length - b.length;
}

/** One code point's lower case; where the full mapping has several (İ -> i̇), the simple one is its first. */
export function lowerText(s: string): string {
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += [...l].length === 1 ? l : String.fromCodePoint(l.codePointAt(0)!);
  }
  return out;
}

/**
 * One code point's upper case. Where the full mapping has several code points (ß -> SS) there is no
 * simple mapping and the character stays, except Greek letters with ypogegrammeni, whose simple
 * upper case is the letter with prosgegrammeni (ᾳ -> ᾼ).
 */
export function upperText(s: string): string {
  let out = '';
  for (const ch of s) {
    const u = ch.toUpperCase();
    const cp = ch.codePointAt(0)!;
    if ([...u].length === 1) out += u;
    else if ((cp >= 0x1f80 && cp <= 0x1f87) || (cp >= 0x1f90 && cp <= 0x1f97) || (cp >= 0x1fa0 && cp <= 0x1fa7)) out += String.fromCodePoint(cp + 8);
    else if (cp === 0x1fb3 || cp === 0x1fc3 || cp === 0x1ff3) out += String.fromCodePoint(cp + 9);
    else out += ch;
  }
  return out;
}

/** Characters, as Postgres length() counts them (code points). */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
