// @ts-check
// ---------------------------------------------------------------------------
// Swedish analysis in the browser, term for term the analysis the index was
// built with: bleve/v2 v2.6.1's "sv" analyzer, that is
//
//   1. the "unicode" tokenizer: github.com/blevesearch/segment v0.9.1, UAX #29
//      word segmentation over the Unicode 8.0 word-break properties, keeping
//      the segments of letters, numbers, katakana, hangul, han and hiragana;
//   2. "to_lower": unicode.ToLower on every character (Go's tables, Unicode
//      15.0), a final Σ of a token becoming ς;
//   3. "stop_sv": the Swedish stop words (Snowball's list);
//   4. "stemmer_sv_snowball": the Snowball Swedish stemmer of
//      github.com/blevesearch/snowballstem v0.9.0.
//
// Intl.Segmenter is not used: its word boundaries (ICU's rules, a newer
// Unicode, dictionaries for Chinese, Japanese and Thai, CLDR tailorings) are
// not segment's. Some 40,000 characters segment differently, Latin ones too
// (a lone "_", "¸", U+202F between digits, full-width digits), so this file
// carries segment's rules and its character classes instead, generated
// from segment's own Ragel sources (about 5 kB).
//
// Everything works as bleve does on UTF-8 bytes, its quirks included:
// lower-casing a character whose lower case is shorter in UTF-8 (İ, K
// (Kelvin), Å (Ångström), Ω (Ohm), ẞ, some rare Latin letters) leaves later
// unchanged bytes where they were, so bleve stores a garbled term, and the
// stemmer then works on those bytes. Both are reproduced; where bytes are
// not valid UTF-8 a string here holds U+FFFD per byte, as Go's encoding/json
// writes them.
//
// Known differences, none in Swedish text: lower-casing calls the runtime's
// toLowerCase per character (equal to Go's for every character in Node 20,
// which implements Unicode 15.0 like Go; a browser with an older Unicode
// could differ for characters whose case mapping came later); a lone
// surrogate in a JavaScript string, which Go never sees, is a non-word
// character.
//
// The API (the module's exports; search/browser bundles it with engine.js
// into the engine kb publishes):
//
//   tokenize(text)  word tokens {word, start, end}: word lower-cased as
//                   bleve does, start and end UTF-16 offsets into text
//   isStop(word)    whether bleve's Swedish stop filter drops word
//   stem(word)      the Snowball Swedish stem of a lower-cased word
//   fold(word)      å ä → a, ö → o, other diacritics of Latin letters
//                   dropped, æ → ae, ø → o, ß → ss…; the same function as
//                   Fold in generator/internal/spelling
//   analyze(text)   tokenize without stop words, with stems:
//                   {word, stem, start, end}
//   stopWords()     the stop words, sorted
//
// generator/internal/search/browser/analysis_test.go checks all of it against bleve
// over every distinct word of the site and of a synthetic corpus, and the
// tokenizer over every assigned Unicode character in several contexts.
// ---------------------------------------------------------------------------

// BEGIN GENERATED word-break classes (go test ./generator/internal/search/browser -run TestJSGenerated -update-analysis)
// segment v0.9.1's character classes (ragel/uwb.rl, ragel/uscript.rl: Unicode 8.0).
const ALetter = 1 << 0;
const Hebrew_Letter = 1 << 1;
const Numeric = 1 << 2;
const Katakana = 1 << 3;
const ExtendNumLet = 1 << 4;
const Extend = 1 << 5;
const Format = 1 << 6;
const MidLetter = 1 << 7;
const MidNum = 1 << 8;
const MidNumLet = 1 << 9;
const Single_Quote = 1 << 10;
const Double_Quote = 1 << 11;
const Regional_Indicator = 1 << 12;
const CR = 1 << 13;
const LF = 1 << 14;
const Newline = 1 << 15;
const Hangul = 1 << 16;
const Han = 1 << 17;
const Hiragana = 1 << 18;
// The class masks that occur, and CLASSES: for each run of characters
// with the same classes, its distance from the previous run's start in
// base 36, then a letter: A for PALETTE[0], B for PALETTE[1]…
const PALETTE = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 65537, 65568, 131072, 131073, 262144];
const CLASSES =
  "aP1Q2O1AkM1A4L1A4J1A1K1A1DaI1J1A5BqA4F1A1BqAaQ1A10B1A2H1A7B1A1I1A2B1A5BnA1BvA1BcqA4BcA5I" +
  "1A8B5A7B1A1B1AhG34B5A1B2A2B4J1B1A6B1I1B3A1B1A1BkA1B2bA1B3vA1G7B4mA1B12A2B1A7B13A1J1A7G19" +
  "A1G1A1G2A1G2A1G1A8CrA5C3B1I1AbH6A6J2A2GbA1H1A3B17GlDaA1D1J1A1B2G1B2rA1B1G7H1A1G6B2G2A1G4" +
  "B2DaB3A2B1AfH1B1G1BuGrA2B2hGbB1AeDaBxG9B2A2J1A1B1A5BmG4B1G9B1G3B1G5AiBpG3A1wBlA1aGxB1iG3" +
  "B1GiB1G7BaG2A2DaA1BgG3A1B8A2B2A2BmA1B7A1B1A3B4A2G1B1G7A2G2A2G3B1A8G1A4B2A1B3G2A2DaB2AfG3" +
  "A1B6A4B2A2BmA1B7A1B2A1B2A1B2A2G1A1G5A4G2A2G3A3G1A7B4A1B1A7DaG2B3G1AbG3A1B9A1B3A1BmA1B7A1" +
  "B2A1B5A2G1B1G8A1G3A1G3A2B1AfB2G2A2DaA9B1A7G3A1B8A2B2A2BmA1B7A1B2A1B5A2G1B1G7A2G2A2G3A8G2" +
  "A4B2A1B3G2A2DaA1B1AgG1B1A1B6A3B3A1B4A3B2A1B1A1B2A3B2A3B3A3BcA4G5A3G3A1G4A2B1A6G1AeDaAgG4" +
  "A1B8A1B3A1BnA1BgA3B1G7A1G3A1G4A7G2A1B3A5B2G2A2DaAhG3A1B8A1B3A1BnA1BaA1B5A2G1B1G7A1G3A1G4" +
  "A7G2A7B1A1B2G2A2DaA1B2AeG3A1B8A1B3A1B15A2B1G7A1G3A1G4B1A8G1A7B3G2A2DaAaB6A2G2A1BiA3BoA1B" +
  "9A1B1A2B7A3G1A4G6A1G1A1G8A6DaA2G2A1pG1A2G7AcG8A1DaA2fG1A2G6A1G2AbG6A2DaA12B1AnG2A6DaAbG1" +
  "A1G1A1G1A4G2B8A1B10A4GkA1G2B5GbA1G10A9G1A2sGkA1DaAcG4A4G3A1G3A2G7A3G4AdGcA1G1DaG4A2B12A1" +
  "B1A5B1A2B17A1B4S74B21A1B4A2B7A1B1A1B4A2B15A1B4A2BxA1B4A2B7A1B1A1B4A2BfA1B1lA1B4A2B1vA2G3" +
  "AwBgAgB2eA2B6A3Bh8A2BhA1BqA5B23A3BbA7BdA1B4G3AbBiG3AbBiG2AcBdA1B3A1G2A1sGwA9G1A2DaAxG3H1" +
  "A1DaA6B2gA8B15G1B1A5B1yAaBvA1GcA4GcAaDaA3kDaA12BnG5A1lGaA1GtA2G1DaA6DaAmGfA1tG5B1bGhB7A4" +
  "DaAhG9AcG3BuGdB2DaB18GeAcB10GkA8DaA3B3DaB10A2aG3A1GlB4G1B4G3B2A1G2A6B5cG1iA6G4B7qA2B6A2B" +
  "12A2B6A2B8A1B1A1B1A1B1A1BvA2B1hA1B7A1B1A3B3A1B7A3B4A2B6A4BdA5B3A1B7AfG2H2A8K2AaK1A2I1Q2H" +
  "5AgF2A3J1AfF1AbH5A1HaA1B1AdB1AgBdA1fGxAhB1A4B1A2BaA1B1A3B5A6B1A1B1A1B1A1B4A1BbA2B4A5B5A4" +
  "B1AhB15AmlB1gA1eeB1bA1B1bA1B3pA6B4G3B2AcB12A1B1A5B1A2B1kA7B1AfG1BnA9B7A1B7A1B7A1B7A1B7A1" +
  "B7A1B7A1B7A1GwA1bB1A28UqA1U2hAcU5yA1bV1A1U1ApU9G4T2A1E5A2U3V1B1A4W2eA2G2E2W3E2jA1E4A5B15" +
  "A3S2mAhBrA1hEgRvA1tRvA29E1bA1E2gA4oU52uA22Ug5yA16BwdA1vB1aA2B7hA3BgDaB2AkB1bG4A1GaA1BvG2" +
  "B28G2A11B9A2B2vA2BzA2B8A1rBbG1B3G1B4G1BnG5AoB1gAcG2B1eGhAbDaA6GiB6A3B1A1B1A2DaBsG8A2BnGd" +
  "AcStA3G4B1bGeAeB1DaAbG1AaDaA6B15GeA9B3G1B8G2A2DaAxG3A1eG1A1G3A2G2A5G2A1G1AuBbG5A2B3G2AaB" +
  "6A2B6A2B6A9B7A1B7A1B17A1BaAaB37G8A1G2A2DaA6S8mcAcSnA4S1dA6isUa6A2U2yA12B7AcB5A5C1G1CaA1C" +
  "dA1C5A1C1A1C2A1C2A1CaB2qAxBa3AiB1sA2B1iA14BcA4GgJ1A2I1J1AbGgA3F2AoF3J1A1K1A1J1I1AqB5A1B3" +
  "rA2H1A7K1A4J1A1K1AbI1J1A5BqA4F1A1BqAbE1kG2SvA3S6A2S6A2S6A2S3AsH3A4BcA1BqA1BjA1B2A1BfA2Be" +
  "AyB3fA1xB1hA3sG1A3mBtA3B1dAfG1AvBwAgBrA5B12G5A5BuA2B10A4B8A1B5A16B4eA2DaA2eB14A8B1gA4cB8" +
  "nA9BmAaB8A48B6A2B1A1B18A1B2A3B1A2BnAaBnA9BvA1tBjA1B2AaBmAaBqA1yB1kA6B2A1sB1G3A1G2A5G4B4A" +
  "1B3A1BrA4G3A4G1AwBtA3BtAzB8A1BsG2ApB1iAaBmAaBjAdBiA32B21A1jB1fAdB1fAlpG3B1hGfAvDaAfG4B19" +
  "GbA2H1AiBpA7DaA6G3B10GeA1DaAgBzG1A2B1A9G3B1cGeB4A5G3A3DaB1A1B1AzBiA1BpGcA20B7A1B1A1B4A1B" +
  "fA1BaA7B1bGcA5DaA6G4A1B8A2B2A2BmA1B7A1B2A1B5A2G1B1G7A2G2A2G3A2B1A6G1A5B5G2A2G7A3G5A7fB1c" +
  "GkB2A1B1A8DaA4mB1bG7A2G9AnB4G2AyB1cGhA3B1AbDaA12B17GdA8DaA2bGfA4DaA9yB1sDaAlB1AcgB1lAzrB" +
  "pmA2uB33AhB5gA24cBtrA34hBg7A6ntBftA7BvA1DaA2uBuA2G5AbB1cG7A9B4AcDaA9BlA5BjAogB1xAbB1G1aA" +
  "gG4BdAcpsE1W1A2daB2zA5BdA3B9A7BaA3G2A1H4A43lG5A3G6H8G8A2G7AuG4A44G3AcbB2dA1B1zA1B2A2B1A2" +
  "B2A2B4A1BcA1B1A1B7A1B1tA1B4A2B8A1B7A1BsA1B4A1B5A1B1A3B7A1B9gA2BpA1BpA1BvA1BpA1BvA1BpA1Bv" +
  "A1BpA1BvA1BpA1B8A2D1eAe8G1jA4G1eA8G1AeG1AmG5A1GfA2moB5hAbG7A10pB4A1BrA1B2A1B1A2B1A1BaA1B" +
  "4A1B1A1B1A6B1A4B1A1B1A1B1A1B3A1B2A1B1A2B1A1B1A1B1A1B1A1B1A1B2A1B1A2B4A1B7A1B4A1B4A1B1A1B" +
  "aA1BhA5B3A1B5A1BhAhgBqA6BqA6BqA2kNqW1A2rjUwyfA15U379AbU66A2U4g2A866Uf2AfherH1AuH2oA3kG6o" +
  "A";
// END GENERATED word-break classes

// BEGIN GENERATED stop words
// bleve's stop_sv (analysis/lang/sv/stop_words_sv.go), sorted, one space apart.
const STOP_WORDS =
  "alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig " +
  "din dina ditt du där då efter ej eller en er era ert ett från för ha hade han hans " +
  "har henne hennes hon honom hur här i icke ingen inom inte jag ju kan kunde man med " +
  "mellan men mig min mina mitt mot mycket ni nu när någon något några och om oss på " +
  "samma sedan sig sin sina sitta själv skulle som så sådan sådana sådant till under " +
  "upp ut utan vad var vara varför varit varje vars vart vem vi vid vilka vilkas vilken " +
  "vilket vår våra vårt än är åt över";
// END GENERATED stop words

// ---- character classes ----------------------------------------------------

// OTHER marks the one-byte characters segment's catch-all rule starts
// with: every ASCII character but LF, VT, FF and CR.
const OTHER = 1 << 30;

const starts = [];
const masks = [];
{
  let cp = 0;
  let num = 0;
  for (let i = 0; i < CLASSES.length; i++) {
    const c = CLASSES.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      cp += num;
      starts.push(cp);
      masks.push(PALETTE[c - 65]);
      num = 0;
    } else {
      num = num * 36 + (c <= 57 ? c - 48 : c - 87);
    }
  }
}

// run returns the index of the run of characters that holds cp, or -1.
function run(cp) {
  let lo = 0;
  let hi = starts.length - 1;
  if (hi < 0 || cp < starts[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= cp) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// The automaton's alphabet: the distinct masks, numbered as first seen.
const alphabet = new Map();
const alphabetMasks = [];
function letter(mask) {
  let i = alphabet.get(mask);
  if (i === undefined) {
    i = alphabetMasks.length;
    alphabetMasks.push(mask);
    alphabet.set(mask, i);
  }
  return i;
}
const NONE = letter(0);
const runLetter = masks.map(letter);
const latin1 = new Int32Array(256);
for (let cp = 0; cp < 256; cp++) {
  const i = run(cp);
  const other = cp < 0x80 && (cp < 0x0a || cp > 0x0d) ? OTHER : 0;
  latin1[cp] = letter((i < 0 ? 0 : masks[i]) | other);
}
function letterOf(cp) {
  if (cp < 256) return latin1[cp];
  const i = run(cp);
  return i < 0 ? NONE : runLetter[i];
}

// ---- segment's scanner -------------------------------------------------------
//
// segment_words.rl as a Thompson automaton, run as a lazily built DFA
// with the Ragel scanner's rule: the longest match wins, the earlier
// pattern on a tie. The word patterns come first; a match of theirs is a
// token. The others (Other, newlines, extenders on their own, regional
// indicators) are skipped.

const eps = [];
const edges = [];
const accept = [];
function node() {
  eps.push([]);
  edges.push([]);
  accept.push(0);
  return eps.length - 1;
}
function ch(mask) {
  const s = node();
  const e = node();
  edges[s].push(mask, e);
  return { s, e };
}
function seq(...fs) {
  for (let i = 0; i + 1 < fs.length; i++) eps[fs[i].e].push(fs[i + 1].s);
  return { s: fs[0].s, e: fs[fs.length - 1].e };
}
function alt(...fs) {
  const s = node();
  const e = node();
  for (const f of fs) {
    eps[s].push(f.s);
    eps[f.e].push(e);
  }
  return { s, e };
}
function star(f) {
  const s = node();
  const e = node();
  eps[s].push(f.s, e);
  eps[f.e].push(f.s, e);
  return { s, e };
}
function plus(f) {
  const s = node();
  const e = node();
  eps[s].push(f.s);
  eps[f.e].push(f.s, e);
  return { s, e };
}

// X ( Extend | Format )*, WB4.
const ex = (mask) => seq(ch(mask), star(ch(Extend | Format)));
const HangulEx = () => ex(Hangul);
const HebrewOrALetterEx = () => ex(Hebrew_Letter | ALetter);
const NumericEx = () => ex(Numeric);
const KatakanaEx = () => ex(Katakana);
const MidLetterEx = () => ex(MidLetter | MidNumLet | Single_Quote);
const MidNumericEx = () => ex(MidNum | MidNumLet | Single_Quote);
const ExtendNumLetEx = () => ex(ExtendNumLet);
const HanEx = () => ex(Han);
const HiraganaEx = () => ex(Hiragana);
const SingleQuoteEx = () => ex(Single_Quote);
const DoubleQuoteEx = () => ex(Double_Quote);
const HebrewLetterEx = () => ex(Hebrew_Letter);
const RegionalIndicatorEx = () => ex(Regional_Indicator);

const katakanaRun = () => seq(KatakanaEx(), star(seq(star(ExtendNumLetEx()), KatakanaEx())));
const numberRun = () => seq(NumericEx(), star(seq(alt(star(ExtendNumLetEx()), MidNumericEx()), NumericEx())));
const letterRun = () => seq(HebrewOrALetterEx(), star(seq(alt(star(ExtendNumLetEx()), MidLetterEx()), HebrewOrALetterEx())));
const hebrewQuote = () => seq(HebrewLetterEx(), alt(SingleQuoteEx(), seq(DoubleQuoteEx(), HebrewLetterEx())));

const WordNumeric = () =>
  seq(star(ExtendNumLetEx()), NumericEx(), star(seq(alt(star(ExtendNumLetEx()), MidNumericEx()), NumericEx())), star(ExtendNumLetEx()));
const WordHangul = () => plus(HangulEx());
const WordKatakana = () => plus(KatakanaEx());
// "Marty deviated here to allow for (ExtendNumLetEx x ExtendNumLetEx) part of 13a"
const Word = () =>
  seq(
    star(ExtendNumLetEx()),
    alt(katakanaRun(), plus(alt(hebrewQuote(), numberRun(), letterRun(), ExtendNumLetEx()))),
    star(seq(plus(ExtendNumLetEx()), alt(katakanaRun(), plus(alt(hebrewQuote(), numberRun(), letterRun()))))),
    star(ExtendNumLetEx()),
  );
const WordHan = () => HanEx();
const WordHiragana = () => HiraganaEx();
const WordRegional = () => plus(RegionalIndicatorEx());
const WordCRLF = () => seq(ch(CR), ch(LF));
const WordExt = () => star(ch(Extend | Format));
// Other is one byte: for a character of several bytes it matches less
// than the character, which the scanner below accounts for.
const OtherEx = () => ex(OTHER);

const TOKEN = 1;
const SKIP = 2;
const start = node();
/** @type {Array<[() => {s: number, e: number}, number]>} */
const patterns = [
  [WordNumeric, TOKEN], [WordHangul, TOKEN], [WordKatakana, TOKEN], [Word, TOKEN],
  [WordHan, TOKEN], [WordHiragana, TOKEN],
  [WordRegional, SKIP], [WordCRLF, SKIP], [() => ch(CR), SKIP], [() => ch(LF), SKIP],
  [() => ch(Newline), SKIP], [WordExt, SKIP], [OtherEx, SKIP],
];
for (const [pattern, kind] of patterns) {
  const f = pattern();
  eps[start].push(f.s);
  accept[f.e] |= kind;
}

const states = new Map();
function state(seeds) {
  const seen = new Set();
  const stack = [...seeds];
  while (stack.length) {
    const n = stack.pop();
    if (seen.has(n)) continue;
    seen.add(n);
    for (const m of eps[n]) stack.push(m);
  }
  const set = [...seen].sort((a, b) => a - b);
  const key = set.join(",");
  let st = states.get(key);
  if (!st) {
    let acc = 0;
    for (const n of set) acc |= accept[n];
    st = { set, acc, next: [], dead: set.length === 0 };
    states.set(key, st);
  }
  return st;
}
const START = state([start]);
function step(st, l) {
  let nx = st.next[l];
  if (nx === undefined) {
    const mask = alphabetMasks[l];
    const seeds = [];
    for (const n of st.set) {
      const es = edges[n];
      for (let k = 0; k < es.length; k += 2) if (es[k] & mask) seeds.push(es[k + 1]);
    }
    nx = state(seeds);
    st.next[l] = nx;
  }
  return nx;
}

// ---- lower-casing, on UTF-8 bytes like bleve's to_lower ----------------------

const RUNE_ERROR = 0xfffd;
const runeLen = (r) => (r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4);

// encode returns the UTF-8 bytes of s (a lone surrogate as U+FFFD).
function encode(s) {
  const b = [];
  for (let i = 0; i < s.length; i++) {
    let r = s.charCodeAt(i);
    if (r < 0x80) {
      b.push(r);
      continue;
    }
    if (r >= 0xd800 && r <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        r = 0x10000 + ((r - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (r >= 0xd800 && r <= 0xdfff) r = RUNE_ERROR;
    encodeRune(b, b.length, r);
  }
  return b;
}

// decodeRune is Go's utf8.DecodeRune: [rune, size], [U+FFFD, 1] for a
// byte that does not start a valid encoding.
function decodeRune(b, i) {
  const n = b.length - i;
  if (n < 1) return [RUNE_ERROR, 0];
  const b0 = b[i];
  if (b0 < 0x80) return [b0, 1];
  let size;
  let r;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    size = 2;
    r = b0 & 0x1f;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    size = 3;
    r = b0 & 0x0f;
    if (b0 === 0xe0) lo = 0xa0;
    else if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    size = 4;
    r = b0 & 0x07;
    if (b0 === 0xf0) lo = 0x90;
    else if (b0 === 0xf4) hi = 0x8f;
  } else {
    return [RUNE_ERROR, 1];
  }
  if (n < size) return [RUNE_ERROR, 1];
  for (let k = 1; k < size; k++) {
    const c = b[i + k];
    if (c < lo || c > hi) return [RUNE_ERROR, 1];
    lo = 0x80;
    hi = 0xbf;
    r = (r << 6) | (c & 0x3f);
  }
  return [r, size];
}

// encodeRune writes r's UTF-8 encoding at b[j].
function encodeRune(b, j, r) {
  if (r < 0x80) {
    b[j] = r;
  } else if (r < 0x800) {
    b[j] = 0xc0 | (r >> 6);
    b[j + 1] = 0x80 | (r & 0x3f);
  } else if (r < 0x10000) {
    b[j] = 0xe0 | (r >> 12);
    b[j + 1] = 0x80 | ((r >> 6) & 0x3f);
    b[j + 2] = 0x80 | (r & 0x3f);
  } else {
    b[j] = 0xf0 | (r >> 18);
    b[j + 1] = 0x80 | ((r >> 12) & 0x3f);
    b[j + 2] = 0x80 | ((r >> 6) & 0x3f);
    b[j + 3] = 0x80 | (r & 0x3f);
  }
}

// bytesToString is string(b) as encoding/json writes it: U+FFFD for
// every byte that is not part of a valid encoding.
function bytesToString(b) {
  let s = "";
  for (let i = 0; i < b.length; ) {
    const [r, size] = decodeRune(b, i);
    s += String.fromCodePoint(r);
    i += size;
  }
  return s;
}

// ---- lower-casing, as bleve's to_lower -----------------------------------

// lowerRune is Go's unicode.ToLower.
const lowers = new Map();
function lowerRune(r) {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  let l = lowers.get(r);
  if (l === undefined) {
    if (r === 0x130) {
      l = 0x69; // İ: toLowerCase gives i and U+0307, Go i
    } else if (r >= 0xd800 && r <= 0xdfff) {
      l = r;
    } else {
      const s = String.fromCodePoint(r).toLowerCase();
      l = s.codePointAt(0);
      if (s.length !== (l > 0xffff ? 2 : 1)) l = r;
    }
    lowers.set(r, l);
  }
  return l;
}

// lower returns bleve's lower-case form of the token s, as [word, null],
// or as [word, bytes] when bleve garbles it: its bytes are then not
// word's encoding.
function lower(s) {
  const n = s.length;
  let i = 0;
  while (i < n && s.charCodeAt(i) < 0x80) i++;
  if (i === n) return [s.toLowerCase(), null];
  let out = "";
  let from = 0; // the start of the characters not yet in out
  for (i = 0; i < n; ) {
    const r = s.codePointAt(i);
    const w = r > 0xffff ? 2 : 1;
    let l = lowerRune(r);
    if (l !== r) {
      if (runeLen(l) !== runeLen(r)) return lowerBytes(encode(s));
      if (l === 0x3c3 && i + w === n) l = 0x3c2; // a final Σ
      out += s.slice(from, i) + String.fromCodePoint(l);
      from = i + w;
    }
    i += w;
  }
  return [out + s.slice(from), null];
}

// lowerBytes is toLowerDeferredCopy of bleve's analysis/token/lowercase,
// in place on the bytes b of a token where some character's lower case
// is longer or shorter than the character in UTF-8. A character whose
// lower case is as long or shorter is written at the write position, an
// unchanged one is not copied (so after a shorter one the bytes end up
// garbled), the first longer one hands the rest to bytes.ToLower, and Σ
// as the last character becomes ς.
function lowerBytes(b) {
  const n = b.length;
  let i = 0;
  let j = 0;
  while (i < n) {
    let r = b[i];
    let wid = 1;
    if (r >= 0x80) [r, wid] = decodeRune(b, i);
    let l = lowerRune(r);
    if (l === r) {
      i += wid;
      j += wid;
      continue;
    }
    if (l === 0x3c3 && i + 2 === n) l = 0x3c2;
    const lwid = runeLen(l);
    if (lwid > wid) {
      const rest = [];
      for (let k = i; k < n; ) {
        const [c, size] = decodeRune(b, k);
        const lc = lowerRune(c);
        encodeRune(rest, rest.length, lc);
        k += size;
      }
      b = b.slice(0, j).concat(rest);
      return [bytesToString(b), b];
    }
    encodeRune(b, j, l);
    i += wid;
    j += lwid;
  }
  b.length = j;
  return [bytesToString(b), b];
}

// ---- tokenizer -------------------------------------------------------------

// scan calls fn(start, end, raw) for every token of text.
function scan(text, fn) {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let st = START;
    let j = i;
    let lastToken = -1;
    let lastSkip = st.acc & SKIP ? i : -1;
    while (j < n) {
      const cp = text.codePointAt(j);
      st = step(st, letterOf(cp));
      if (st.dead) break;
      j += cp > 0xffff ? 2 : 1;
      if (st.acc & TOKEN) lastToken = j;
      if (st.acc & SKIP) lastSkip = j;
    }
    if (lastToken > i && lastToken >= lastSkip) {
      fn(i, lastToken, text.slice(i, lastToken));
      i = lastToken;
    } else {
      // A skipped match, or at least the character: Other matches one
      // byte, and segment extends a skipped match to whole characters.
      const w = text.codePointAt(i) > 0xffff ? 2 : 1;
      i = Math.max(lastSkip, i + w);
    }
  }
}

/**
 * tokenize splits text into bleve's word tokens, lower-cased as bleve
 * does, with their UTF-16 offsets into text.
 * @param {string} text
 * @returns {Array<{word: string, start: number, end: number}>}
 */
export function tokenize(text) {
  const out = [];
  scan(text, (start, end, raw) => out.push({ word: lower(raw)[0], start, end }));
  return out;
}

// ---- stop words ------------------------------------------------------------

const stops = new Set(STOP_WORDS.split(" "));

// ---- Snowball Swedish ------------------------------------------------------
//
// A port of snowballstem/swedish/swedish_stemmer.go and of the runtime it
// calls (snowballstem/env.go), on UTF-8 bytes like the Go code: cursors are
// byte offsets and a character is a run of bytes up to the next one that
// is not a continuation byte.

class Env {
  constructor(b) {
    this.b = b;
    this.cursor = 0;
    this.limit = b.length;
    this.limitBackward = 0;
    this.bra = 0;
    this.ket = b.length;
  }
  boundary(pos) {
    return pos <= 0 || pos >= this.b.length || (this.b[pos] & 0xc0) !== 0x80;
  }
  nextChar() {
    this.cursor++;
    while (!this.boundary(this.cursor)) this.cursor++;
  }
  prevChar() {
    this.cursor--;
    while (!this.boundary(this.cursor)) this.cursor--;
  }
  hop(delta) {
    let res = this.cursor;
    while (delta-- > 0) {
      res++;
      while (res <= this.b.length && !this.boundary(res)) res++;
    }
    return res;
  }
  inGrouping(g, min, max) {
    if (this.cursor >= this.limit) return false;
    let [r] = decodeRune(this.b, this.cursor);
    if (r === RUNE_ERROR) return false;
    if (r > max || r < min) return false;
    r -= min;
    if ((g[r >> 3] & (1 << (r & 7))) === 0) return false;
    this.nextChar();
    return true;
  }
  inGroupingB(g, min, max) {
    if (this.cursor <= this.limitBackward) return false;
    this.prevChar();
    let [r] = decodeRune(this.b, this.cursor);
    if (r === RUNE_ERROR) return false;
    this.nextChar();
    if (r > max || r < min) return false;
    r -= min;
    if ((g[r >> 3] & (1 << (r & 7))) === 0) return false;
    this.prevChar();
    return true;
  }
  outGrouping(g, min, max) {
    if (this.cursor >= this.limit) return false;
    let [r] = decodeRune(this.b, this.cursor);
    if (r === RUNE_ERROR) return false;
    if (r > max || r < min) {
      this.nextChar();
      return true;
    }
    r -= min;
    if ((g[r >> 3] & (1 << (r & 7))) === 0) {
      this.nextChar();
      return true;
    }
    return false;
  }
  replace(bra, ket, s) {
    const adjustment = s.length - (ket - bra);
    const rsplit = ket < bra ? bra : ket;
    this.b = this.b.slice(0, bra).concat(s, this.b.slice(rsplit));
    this.limit += adjustment;
    if (this.cursor >= ket) this.cursor += adjustment;
    else if (this.cursor > bra) this.cursor = bra;
  }
  sliceFrom(s) {
    this.replace(this.bra, this.ket, s);
  }
  findAmongB(v) {
    let i = 0;
    let j = v.length;
    const c = this.cursor;
    const lb = this.limitBackward;
    let commonI = 0;
    let commonJ = 0;
    let firstKeyInspected = false;
    for (;;) {
      const k = i + ((j - i) >> 1);
      let diff = 0;
      let common = commonI < commonJ ? commonI : commonJ;
      const w = v[k].s;
      for (let l = w.length - common - 1; l >= 0; l--) {
        if (c - common === lb) {
          diff = -1;
          break;
        }
        diff = this.b[c - common - 1] - w[l];
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) {
        j = k;
        commonJ = common;
      } else {
        i = k;
        commonI = common;
      }
      if (j - i <= 1) {
        if (i > 0) break;
        if (j === i) break;
        if (firstKeyInspected) break;
        firstKeyInspected = true;
      }
    }
    for (;;) {
      const w = v[i];
      if (commonI >= w.s.length) {
        this.cursor = c - w.s.length;
        return w.b;
      }
      i = w.a;
      if (i < 0) return 0;
    }
  }
}

const among = (list) => list.map(([s, a, b]) => ({ s: encode(s), a, b }));
const A_0 = among([
  ["a", -1, 1], ["arna", 0, 1], ["erna", 0, 1], ["heterna", 2, 1], ["orna", 0, 1],
  ["ad", -1, 1], ["e", -1, 1], ["ade", 6, 1], ["ande", 6, 1], ["arne", 6, 1],
  ["are", 6, 1], ["aste", 6, 1], ["en", -1, 1], ["anden", 12, 1], ["aren", 12, 1],
  ["heten", 12, 1], ["ern", -1, 1], ["ar", -1, 1], ["er", -1, 1], ["heter", 18, 1],
  ["or", -1, 1], ["s", -1, 2], ["as", 21, 1], ["arnas", 22, 1], ["ernas", 22, 1],
  ["ornas", 22, 1], ["es", 21, 1], ["ades", 26, 1], ["andes", 26, 1], ["ens", 21, 1],
  ["arens", 29, 1], ["hetens", 29, 1], ["erns", 21, 1], ["at", -1, 1], ["andet", -1, 1],
  ["het", -1, 1], ["ast", -1, 1],
]);
const A_1 = among([
  ["dd", -1, -1], ["gd", -1, -1], ["nn", -1, -1], ["dt", -1, -1], ["gt", -1, -1],
  ["kt", -1, -1], ["tt", -1, -1],
]);
const A_2 = among([
  ["ig", -1, 1], ["lig", 0, 1], ["els", -1, 1], ["fullt", -1, 3], ["löst", -1, 2],
]);
// a e i o u y ä å ö, from 'a' (97) to 'ö' (246)
const G_v = [17, 65, 16, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 24, 0, 32];
// b c d f g h j k l m n o p r t v y, from 'b' (98) to 'y' (121)
const G_s_ending = [119, 127, 149];
const LOS = encode("lös");
const FULL = encode("full");

// markRegions returns p1, the start of R1: after the first non-vowel
// following a vowel, at least three characters in; the end if there is
// none.
function markRegions(env) {
  let p1 = env.limit;
  const v1 = env.cursor;
  const c = env.hop(3);
  if (c < 0 || c > env.limit) return p1;
  env.cursor = c;
  const x = env.cursor;
  env.cursor = v1;
  for (;;) {
    const v2 = env.cursor;
    if (env.inGrouping(G_v, 97, 246)) {
      env.cursor = v2;
      break;
    }
    env.cursor = v2;
    if (env.cursor >= env.limit) return p1;
    env.nextChar();
  }
  for (;;) {
    if (env.outGrouping(G_v, 97, 246)) break;
    if (env.cursor >= env.limit) return p1;
    env.nextChar();
  }
  p1 = env.cursor;
  if (p1 < x) p1 = x;
  return p1;
}

// inR1 runs fn with the backward limit at p1, as Snowball's setlimit
// tomark p1; it returns false when the cursor is before p1.
function inR1(env, p1, fn) {
  const v1 = env.limit - env.cursor;
  if (env.cursor < p1) return false;
  env.cursor = p1;
  const v2 = env.limitBackward;
  env.limitBackward = env.cursor;
  env.cursor = env.limit - v1;
  return fn(v2);
}

function mainSuffix(env, p1) {
  return inR1(env, p1, (v2) => {
    env.ket = env.cursor;
    const a = env.findAmongB(A_0);
    if (a === 0) {
      env.limitBackward = v2;
      return false;
    }
    env.bra = env.cursor;
    env.limitBackward = v2;
    if (a === 1) {
      env.sliceFrom([]);
    } else if (a === 2) {
      // s after a valid s-ending, which may lie before R1
      if (!env.inGroupingB(G_s_ending, 98, 121)) return false;
      env.sliceFrom([]);
    }
    return true;
  });
}

function consonantPair(env, p1) {
  return inR1(env, p1, (v2) => {
    const v3 = env.limit - env.cursor;
    if (env.findAmongB(A_1) === 0) {
      env.limitBackward = v2;
      return false;
    }
    env.cursor = env.limit - v3;
    env.ket = env.cursor;
    if (env.cursor <= env.limitBackward) {
      env.limitBackward = v2;
      return false;
    }
    env.prevChar();
    env.bra = env.cursor;
    env.sliceFrom([]);
    env.limitBackward = v2;
    return true;
  });
}

function otherSuffix(env, p1) {
  return inR1(env, p1, (v2) => {
    env.ket = env.cursor;
    const a = env.findAmongB(A_2);
    if (a === 0) {
      env.limitBackward = v2;
      return false;
    }
    env.bra = env.cursor;
    if (a === 1) env.sliceFrom([]);
    else if (a === 2) env.sliceFrom(LOS);
    else if (a === 3) env.sliceFrom(FULL);
    env.limitBackward = v2;
    return true;
  });
}

function stemBytes(b) {
  const env = new Env(b);
  const p1 = markRegions(env);
  env.cursor = 0;
  env.limitBackward = env.cursor;
  env.cursor = env.limit;
  let v = env.limit - env.cursor;
  mainSuffix(env, p1);
  env.cursor = env.limit - v;
  v = env.limit - env.cursor;
  consonantPair(env, p1);
  env.cursor = env.limit - v;
  v = env.limit - env.cursor;
  otherSuffix(env, p1);
  return env.b;
}

// ---- endings (generator/internal/search/analysis/endings.go) --------------

const MAX_ROUNDS = 4;
const [E, T, M, O, A, N, L, R] = [..."etmoanlr"].map((c) => c.charCodeAt(0));

/**
 * stemAll is the Snowball stem of b (UTF-8 bytes) with kb's endings
 * (-landet cut to -land before it), after it: stemmed again until nothing changes, and the definite -et, the -n of
 * an a-word or el-word, the -t of an o-word and of an adjective in -l or -r
 * taken off (endings.go says when).
 * @param {number[]} b
 * @returns {number[]}
 */
function stemAll(b) {
  const k0 = b.length;
  let runes = 0;
  for (let i = 0; i < k0; runes++) i += decodeRune(b, i)[1];
  if (runes >= 7 && k0 >= 6 && String.fromCharCode(...b.slice(k0 - 6)) === "landet") b = b.slice(0, k0 - 2);
  b = stemBytes(b);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = stemBytes(b.slice());
    if (next.length !== b.length || next.some((x, i) => x !== b[i])) {
      b = next;
      continue;
    }
    let n = 0; // runes as Go's utf8.RuneCount counts them
    for (let i = 0; i < b.length; n++) i += decodeRune(b, i)[1];
    const k = b.length;
    const ends = (/** @type {number} */ x, /** @type {number} */ y) => k >= 2 && b[k - 2] === x && b[k - 1] === y;
    if (n >= 5 && ends(E, T)) {
      b = b.slice(0, k - 2);
      if (b.length >= 2 && b[b.length - 2] === M && b[b.length - 1] === M) b = b.slice(0, b.length - 1);
    } else if (
      (n >= 5 && ends(O, T)) ||
      (n >= 5 && k >= 3 && b[k - 3] === 0xc3 && b[k - 2] === 0xa9 && b[k - 1] === N) ||
      (n >= 6 && ends(A, N)) ||
      (n >= 6 && k >= 3 && b[k - 3] === E && ends(L, N)) ||
      (n >= 6 && ends(L, T)) ||
      (n >= 7 && ends(R, T))
    ) {
      b = b.slice(0, k - 1);
    } else {
      return b;
    }
  }
  return b;
}

// stemOf is the stem of a word, remembered for the next time.
const stems = new Map();
function stemOf(word) {
  let s = stems.get(word);
  if (s === undefined) {
    s = bytesToString(stemAll(encode(word)));
    if (stems.size >= 20000) stems.clear();
    stems.set(word, s);
  }
  return s;
}

// ---- folding ---------------------------------------------------------------

// Latin letters without a mark to drop, as in generator/internal/slug.
const LETTERS = {
  æ: "ae", Æ: "AE", œ: "oe", Œ: "OE", ø: "o", Ø: "O", ß: "ss", ẞ: "SS",
  đ: "d", Đ: "D", ð: "d", Ð: "D", ł: "l", Ł: "L", þ: "th", Þ: "TH", ı: "i",
};
// The blocks of combining diacritical marks, as foldMark in fold.go.
const MARK = /^[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]$/u;
const LATIN = /^\p{Script=Latin}$/u;

/**
 * fold removes the diacritics of Latin letters: å ä → a, ö → o, é → e,
 * ø → o, æ → ae… (spelling.Fold in Go).
 * @param {string} s
 * @returns {string}
 */
export function fold(s) {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  let out = "";
  let latin = false;
  for (const c of s.normalize("NFD")) {
    if (MARK.test(c)) {
      if (!latin) out += c;
      continue;
    }
    latin = LATIN.test(c);
    out += LETTERS[c] ?? c;
  }
  return out.normalize("NFC");
}

// ---- the API ---------------------------------------------------------------

/**
 * analyze returns the tokens of text that are not stop words, with their
 * stems.
 * @param {string} text
 * @returns {Array<{word: string, stem: string, start: number, end: number}>}
 */
export function analyze(text) {
  const out = [];
  scan(text, (start, end, raw) => {
    const [word, garbled] = lower(raw);
    if (stops.has(word)) return;
    const stem = garbled ? bytesToString(stemAll(garbled)) : stemOf(word);
    out.push({ word, stem, start, end });
  });
  return out;
}

/**
 * isStop reports whether word (lower-cased) is one of bleve's Swedish stop
 * words.
 * @param {string} word
 * @returns {boolean}
 */
export function isStop(word) {
  return stops.has(word);
}

/**
 * stem returns the stem of a lower-cased word as kb's analyzer computes it:
 * bleve's Snowball Swedish stem, then kb's endings.
 * @param {string} word
 * @returns {string}
 */
export function stem(word) {
  return stemOf(word);
}

/**
 * stopWords returns bleve's Swedish stop words, sorted.
 * @returns {string[]}
 */
export function stopWords() {
  return [...stops].sort();
}
