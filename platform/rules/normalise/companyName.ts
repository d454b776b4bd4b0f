/**
 * The company-name normaliser: two spellings of one company give the same string, so lead
 * conversion can suggest the account and duplicate rules (issue 16) can match on it. It folds
 * full/half width, traditional to simplified characters and case; drops bracketed parts (place
 * names such as （深圳）, "(China)"), leading province and city names, legal-form suffixes
 * (有限公司, 股份有限公司, 集团, Co., Ltd., Inc., LLC…), spaces and punctuation.
 */
import { Converter } from 'opencc-js/t2cn';
import { CITIES, PLACE_SUFFIXES, PROVINCES } from './places';

const toSimplified = Converter({ from: 't', to: 'cn' });

// Longest first, so 股份有限公司 goes before 有限公司 and 公司.
const CHINESE_SUFFIXES = ['股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '股份公司', '集团公司', '集团', '公司', '分公司', '总公司'].sort(
  (a, b) => b.length - a.length,
);
const ENGLISH_SUFFIXES = new Set(['co', 'ltd', 'inc', 'llc', 'limited', 'corp', 'corporation', 'company', 'group', 'gmbh', 'plc', 'incorporated', 'pte', 'sa', 'ag']);
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|〈[^〈〉]*〉|《[^《》]*》/gu;
const PLACES = [...PROVINCES, ...CITIES].sort((a, b) => b.length - a.length);

/**
 * Drop one leading place name when a name of at least two characters remains; a bare place name
 * (no 省/市) needs three, so 北京大学 stays itself while 深圳市华为 becomes 华为.
 */
function dropPlace(s: string): string {
  for (const place of PLACES) {
    if (!s.startsWith(place)) continue;
    let rest = s.slice(place.length);
    const suffix = PLACE_SUFFIXES.find((x) => rest.startsWith(x));
    if (suffix) rest = rest.slice(suffix.length);
    return [...rest].length >= (suffix ? 2 : 3) ? rest : s;
  }
  return s;
}

function dropChineseSuffixes(s: string): string {
  let out = s;
  for (let changed = true; changed;) {
    changed = false;
    for (const suffix of CHINESE_SUFFIXES) {
      if (out.endsWith(suffix) && out.length > suffix.length) {
        out = out.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  return out;
}

/** The normalised form of a company name (empty for a name that is only a legal form or place). */
export function normaliseCompanyName(s: string): string {
  // NFKC folds full-width letters, digits and brackets to their half-width forms.
  let out = toSimplified(s.normalize('NFKC')).toLowerCase();
  // Brackets may nest once or twice; drop innermost first.
  for (let i = 0; i < 3 && BRACKETED.test(out); i++) out = out.replace(BRACKETED, ' ');
  // English legal forms are whole words at the end: "acme co., ltd." → "acme".
  const words = out.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  while (words.length > 1 && ENGLISH_SUFFIXES.has(words[words.length - 1])) words.pop();
  out = dropChineseSuffixes(words.join(''));
  for (let i = 0; i < 2; i++) out = dropPlace(out);
  return dropChineseSuffixes(out);
}
