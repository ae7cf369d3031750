// @ts-check
// ---------------------------------------------------------------------------
// The engine: loads the index files a query needs, plans the query like
// Index.Plan in generator/internal/search/index, scores like bleve's BM25
// and disjunction scorers (see that package's documentation), counts
// facets and cuts excerpts. Everything it returns is plain data; nothing
// here touches the DOM. kb bundles this module with analysis.js into the
// asset sok.js (generator/internal/search/browser).
// ---------------------------------------------------------------------------

import { analyze, fold, tokenize } from "./analysis.js";

/**
 * @typedef {{fetch?: (url: string, how?: {fresh?: boolean}) => Promise<any>}} OpenOptions
 *   fetch returns the parsed JSON of a URL, with fresh past every cache;
 *   the default uses the browser's fetch.
 * @typedef {object} SearchOptions
 * @property {Record<string, string[]>} [filters] facet name → keys; a page
 *   must have one of the keys of every facet filtered on
 * @property {number} [limit] results to return (10)
 * @property {number} [offset] results to skip
 * @property {boolean} [facets] false leaves out the facet counts (and,
 *   without filters, the facet table: the largest file a first query loads)
 * @property {boolean} [first] the first results soon: without filters,
 *   facets, offset, exclude or a phrase, the engine may rank from the
 *   first parts of split postings alone: when they prove the first
 *   results, or when the rests they lack hold more than budget postings
 *   and the first parts find limit pages (approximate, below). total is
 *   then a lower bound and complete false. Search again without it (the
 *   files loaded are kept) for the exact total.
 * @property {number} [budget] with first, the postings of rests the engine
 *   may load before the first results when the first parts do not prove
 *   them (FIRST_BUDGET)
 * @property {boolean} [members] with first, for a query of two words or
 *   more: find pages also by the pages common words lack (m<n>), for when
 *   the first parts alone find too few pages with every word (the engine
 *   asks itself)
 * @property {number[]} [exclude] pages to leave out of results (not of
 *   total): those an approximate first page showed, so that the next
 *   pages (offset counted without them) neither repeat nor skip a page
 * @property {Index} [index] the index to search (search only)
 * @typedef {{text: string, mark: boolean}} Part a piece of an excerpt;
 *   mark: it holds a query word
 * @typedef {object} Hit a page found
 * @property {number} page its number in the index
 * @property {string} url relative to the site root
 * @property {string} title
 * @property {string} type fallstudie, initiativ, kommun or sida
 * @property {string} municipality
 * @property {string} year
 * @property {number} score
 * @property {{id: string, title: string} | null} section the section of the excerpt
 * @property {Part[]} excerpt
 * @typedef {{key: string, label: string, count: number, selected: boolean}} FacetValue
 * @typedef {object} Result
 * @property {string} query
 * @property {number} total pages found (at least this many when !complete)
 * @property {boolean} complete total and facets are exact
 * @property {boolean} approximate the results are the first pages by what
 *   the first parts of split postings know of their scores, not
 *   necessarily the first by their exact scores: ask for the next pages
 *   with exclude
 * @property {Hit[]} results those from offset, at most limit
 * @property {Record<string, FacetValue[]>} facets per facet, the values of
 *   the pages found, with counts
 * @property {string[]} suggestions when a word is not in the index: words
 *   that are
 * @typedef {{term: Term, kind: number, own?: boolean}} Candidate
 * @typedef {{terms: Term[], byStem: Map<string, Term>}} Shard
 * @typedef {object} Word a query word, planned
 * @property {number} index
 * @property {string} text
 * @property {string} stem "" for a stop word
 * @property {boolean} prefix
 * @property {Candidate[]} candidates
 * @property {Shard} [shard]
 * @property {number} pos its position in the query, stop words counted
 * @property {boolean} stop a stop word, in a query of nothing else
 * @property {Postings | null} [list] a stop word's postings (field stoppord)
 * @typedef {{words: Word[], phrases: number[][], stop: boolean}} Plan
 *   phrases: the quoted runs of two or more words, as indexes into words;
 *   stop: a query of stop words only, matched by their exact forms
 * @typedef {{docs: Int32Array, qs: Uint8Array}} Postings
 * @typedef {{file: number, counts: number[], plain: number, plainHits: number, sums: number[], sumHits: number[], lacks: number}} Rest
 *   of a split entry: its file r<file>, each list's whole length, the
 *   highest sum (Σ idf² × boost × q/50 over fields 0 to 6, with a form's
 *   exakt for sums) of a page of the rest, alone and times its hits, and
 *   the file m<lacks> of the pages without the stem (-1: none)
 * @typedef {{fields: Postings[], exact: Postings[], rest: Rest | null}} Entry
 *   a term's postings: all of them when rest is null, else the first part * @typedef {Map<number, number[]>} Positions a word's positions by page
 * @typedef {{keys: string[], labels: string[], single: Int32Array | null, multi: number[][] | null}} Facet
 */

// The facets, by their names in the index and in URLs.
/**
 * FORMAT is the version of the index format this engine reads: the
 * manifest's "version", Version in generator/internal/search/index.
 */
const FORMAT = 5;
const FACETS = ["kommun", "lan", "omrade", "status", "ar", "initiativ", "leverantor", "upphandling"];
/** @type {Record<string, boolean>} */
const MULTI = { omrade: true, initiativ: true };
const F_TEXT = 5; // field text, the last of those whose words have positions
const F_PARTS = 6; // field delar
const F_EXACT = 7; // field exakt
const STREAM = [0, 1, 2, 3, 4, 5]; // the fields whose words have positions
// The characters that open and close a phrase (Quotes in plan.go).
const QUOTES = "\"“”„«»";
// The postings of rests a first query loads, at most, before it shows
// results the first parts do not prove (about 8 KB gzip, a posting
// costing about a byte): above it the first results are approximate
// (SearchOptions.first).
const FIRST_BUDGET = 8192;

/** countQuotes counts the quote characters of s. */
function countQuotes(s) {
  let n = 0;
  for (const c of s) if (QUOTES.includes(c)) n++;
  return n;
}

/** shardKey names the word list of a folded word: its first letter, or "_". */
function shardKey(folded) {
  const c = folded.charAt(0);
  return c >= "a" && c <= "z" ? c : "_";
}

/**
 * distance is the optimal string alignment distance of a and b, or max+1
 * above max: spelling.DistanceWithSwaps in Go.
 * @param {string[]} a
 * @param {string[]} b
 * @param {number} max
 * @returns {number}
 */
export function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = new Array(b.length + 1).fill(0);
  let prev = new Array(b.length + 1);
  let cur = new Array(b.length + 1).fill(0);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length] > max ? max + 1 : prev[b.length];
}

/** runes splits a string into code points, as Go's []rune does. */
const runes = (s) => Array.from(s);

const VLQ = new Int8Array(128).fill(-1);
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach((c, i) => (VLQ[c.charCodeAt(0)] = i));

/**
 * decodeDeltas decodes the first docs.length numbers of s, ascending and
 * delta-coded as base-64 VLQ numbers, into docs.
 */
function decodeDeltas(s, docs) {
  let d = 0;
  let v = 0;
  let shift = 0;
  for (let i = 0, k = 0; k < docs.length; i++) {
    const c = VLQ[s.charCodeAt(i)];
    v |= (c & 31) << shift;
    if (c & 32) {
      shift += 5;
      continue;
    }
    d += v;
    docs[k++] = d;
    v = 0;
    shift = 0;
  }
  return docs;
}

/**
 * decodePages decodes a list of pages, ascending and delta-coded as the
 * pages of a postings list, without the q digits (appendLacks in
 * export.go).
 */
function decodePages(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (!(VLQ[s.charCodeAt(i)] & 32)) n++;
  return decodeDeltas(s, new Int32Array(n));
}

/**
 * decode reads a postings string: the pages as delta-coded base-64 VLQ
 * numbers, a space, then each page's q as one base-64 digit
 * (appendPostings in export.go).
 */
function decode(s) {
  const sp = s.indexOf(" ");
  const n = sp < 0 ? 0 : s.length - sp - 1;
  const docs = decodeDeltas(s, new Int32Array(n));
  const qs = new Uint8Array(n);
  for (let k = 0; k < n; k++) qs[k] = VLQ[s.charCodeAt(sp + 1 + k)];
  return { docs, qs };
}

class Term {
  constructor(entry) {
    this.stem = entry[0];
    this.file = entry[1];
    this.excerpts = entry[2];
    this.positions = entry[3];
    this.tails = entry[4];
    this.df = entry[5];
    this.forms = entry.slice(6);
    this.folded = fold(this.stem);
    this.ff = null;
  }

  /** foldedForms are the forms folded, and as code points, made once. */
  foldedForms() {
    if (!this.ff) this.ff = this.forms.map((f) => { const x = fold(f); return { s: x, r: runes(x) }; });
    return this.ff;
  }
}

/**
 * Index is one site's search index. Files are fetched when a query first
 * needs them and kept for the next.
 */
export class Index {
  /**
   * @param {string|URL} manifestURL where sok/manifest.json is
   * @param {OpenOptions} [options]
   */
  constructor(manifestURL, options = {}) {
    this.manifestURL = String(manifestURL);
    this.root = new URL("../", new URL(this.manifestURL, globalThis.location?.href)).href;
    this.fetchJSON = options.fetch || (async (url, how) => {
      const r = await fetch(url, how?.fresh ? { cache: "no-cache" } : undefined);
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.json();
    });
    this.files = new Map();
    this.buffers = []; // score and hit arrays of finished queries, zeroed
    this.shards = new Map();
    this.postingCache = new Map();
    this.positionCache = new Map();
    this.lacksCache = new Map();
  }

  /** get fetches one file of the index folder the manifest names, once. */
  get(name) {
    let p = this.files.get(name);
    if (!p) {
      p = this.manifest().then((m) => this.fetchJSON(new URL(`assets/sok/${m.dir}/${name}.json`, this.root).href));
      this.files.set(name, p);
      p.catch(() => this.files.delete(name));
    }
    return p;
  }

  /** facets returns the decoded facet table. */
  facets() {
    if (!this.f) {
      this.f = this.get("f").then(decodeFacets);
      this.f.catch(() => (this.f = null));
    }
    return this.f;
  }

  /**
   * manifest returns the index's manifest, of the format this engine reads.
   * The engine is a fingerprinted asset, the manifest is not: a cache (the
   * browser's, a CDN's) may still hold the manifest of the site before an
   * update, whose index folder is gone. So a manifest of another format is
   * asked for once more past the caches before the search fails.
   */
  manifest() {
    if (!this.m) {
      this.m = (async () => {
        let m = await this.fetchJSON(this.manifestURL);
        if (m?.version !== FORMAT) m = await this.fetchJSON(this.manifestURL, { fresh: true });
        if (m?.version !== FORMAT) {
          throw new Error(`${this.manifestURL}: an index of format ${m?.version}, where this search script reads format ${FORMAT}: the page and the index come from different builds of the site; reload the page`);
        }
        return m;
      })();
      this.m.catch(() => (this.m = null));
    }
    return this.m;
  }

  /** shard returns the terms of one word list, in index order, and a map by stem. */
  async shard(key) {
    let s = this.shards.get(key);
    if (!s) {
      s = (async () => {
        const m = await this.manifest();
        const terms = m.words.includes(key) ? (await this.get("o-" + key)).map((e) => new Term(e)) : [];
        return { terms, byStem: new Map(terms.map((t) => [t.stem, t])) };
      })();
      this.shards.set(key, s);
    }
    return s;
  }

  /**
   * postings returns a term's decoded entry: with full, all its postings;
   * without, for a split entry, its first part and what bounds the rest.
   * @returns {Promise<Entry>}
   */
  async postings(term, full = true) {
    let p = this.postingCache.get(term.stem);
    if (!p) {
      const raw = (await this.get("p" + term.file))[term.stem];
      const r = raw[F_EXACT + 1];
      p = {
        fields: raw.slice(0, F_EXACT).map(decode),
        exact: raw[F_EXACT].map(decode),
        rest: r ? { file: r[0], counts: r[1], plain: r[2], plainHits: r[3], sums: r[4], sumHits: r[5], lacks: r[6] } : null,
      };
      this.postingCache.set(term.stem, p);
    }
    if (!full || !p.rest) return p;
    const raw = (await this.get("r" + p.rest.file))[term.stem];
    const whole = this.postingCache.get(term.stem);
    if (whole && !whole.rest) return whole; // merged meanwhile
    /** @type {Entry} */
    const merged = {
      fields: p.fields.map((l, f) => mergePostings(l, decode(raw[f]))),
      exact: p.exact.map((l, i) => mergePostings(l, decode(raw[F_EXACT][i]))),
      rest: null,
    };
    this.postingCache.set(term.stem, merged);
    return merged;
  }

  /**
   * lacks returns the pages without a split term (in any of fields 0 to
   * 6), ascending, from its file m<n>.
   * @returns {Promise<Int32Array>}
   */
  async lacks(term, file) {
    let p = this.lacksCache.get(term.stem);
    if (!p) {
      p = this.get("m" + file).then((raw) => decodePages(raw[term.stem]));
      this.lacksCache.set(term.stem, p);
      p.catch(() => this.lacksCache.delete(term.stem));
    }
    return p;
  }

  /**
   * stopPostings returns a stop word's postings (field stoppord), or null
   * when no page has it.
   * @returns {Promise<Postings | null>}
   */
  async stopPostings(m, word) {
    const key = shardKey(fold(word));
    if (!m.stops.includes(key)) return null;
    const raw = (await this.get("e-" + key))[word];
    return raw === undefined ? null : decode(raw);
  }

  /**
   * positions returns a term's word positions by page: without all, the
   * heads only (the first nearPositions of each page with a head) from
   * n<k>; with all, every position of every page, the tails from w<w>
   * (term.positions in the Go package's positions.go).
   * @returns {Promise<Positions>}
   */
  async positions(m, term, all) {
    const key = (all ? "w" : "n") + term.stem;
    let p = this.positionCache.get(key);
    if (!p) {
      p = (async () => {
        /** @type {Positions} */
        const out = new Map();
        if (term.positions < 0) return out;
        const heads = await this.get("n" + term.positions);
        // The pages of the stream: from the postings, all of them, when a
        // phrase needs the tails or the heads do not name their pages.
        let pages = [];
        if (all || heads[term.stem].indexOf(" ") < 0) {
          const post = await this.postings(term, true);
          const set = new Set();
          for (const f of STREAM) for (const d of post.fields[f].docs) set.add(d);
          pages = [...set].sort((a, b) => a - b);
        }
        let i = 0;
        /** vlq reads one base-64 VLQ number of s from i. */
        const vlq = (s) => {
          let n = 0;
          for (let shift = 0; ; shift += 5) {
            const c = VLQ[s.charCodeAt(i++)];
            n |= (c & 31) << shift;
            if (!(c & 32)) return n;
          }
        };
        /** next reads one position of s from i: [difference, more]. */
        const next = (s) => {
          const n = vlq(s);
          return [n >> 1, n & 1];
        };
        let head = heads[term.stem];
        let withHead = pages;
        const sp = head.indexOf(" ");
        if (sp >= 0) {
          // The pages with a head, named before the space.
          const named = [];
          for (let d = 0; i < sp;) named.push((d += vlq(head)));
          withHead = named;
          head = head.slice(sp + 1);
          i = 0;
        }
        const open = new Set(); // pages with a head whose positions go on in the tail
        for (const d of withHead) {
          const list = [];
          let at = 0;
          let more = 1;
          while (more && list.length < m.nearPositions) {
            const [delta, mo] = next(head);
            at += delta;
            more = mo;
            list.push(at);
          }
          if (more) open.add(d);
          out.set(d, list);
        }
        if (all && (open.size > 0 || withHead.length < pages.length)) {
          const tail = (await this.get("w" + term.tails))[term.stem];
          i = 0;
          for (const d of pages) {
            let list = out.get(d);
            if (list && !open.has(d)) continue;
            if (!list) out.set(d, (list = []));
            let at = list.length > 0 ? list[list.length - 1] : 0;
            for (let more = 1; more;) {
              const [delta, mo] = next(tail);
              at += delta;
              more = mo;
              list.push(at);
            }
          }
        }
        return out;
      })();
      this.positionCache.set(key, p);
      p.catch(() => this.positionCache.delete(key));
    }
    return p;
  }

  /**
   * proximity returns, for a query of two words or more, what the words'
   * positions say of a page: whether it holds every phrase (ok), and the
   * factor of its score (nearBoost when one span of nearWindow positions
   * holds a position of every word's heads). Proximity in positions.go.
   * @param {any} m
   * @param {Plan} plan
   */
  async proximity(m, plan) {
    const inPhrase = new Set(plan.phrases.flat());
    const merge = (/** @type {Positions[]} */ maps) => {
      /** @type {Positions} */
      const out = new Map();
      for (const map of maps) {
        for (const [d, l] of map) {
          const have = out.get(d);
          out.set(d, have ? have.concat(l) : l);
        }
      }
      if (maps.length > 1) for (const l of out.values()) l.sort((a, b) => a - b);
      return out;
    };
    const words = await Promise.all(plan.words.map(async (w) => {
      const all = inPhrase.has(w.index);
      const [heads, alls] = await Promise.all([
        Promise.all(w.candidates.map((c) => this.positions(m, c.term, false))),
        all ? Promise.all(w.candidates.map((c) => this.positions(m, c.term, true))) : null,
      ]);
      return { head: merge(heads), all: alls ? merge(alls) : null };
    }));
    const offsets = plan.phrases.map((ph) => ph.map((i) => plan.words[i].pos - plan.words[ph[0]].pos));
    return {
      ok: (/** @type {number} */ d) => plan.phrases.every((ph, k) => {
        const first = words[ph[0]].all?.get(d) ?? [];
        return first.some((at) => ph.every((i, j) => (words[i].all?.get(d) ?? []).includes(at + offsets[k][j])));
      }),
      factor: (/** @type {number} */ d) => (near(words.map((w) => w.head.get(d) ?? []), m.nearWindow) ? m.nearBoost : 1),
    };
  }

  /**
   * excerpts returns the stored excerpts of the words' candidates by page.
   * Candidates' stems are close in folded order, so their excerpts are
   * mostly in one file.
   */
  async excerpts(words) {
    const terms = words.flatMap((w) => w.candidates.map((c) => c.term));
    const lists = await Promise.all(terms.map(async (t) => (t.excerpts < 0 ? [] : (await this.get("x" + t.excerpts))[t.stem])));
    const byPage = new Map();
    for (const list of lists) {
      for (const x of list) {
        let l = byPage.get(x[0]);
        if (!l) byPage.set(x[0], (l = []));
        l.push(x);
      }
    }
    return byPage;
  }

  /**
   * plan finds each query word's candidates, as Index.Plan does: words
   * between quotes are a phrase, and a query of stop words only keeps
   * them, for their exact forms.
   * @param {string} query
   * @returns {Promise<Plan>}
   */
  async plan(query) {
    const m = await this.manifest();
    const stems = new Map(analyze(query).map((t) => [t.start, t.stem]));
    /** @type {Word[]} */
    const words = [];
    /** @type {Word[]} */
    const stops = [];
    const quoted = [];
    let quotes = 0;
    let seen = 0;
    let end = 0;
    tokenize(query).forEach((t, pos) => {
      quotes += countQuotes(query.slice(seen, t.start));
      seen = t.start;
      const stem = stems.get(t.start);
      if (stem === undefined) {
        stops.push({ index: stops.length, text: t.word, stem: "", prefix: false, candidates: [], pos, stop: true });
        return;
      }
      words.push({ index: words.length, text: t.word, stem, prefix: false, candidates: [], pos, stop: false });
      quoted.push(quotes % 2 ? (quotes + 1) / 2 : 0);
      end = t.end;
    });
    if (words.length === 0 && stops.length > 0) return { words: stops, phrases: [], stop: true };
    if (words.length > 0 && end === query.length) words[words.length - 1].prefix = true;
    await Promise.all(words.map(async (w) => {
      const shard = await this.shard(shardKey(fold(w.text)));
      w.shard = shard;
      w.candidates = candidates(m, shard, w);
    }));
    const phrases = [];
    for (let i = 0; i < words.length;) {
      let j = i + 1;
      while (j < words.length && quoted[j] === quoted[i]) j++;
      if (quoted[i] > 0 && j - i >= 2) phrases.push(Array.from({ length: j - i }, (_, k) => i + k));
      i = j;
    }
    return { words, phrases, stop: false };
  }

  /**
   * search runs a query.
   * @param {string} query
   * @param {SearchOptions} [options]
   * @returns {Promise<Result>}
   */
  async search(query, options = {}) {
    const { filters = {}, limit = 10, offset = 0, exclude = [] } = options;
    const wantFacets = options.facets !== false;
    const m = await this.manifest();
    // The facet table is loaded only to filter or to count.
    const filtering = FACETS.some((name) => filters[name] && filters[name].length > 0);
    const [plan, facets] = await Promise.all([
      this.plan(query),
      wantFacets || filtering ? this.facets() : null,
    ]);
    const want = facets ? wanted(facets, filters) : [];
    /** @type {Result} */
    const result = { query, total: 0, complete: true, approximate: false, results: [], facets: {}, suggestions: [] };
    const none = () => {
      if (wantFacets) result.facets = countFacets(facets, [], want, filters);
      return result;
    };

    if (plan.stop) {
      await Promise.all(plan.words.map(async (w) => (w.list = await this.stopPostings(m, w.text))));
      if (plan.words.some((w) => !w.list)) return none();
    }
    const missing = plan.words.filter((w) => !w.stop && w.candidates.length === 0);
    if (missing.length > 0) {
      for (const w of missing) result.suggestions.push(...closest(w.shard?.terms ?? [], w.text, -3, 5).map((x) => x.form));
      return none();
    }
    if (plan.words.length === 0 && want.length === 0) {
      // Nothing asked: no results, but every page's facet values, so a
      // reader can start from the filters.
      if (wantFacets) result.facets = countFacets(facets, Array.from({ length: m.pages }, (_, d) => d), want, filters);
      return result;
    }

    // Every page that matches all words, with its score: the sum of the
    // words' scores, as bleve's conjunction adds them.
    const marks = new Set(); // stems to mark in excerpts
    let pages;
    let total = null;
    // First results from the first parts of split postings, when they
    // prove them or the rests would cost more than the budget (see
    // below); otherwise everything.
    const first = options.first === true && offset === 0 && exclude.length === 0 && !wantFacets && want.length === 0 && !plan.stop && plan.phrases.length === 0;
    let bounds = null;
    let restPostings = 0; // in the rests the first parts lack
    let lacking = false; // a split candidate's lacking pages are in the index
    /** @type {Map<number, number> | null} */
    let est = null; // approximate scores, with bounds
    if (plan.words.length === 0) {
      pages = [];
      for (let d = 0; d < m.pages; d++) pages.push(d);
    } else {
      const members = first && options.members === true;
      const scored = await Promise.all(plan.words.map((w) => this.scoreWord(m, w, marks, !first, members)));
      scored.sort((a, b) => a.pages.length - b.pages.length);
      if (members) {
        // A page any first part finds, when it has every word: by a list
        // that holds it, or by not being among the pages a split
        // candidate lacks.
        const has = (s, d) => s.hits[d] > 0 || s.open.some((c) => c.lacks !== null && !includes(c.lacks, d));
        const seen = new Set();
        pages = [];
        for (const s of scored) {
          for (const d of s.pages) {
            if (seen.has(d)) continue;
            seen.add(d);
            if (scored.every((t) => has(t, d))) pages.push(d);
          }
        }
      } else {
        pages = scored[0].pages.filter((d) => scored.every((s) => s.hits[d] > 0));
      }
      total = new Float64Array(m.pages);
      // Add in word order, as bleve does.
      for (const s of scored.slice().sort((a, b) => a.word - b.word)) {
        for (const d of pages) total[d] += s.score[d];
      }
      if (scored.some((s) => s.open.length > 0)) {
        bounds = upperBounds(scored, pages);
        est = estimates(scored, pages);
      }
      for (const s of scored) restPostings += s.restPostings;
      lacking = scored.length >= 2 && scored.some((s) => s.lacking);
      for (const s of scored) {
        for (const d of s.pages) {
          s.score[d] = 0;
          s.hits[d] = 0;
        }
        this.buffers.push(s);
      }
      // Phrases and nearness, from the words' positions.
      if (!plan.stop && plan.words.length >= 2 && pages.length > 0) {
        const prox = await this.proximity(m, plan);
        pages = pages.filter(prox.ok);
        for (const d of pages) {
          const f = prox.factor(d);
          total[d] *= f;
          const ub = bounds?.page.get(d);
          if (ub !== undefined) bounds?.page.set(d, ub * f);
          est?.set(d, /** @type {number} */ (est.get(d)) * f);
        }
      }
    }
    const matching = pages.filter((d) => passes(facets, d, want, null));
    let before;
    if (total === null) {
      const dates = await this.get("t");
      before = (a, b) => dates[b] - dates[a] || a - b;
    } else {
      before = (a, b) => total[b] - total[a] || a - b;
    }
    result.total = matching.length;
    if (wantFacets) result.facets = countFacets(facets, pages, want, filters);

    const skip = new Set(exclude);
    const rest = skip.size > 0 ? matching.filter((d) => !skip.has(d)) : matching;
    let slice = firstOf(rest, offset + limit, before).slice(offset);
    if (bounds) {
      // Not proven: the first parts still give the first page when the
      // rests are dear and they find a full page, ranked by what they know
      // of each page's score (its sum over the lists that hold it, a
      // lower bound); the next pages exclude it.
      if (!proven(slice, total, bounds, limit)) {
        const cheap = restPostings <= (options.budget ?? FIRST_BUDGET);
        // Too few pages with every word in the first parts: those of
        // common words whose lacking pages are known (m<n>) may say which
        // other pages the first parts find have them.
        if (slice.length < limit && !cheap && !options.members && lacking) return this.search(query, { ...options, members: true });
        if (slice.length < limit || cheap) return this.search(query, { ...options, first: false });
        const e = /** @type {Map<number, number>} */ (est);
        slice = firstOf(rest, limit, (a, b) => /** @type {number} */ (e.get(b)) - /** @type {number} */ (e.get(a)) || a - b);
        result.approximate = true;
      }
      result.complete = false;
    }
    const tops = slice.length > 0 && plan.words.length > 0 ? await this.excerpts(plan.words) : new Map();
    const best = slice.map((d) => bestExcerpt(tops.get(d) || [], marks));
    // A stored excerpt carries its page's data; the others need their
    // page chunk and summary.
    const chunks = await Promise.all(slice.map((d, i) => (best[i] ? null : this.get("d" + Math.floor(d / m.chunk)))));
    const stems = plan.words.map((w) => w.stem);
    const exact = new Set(plan.stop ? plan.words.map((w) => w.text) : []);
    result.results = slice.map((d, i) => {
      const x = best[i];
      const [url, title, type, municipality, year, summary] = x ? x.slice(4, 9) : chunks[i][d % m.chunk];
      return {
        page: d,
        url,
        title,
        type,
        municipality,
        year,
        score: total ? total[d] : 0,
        section: x && x[1] ? { id: x[1], title: x[2] } : null,
        excerpt: highlight(x ? x[3] : summary, marks, stems, exact),
      };
    });
    return result;
  }

  /**
   * scoreWord returns a word's score for every page it matches: bleve's
   * disjunction of the word's term queries (sum × matched/all clauses).
   * Without full, a split candidate gives its first part only; open lists
   * those candidates, each with its pages and the bound of what its rest
   * adds to a page's sum, and sums the pages' sums before coord;
   * restPostings counts the postings of those candidates' rests.
   */
  async scoreWord(m, w, marks, full = true, members = false) {
    const entries = await Promise.all(w.candidates.map((c) => this.postings(c.term, full)));
    const lacks = await Promise.all(w.candidates.map((c, i) => {
      const r = entries[i].rest;
      return members && r && r.lacks >= 0 ? this.lacks(c.term, r.lacks) : null;
    }));
    /** @type {{list: Postings, boost: number, df: number}[]} */
    const clauses = w.stop && w.list ? [{ list: w.list, boost: m.boost[F_EXACT], df: w.list.docs.length }] : [];
    const n = m.pages;
    const idf2 = (df) => { const x = Math.log(1 + (n - df + 0.5) / (df + 0.5)); return x * x; };
    /** @type {{bound: number, whole: number, clauses: number, pages: Set<number>, share: number, lacks: Int32Array | null}[]} */
    const open = [];
    let lacking = false;
    const rests = [];
    let restPostings = 0;
    w.candidates.forEach((c, i) => {
      const p = entries[i];
      const r = p.rest;
      const count = (/** @type {number} */ k, /** @type {Postings} */ l) => (r ? r.counts[k] : l.docs.length);
      const at = clauses.length;
      marks.add(c.term.stem);
      for (let f = 0; f <= F_PARTS; f++) {
        const df = count(f, p.fields[f]);
        if (df > 0) clauses.push({ list: p.fields[f], boost: m.boost[f] * c.kind, df });
      }
      /** @type {number[]} the exact clauses' forms */
      const forms = [];
      if (!c.own) {
        // A word without å ä ö is its forms with them, at the candidate's
        // kind (Clauses in plan.go).
        if (fold(w.text) === w.text) {
          c.term.foldedForms().forEach((x, i) => {
            if (x.s === w.text) {
              clauses.push({ list: p.exact[i], boost: m.boost[F_EXACT] * c.kind, df: count(F_EXACT + i, p.exact[i]) });
              forms.push(i);
            }
          });
        }
      } else {
        const fi = c.term.forms.indexOf(w.text);
        if (fi >= 0) {
          clauses.push({ list: p.exact[fi], boost: m.boost[F_EXACT], df: count(F_EXACT + fi, p.exact[fi]) });
          forms.push(fi);
        }
      }
      if (r) {
        // What a page of the rest can add to a page's sum (bound), and
        // what its score can be when the word has no other candidate
        // (whole: the sum times hits over the clauses, at most).
        let bound = c.kind * r.plain;
        let hits = c.kind * r.plainHits;
        if (forms.length === 1) {
          bound = c.kind * r.sums[forms[0]];
          hits = c.kind * r.sumHits[forms[0]];
        } else if (forms.length > 1) {
          for (const fi of forms) bound += c.kind * r.sums[fi];
          hits = Infinity;
        }
        const pages = new Set();
        for (const cl of clauses.slice(at)) for (const d of cl.list.docs) pages.add(d);
        restPostings += r.counts.reduce((x, k) => x + k, 0);
        for (const l of [...p.fields, ...p.exact]) restPostings -= l.docs.length;
        // The share of the pages outside the first part that the rest
        // holds: how likely a page the first part lacks is in the rest.
        const share = Math.max(0, c.term.df - pages.size) / Math.max(1, n - pages.size);
        open.push({ bound, whole: bound, clauses: clauses.length - at, pages, share, lacks: lacks[i] });
        if (r.lacks >= 0) lacking = true;
        rests.push(hits);
      }
    });
    const buf = this.buffers.pop();
    const score = buf ? buf.score : new Float64Array(n);
    const hits = buf ? buf.hits : new Uint16Array(n);
    const pages = [];
    for (const cl of clauses) {
      const w2 = idf2(cl.df) * cl.boost;
      const { docs, qs } = cl.list;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i];
        if (hits[d] === 0) pages.push(d);
        hits[d]++;
        score[d] += w2 * qs[i] / 50;
      }
    }
    if (w.candidates.length === 1 && open.length === 1) open[0].whole = Math.min(open[0].bound, rests[0] / clauses.length);
    const sums = open.length > 0 ? new Map(pages.map((d) => [d, score[d]])) : null;
    for (const d of pages) score[d] = score[d] * hits[d] / clauses.length;
    return { word: w.index, pages, score, hits, open, sums, clauses: clauses.length, restPostings, lacking };
  }
}

/**
 * upperBounds bounds the scores of a query's pages when some words were
 * scored from first parts of split postings: per page found, the most its
 * words' scores can add up to (its sum before coord, which is at most 1,
 * and what the rest of each split candidate whose first part lacks the
 * page can add), and the most any page not found can score. A page not
 * found lacks, for some word, every first part; those hold every page
 * with a head of positions, so it is not near, and its factor is 1.
 * The pages known exactly are not in page.
 * @returns {{page: Map<number, number>, others: number}}
 */
function upperBounds(scored, pages) {
  const margin = 1 + 1e-9; // rounding between Go's and JavaScript's logarithms
  // What the rests a page may be in can add to its sum, and to its hits
  // (at most their candidates' clauses).
  const extra = (s, d) => {
    let x = 0;
    for (const c of s.open) if (!c.pages.has(d)) x += c.bound;
    return x;
  };
  const extraHits = (s, d) => {
    let n = 0;
    for (const c of s.open) if (!c.pages.has(d)) n += c.clauses;
    return n;
  };
  const bound = (s, d) => {
    const x = extra(s, d);
    return x > 0 ? ((s.sums.get(d) ?? 0) + x) * Math.min(1, (s.hits[d] + extraHits(s, d)) / s.clauses) * margin : s.score[d];
  };
  const page = new Map();
  for (const d of pages) {
    if (scored.every((s) => extra(s, d) === 0)) continue;
    let ub = 0;
    for (const s of scored) ub += bound(s, d);
    page.set(d, ub);
  }
  // A page not found in every word: what its words can add up to, those
  // it was not found in by their rests alone (a word without rests
  // cannot match it: no bound).
  const unseen = scored.map((s) => {
    if (s.open.length === 0) return -Infinity;
    const sum = s.open.reduce((x, c) => x + c.bound, 0);
    const hits = s.open.reduce((x, c) => x + c.clauses, 0);
    const coord = sum * Math.min(1, hits / s.clauses);
    return (s.open.length === 1 ? Math.min(s.open[0].whole, coord) : coord) * margin;
  });
  let others = unseen.reduce((x, u) => x + u, 0);
  const found = new Set(pages);
  for (const s of scored) {
    for (const d of s.pages) {
      if (found.has(d)) continue;
      found.add(d);
      let ub = 0;
      scored.forEach((t, k) => { ub += t.hits[d] > 0 ? bound(t, d) : unseen[k]; });
      others = Math.max(others, ub);
    }
  }
  return { page, others };
}

/**
 * estimates are the approximate scores of pages found from first parts of
 * split postings, for a first page the rests do not prove: each word's
 * known sum and hits, and for each split candidate whose first part lacks
 * the page, what its rest adds, weighted by how likely the page is in
 * it (its share): half the rest's bound to the sum, one clause to the
 * hits.
 * @returns {Map<number, number>}
 */
function estimates(scored, pages) {
  const est = new Map();
  for (const d of pages) {
    let sum = 0;
    for (const s of scored) {
      let x = 0;
      let h = 0;
      for (const c of s.open) {
        if (c.pages.has(d)) continue;
        // A page known to be in the rest (its lacking pages do not hold
        // it) is there in full share; one known not to be, in none.
        const share = c.lacks === null ? c.share : includes(c.lacks, d) ? 0 : 1;
        x += share * c.bound * 0.5;
        h += share;
      }
      sum += x > 0 ? ((s.sums.get(d) ?? 0) + x) * Math.min(1, (s.hits[d] + h) / s.clauses) : s.score[d];
    }
    est.set(d, sum);
  }
  return est;
}

/**
 * proven reports whether slice, the first limit of pages by their known
 * scores, are the first by their exact scores: each is known exactly, and
 * the last of them scores above the bound of every other page.
 */
function proven(slice, total, bounds, limit) {
  if (slice.length < limit) return false;
  const last = total[slice[slice.length - 1]];
  for (const d of slice) if (bounds.page.has(d)) return false;
  if (bounds.others >= last) return false;
  // Pages known exactly are in their place already (ties by page number).
  for (const ub of bounds.page.values()) if (ub >= last) return false;
  return true;
}

/** includes reports whether the ascending list holds d. */
function includes(list, d) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < d) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo] === d;
}

/** mergePostings merges two postings lists of different pages. */
function mergePostings(a, b) {
  if (b.docs.length === 0) return a;
  if (a.docs.length === 0) return b;
  const n = a.docs.length + b.docs.length;
  const docs = new Int32Array(n);
  const qs = new Uint8Array(n);
  for (let i = 0, j = 0, k = 0; k < n; k++) {
    if (j >= b.docs.length || (i < a.docs.length && a.docs[i] < b.docs[j])) {
      docs[k] = a.docs[i];
      qs[k] = a.qs[i++];
    } else {
      docs[k] = b.docs[j];
      qs[k] = b.qs[j++];
    }
  }
  return { docs, qs };
}

/**
 * firstOf returns the first n of list in the order of before (a
 * comparator), as sorting all of it would, without sorting all of it.
 */
function firstOf(list, n, before) {
  if (list.length <= 4 * n) return list.slice().sort(before).slice(0, n);
  const top = [];
  for (const x of list) {
    if (top.length === n && before(x, top[n - 1]) >= 0) continue;
    let k = top.length < n ? top.length : n - 1;
    top[k] = x;
    for (; k > 0 && before(top[k], top[k - 1]) < 0; k--) {
      [top[k], top[k - 1]] = [top[k - 1], top[k]];
    }
  }
  return top;
}

/** candidates implements Index.candidates of the Go package. */
function candidates(m, shard, w) {
  const out = [];
  const seen = new Set();
  const own = shard.byStem.get(w.stem);
  if (own) {
    out.push({ term: own, kind: 1, own: true });
    seen.add(own.stem);
  }
  const ascii = fold(w.text) === w.text;
  if (ascii) {
    // The stems that fold like the word's, and those with a form that
    // folds to the word itself (rakenskapsaret: räkenskapsåret).
    const fs = fold(w.stem);
    for (const t of shard.terms) {
      if (!seen.has(t.stem) && (t.folded === fs || t.foldedForms().some((x) => x.s === w.text))) {
        out.push({ term: t, kind: m.kinds.folded });
        seen.add(t.stem);
      }
    }
  }
  if (w.prefix && runes(w.text).length >= 3) {
    let found = [];
    for (const t of shard.terms) {
      if (seen.has(t.stem)) continue;
      const forms = ascii ? t.foldedForms().map((x) => x.s) : t.forms;
      if (forms.some((f) => f.startsWith(w.text))) found.push(t);
    }
    found.sort((a, b) => b.df - a.df); // stable, like sort.SliceStable
    found = found.slice(0, m.maxPrefix);
    for (const t of found) {
      out.push({ term: t, kind: m.kinds.prefix });
      seen.add(t.stem);
    }
  }
  if (out.length > 0) return out;
  const n = runes(w.text).length;
  if (n < 4) return out;
  const maxEdits = n >= 8 ? 2 : 1;
  for (const x of closest(shard.terms, w.text, maxEdits, m.maxTypos)) {
    out.push({ term: x.term, kind: m.kinds.typo });
  }
  return out;
}

/**
 * closest finds the terms with a form within maxEdits of word (folded),
 * nearest first. A negative maxEdits allows -maxEdits edits and also forms
 * of four letters or more that the word starts with, ranked after those by
 * how much of the word they leave out (Suggest in the Go package).
 */
function closest(terms, word, maxEdits, n) {
  const prefixes = maxEdits < 0;
  if (prefixes) maxEdits = -maxEdits;
  const folded = fold(word);
  const fw = runes(folded);
  const found = [];
  for (const t of terms) {
    let best = null;
    let bestDist = Infinity;
    const ffs = t.foldedForms();
    for (let i = 0; i < ffs.length; i++) {
      const f = t.forms[i];
      const ff = ffs[i].s;
      const fr = ffs[i].r;
      let d = distance(fw, fr, maxEdits);
      if (d > maxEdits) {
        if (!prefixes || fr.length < 4 || !folded.startsWith(ff)) continue;
        d = maxEdits + fw.length - fr.length;
      }
      if (d < bestDist) {
        best = f;
        bestDist = d;
      }
    }
    if (best !== null) found.push({ term: t, form: best, dist: bestDist });
  }
  found.sort((a, b) => a.dist - b.dist || b.term.df - a.term.df);
  return found.slice(0, n);
}

const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/**
 * decodeFacets reads the facet table: for each facet its keys, labels and
 * every page's value (single) or values (multi), as indexes into keys.
 */
function decodeFacets(raw) {
  const out = {};
  for (const name of FACETS) {
    const f = raw[name];
    const w = f.width;
    const code = (s, at) => {
      let v = 0;
      for (let k = 0; k < w; k++) v = v * 64 + DIGITS.indexOf(s[at + k]);
      return v;
    };
    /** @type {Facet} */
    const d = { keys: f.keys, labels: f.labels, single: null, multi: null };
    if (MULTI[name]) {
      d.multi = f.pages.split(",").map((p) => {
        const vals = [];
        for (let at = 0; at < p.length; at += w) vals.push(code(p, at));
        return vals;
      });
    } else {
      const n = f.pages.length / w;
      d.single = new Int32Array(n);
      for (let i = 0; i < n; i++) d.single[i] = f.pages[i * w] === "." ? -1 : code(f.pages, i * w);
    }
    out[name] = d;
  }
  return out;
}

/** wanted turns filters (facet → keys) into [facet, Set of value indexes] pairs. */
function wanted(facets, filters) {
  const out = [];
  for (const name of FACETS) {
    const keys = filters[name];
    if (!keys || keys.length === 0) continue;
    const f = facets[name];
    out.push([name, new Set(keys.map((k) => f.keys.indexOf(k)))]);
  }
  return out;
}

/** passes reports whether page d has a wanted value of every filtered facet but skip. */
function passes(facets, d, want, skip) {
  for (const [name, set] of want) {
    if (name === skip) continue;
    const f = facets[name];
    if (f.single) {
      if (!set.has(f.single[d])) return false;
    } else if (!f.multi[d].some((v) => set.has(v))) {
      return false;
    }
  }
  return true;
}

/**
 * countFacets counts, for each facet, the pages among those matching the
 * query that pass the other facets' filters: counts follow the query, and
 * choosing a value does not hide the others of its facet.
 * @returns {Record<string, FacetValue[]>}
 */
function countFacets(facets, pages, want, filters) {
  /** @type {Record<string, FacetValue[]>} */
  const out = {};
  for (const name of FACETS) {
    const f = facets[name];
    const counts = new Array(f.keys.length).fill(0);
    for (const d of pages) {
      if (!passes(facets, d, want, name)) continue;
      if (f.single) {
        if (f.single[d] >= 0) counts[f.single[d]]++;
      } else {
        for (const v of f.multi[d]) counts[v]++;
      }
    }
    const selected = new Set(filters[name] || []);
    const list = [];
    f.keys.forEach((key, i) => {
      if (counts[i] > 0 || selected.has(key)) {
        list.push({ key, label: f.labels[i], count: counts[i], selected: selected.has(key) });
      }
    });
    list.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "sv"));
    out[name] = list;
  }
  return out;
}

/** bestExcerpt picks, of a page's stored excerpts, the one with the most query stems. */
function bestExcerpt(list, marks) {
  let best = null;
  let bestHits = -1;
  for (const t of list) {
    let hits = 0;
    for (const tok of analyze(t[3])) if (marks.has(tok.stem)) hits++;
    if (hits > bestHits) {
      best = t;
      bestHits = hits;
    }
  }
  return best;
}

/**
 * near reports whether one span of window positions holds a position of
 * every list (Near in positions.go).
 * @param {number[][]} lists each ascending
 * @param {number} window
 */
function near(lists, window) {
  const all = [];
  for (let w = 0; w < lists.length; w++) {
    if (lists[w].length === 0) return false;
    for (const p of lists[w]) all.push([p, w]);
  }
  all.sort((a, b) => a[0] - b[0]);
  const count = new Array(lists.length).fill(0);
  let have = 0;
  let lo = 0;
  for (const [pos, w] of all) {
    if (count[w]++ === 0) have++;
    while (have === lists.length) {
      if (pos - all[lo][0] < window) return true;
      if (--count[all[lo][1]] === 0) have--;
      lo++;
    }
  }
  return false;
}

/**
 * highlight splits text into parts, marking the words whose stem the query
 * matched, or that hold a query word's stem (compound words), or, for a
 * query of stop words, the words themselves (exact).
 */
function highlight(text, marks, stems, exact) {
  const parts = [];
  let at = 0;
  /** @type {Array<{word: string, stem?: string, start: number, end: number}>} */
  const toks = exact.size > 0 ? tokenize(text) : analyze(text);
  for (const tok of toks) {
    const hit = exact.has(tok.word) || marks.has(tok.stem) || stems.some((s) => runes(s).length >= 3 && tok.word.includes(s));
    if (!hit) continue;
    if (tok.start > at) parts.push({ text: text.slice(at, tok.start), mark: false });
    parts.push({ text: text.slice(tok.start, tok.end), mark: true });
    at = tok.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/**
 * open returns the index whose manifest is at manifestURL.
 * @param {string|URL} manifestURL
 * @param {OpenOptions} [options]
 * @returns {Index}
 */
export function open(manifestURL, options) {
  return new Index(manifestURL, options);
}

/** @type {Index | null} */
let defaultIndex = null;

/**
 * search queries the site's index: sok/manifest.json beside this module's
 * assets/ folder, or the one given in options.index.
 * @param {string} query
 * @param {SearchOptions} [options]
 * @returns {Promise<Result>}
 */
export function search(query, options = {}) {
  const ix = options.index ?? (defaultIndex ||= open(new URL("../sok/manifest.json", import.meta.url)));
  return ix.search(query, options);
}
