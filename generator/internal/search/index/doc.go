// Package index turns the site's pages into what both search engines
// read: Build analyzes them (search/analysis) into terms with their
// postings in eight fields, splitting compound words with search/compound
// (a Swedish lexicon and the pages' own words); Export writes the browser index, whose format (below)
// is the contract with the browser engine (search/browser); and Plan
// turns a query into each word's candidate terms and their weights, the
// same plan for the browser engine and for the bleve reference engine of
// kb search (search/bleve).
//
// # Fields
//
// Every page is indexed in eight fields, in this order (the numbers are
// the field numbers of the browser index):
//
//	0 titel           the title
//	1 sammanfattning  the summary
//	2 amnen           the labels and synonyms of the page's areas, its tags,
//	                  municipality and county: synonyms from omraden.yaml are
//	                  expanded here, at index time, so a query for any of them
//	                  finds the area's pages
//	3 rubriker        the headings
//	4 lardomar        a case study's lessons and effects (front matter
//	                  lessons and effects), one a line
//	5 text            the body
//	6 delar           the parts of the compound words of fields 0, 1, 3, 4 and 5
//	                  (trygghetslarm gives trygg and larm), stemmed
//	7 exakt           the unstemmed words of fields 0, 1, 3, 4 and 5
//
// Fields 0 to 6 hold stems; field 7 holds word forms, so that a query word
// found in its exact form ranks above one found only through its stem.
// The stop words of fields 0, 1, 3, 4 and 5, which no field holds, are kept
// apart (FieldStop, "stoppord"), for a query of nothing else.
//
// # Ranking
//
// A query is planned word by word (Plan). Each word becomes a set of
// candidate terms: its stem; when the word has no å, ä or ö, the stems that
// fold to the same letters as its stem and those with a form that folds to
// the word itself (rakenskapsaret: räkenskapsåret, although rakenskapsaret
// stems to rakenskap and räkenskapsåret to räkenskapsår); for the last
// word, unless the query ends in a space, up to MaxPrefix stems with a
// word starting with it (folded, when the word has no å, ä or ö); and only
// when none of those exist, up to MaxTypos stems with a word one edit away
// (two for words of eight letters or more; the first letter must be right).
// A page must match every word (AND); a word's score is bleve's disjunction
// of term queries, one per (candidate, field) pair that has postings:
//
//	score(word) = coord × Σ idf(t,f)² × boost(t,f) × tfpart(t,f,page)
//	idf(t,f)    = ln(1 + (N − df + 0.5) / (df + 0.5))
//	tfpart      = √tf × k1 / (√tf + k1 × (1 − b + b × len / avg))
//	coord       = matched pairs / all pairs of the word
//
// with k1 = 1.2, b = 0.75, len the page's field length as bleve stores it
// (a float32 1/√len norm) and avg the field's mean length rounded up. This
// is bleve's BM25 term scorer and disjunction scorer; the query norm bleve
// multiplies by is the same for every page and is left out. The boost of a
// pair is the field's weight (site.yaml search.weights; Weights) times the
// candidate's kind: 1 for the word's own stem, Prefix, Folded or Typo for
// the others; every candidate also queries delar (Weights.Parts times its
// kind), and the word's own stem, when the word occurs in that form,
// exakt (Weights.Exact); a word without å, ä or ö also queries exakt for
// each form of another candidate that folds to the word (Weights.Exact
// times the candidate's kind), so that it ranks as the word with its
// letters would.
//
// A query whose every word is a stop word ("skulle du") is not empty: its
// words are searched as they are, each by one term query on FieldStop
// (boost Weights.Exact; len and avg of that field: the page's stop words),
// all of them required; no prefix, folding, typos or suggestions. In a
// query with any other word, stop words are left out, as bleve's analysis
// leaves them out of the pages.
//
// # Phrases and nearness
//
// Words between quotes (typewriter or typographic: Quotes; a quote not
// closed runs to the end of the query) are a phrase: a page must have the
// phrase's words in that order, side by side, as analyzed: each word by
// any of its candidates (stems, so digitalt lås finds digitala lås; folded
// forms, prefix completions, typos) but not by compound parts, and a stop
// word inside the phrase is a position any word may fill ("larm i
// hemtjänsten" finds larm och hemtjänsten, not larm hemtjänsten). A phrase
// of one word is that word; quotes around stop words only are ignored.
//
// In a query of two words or more, a page where one span of NearWindow
// positions holds a position of every word scores NearBoost times its sum
// (after the phrase filter; quoted or not). Both judge positions in one
// stream per page: the title, the summary, each subject (fields 0 to 2),
// each heading, each lesson and effect and each line of the body, stop words counted, NearWindow
// empty positions before each block, so that neither a phrase nor a window
// spans two blocks. Nearness looks only at the heads: the first
// NearPositions positions of a stem on each of its NearPages best pages by
// the score of its base form (the ranking of the stored excerpts), so that what a
// query of two words loads stays about the same however large the site;
// phrases look at every position of every page. Proximity computes both
// from the browser index's encoding, so bleve's answers and the browser's
// agree.
//
// # The browser index (format version 5)
//
// Export returns the manifest and the files of one folder, named by a hash
// of all of them, so hosts may cache them forever and a reader never mixes
// two builds' files:
//
//	sok/manifest.json                the entry point, revalidated
//	assets/sok/<hash>/o-<a>.json     word list: the stems whose folded form
//	                                 starts with letter a ("_": digits, other)
//	assets/sok/<hash>/p<n>.json      postings of a run of stems, folded order (of a common stem, the first part)
//	assets/sok/<hash>/r<n>.json      the rest of the postings of a run of common stems
//	assets/sok/<hash>/m<n>.json      the pages lacking a stem, of a run of stems on most pages
//	assets/sok/<hash>/x<n>.json      stored excerpts of a run of stems
//	assets/sok/<hash>/d<n>.json      URL, title, type, municipality, year, summary of pages n×chunk …
//	assets/sok/<hash>/f.json         the facet table
//	assets/sok/<hash>/t.json         every page's published date, YYYYMMDD
//	assets/sok/<hash>/n<k>.json      word positions of a run of stems: the heads
//	assets/sok/<hash>/w<n>.json      word positions of a run of stems: the tails
//	assets/sok/<hash>/e-<a>.json     the postings of the stop words starting with a
//
// The manifest:
//
//	{"version":5, "dir":"<hash>", "pages":N, "chunk":16,
//	 "fields":["titel",…,"exakt"], "boost":[6,3,3,2,2,1,0.4,1.5],
//	 "kinds":{"prefix":0.5,"folded":0.25,"typo":0.15},
//	 "avg":[…mean length per field, rounded up…], "k1":1.2, "b":0.75,
//	 "maxPrefix":20, "maxTypos":10,
//	 "nearWindow":8, "nearBoost":8, "nearPositions":4,
//	 "words":["_","a","b",…], "stops":["a","b","d",…]}
//
// words names the word lists there are, stops the stop-word files.
//
// A word list is an array of entries sorted by folded stem, then stem,
// each [stem, p, x, n, w, pages, form, form, …]: p is the number of the
// postings file holding the stem, x that of its excerpt file (−1: none),
// n that of its heads' file n<n> (−1: none, for a stem of delar only), w
// that of its tails' file w<w> (−1: none), pages the number of pages with the
// stem in any of fields 0 to 6, the forms are the words of fields 0, 1, 3, 4
// and 4 that stem to it, sorted.
//
// A postings file is an object from stem to an array of eight: the
// postings of fields 0 to 6, then an array with the postings of field
// exakt for each form of the word list, in the same order. A postings list
// is one string: the page numbers, ascending and delta-coded (the first
// absolute), as base-64 VLQ numbers (source maps' encoding: five bits a
// character, the sixth set when another character follows, low bits
// first, digits A–Z a–z 0–9 + /); a space; then q = round(50 × tfpart),
// capped at 63, of each page as one base-64 digit. An empty list is "".
// A common stem's entry has a ninth element, and the rest of its
// postings are in a file r<n> (see Split postings).
//
// A stem's positions are, for each page with the stem in any of fields 0
// to 4 (the pages of its postings lists there, merged, ascending), the
// positions of the stem's words in the page's stream (see Phrases and
// nearness), ascending, each written as its difference d from the one
// before (the page's first from 0) as the base-64 VLQ of 2d + 1 when
// another position of the page follows, 2d when it is the page's last.
// They come in two parts. The heads: the first nearPositions positions of
// each of the stem's NearPages (256) best pages (all its pages when it has
// no more), best by the base form's score as for excerpts. The tails: the
// rest of those pages' positions (after a head whose last number says
// another follows) and every position of the other pages, in page order.
//
// A heads file n<k> is an object from stem to one string: when the heads
// are not of all the stem's pages, or its postings are split, the pages
// that have one, ascending and
// delta-coded as in a postings list, and a space; then the heads, in page
// order. The files hold runs of stems in folded order, at most
// positionsBytes each (or one stem). A tails file w<w> is an object from
// stem to its tails, for a run of stems in folded order, at most
// postingsBytes (or one stem). A query of two words or more loads the
// n<k> of its candidates; a phrase's words load their w<w> too.
//
// A stop-word file e-<a> is an object from stop word (field stoppord,
// the words of fields 0, 1, 3, 4 and 5 that bleve's sv stop list drops) to
// its postings list, coded as above, tfpart against the page's number of
// stop words; a query of stop words only loads it.
//
// An excerpt file is an object from stem to its stored excerpts: the
// first TopPages pages by the score of a query of the stem's base form
// (its shortest form, exact boost included: what readers mostly type),
// then those of a query without the exact form (a folded form, a prefix,
// a typo) and of a query of each other form (larmet), each page once:
// [page, section
// id, section heading, excerpt, url, title, type, municipality, year], the
// excerpt being about ExcerptWords words of the body around the stem's
// first occurrence in the page, the section the heading above it (""
// before the first heading), or, when the body does not have the stem,
// the page's summary and no section; the rest as in a page chunk. The engine loads the excerpts of the query
// words' candidate stems; a result without one needs its page chunk and shows
// its summary.
//
// A page chunk is an array of [url, title, type, municipality, year,
// summary] for the pages of the chunk, url relative to the site root
// ("fallstudier/lund-las/"), type one of fallstudie, initiativ, kommun,
// sida, municipality its name and year the facet ar ("" when none).
//
// The facet table holds, for each facet (kommun, lan, omrade, status, ar,
// initiativ, leverantor (supplier), upphandling (procurement form)),
// {"keys":[…], "labels":[…], "width":w, "pages":"…"}: keys
// sorted, and one code per page of w base-64 digits (0–9 A–Z a–z - _,
// high digit first; "." repeated w times for none), or for omrade and
// initiativ every page's codes run together and pages separated by
// commas.
//
// Pages are numbered in the order Build receives them: by municipality,
// then newest first (pipeline.SearchDocs), so the municipality and county
// columns are long runs.
//
// # Split postings: the first results from a small part
//
// The postings of a stem on more than SplitPages pages are split by page
// in two, so that a first query of a common word (larm, hemtjänst) need
// not load every page it is on before it can show the first ten. The
// first part holds every posting of the first FirstPages pages of the
// stem's two rankings (those of its stored excerpts, below), and of every
// page with a head of positions; the rest every posting of the other
// pages. The postings file holds the first part as an entry of nine: the
// eight lists of the first part's pages, then
//
//	[r, counts, plain, plainHits, sums, sumHits, m]
//
// r the number of the file r<r> holding the rest (an object from stem to
// its eight lists, as a postings entry, of the rest's pages), m that of
// the file m<m> of the pages the stem lacks (−1: none), counts the
// length of each list of the whole stem (fields 0 to 6, then each
// form's: idf and coord count them, not the first part's), and bounds of
// a page of the rest: plain its highest sum of idf² × boost × q/50 over
// fields 0 to 6, plainHits the highest such sum times the number of
// those lists it is in, sums and sumHits per form the same with that
// form's list of exakt. A stem's two parts together are its postings.
//
// A split stem on more than half the pages has an m<m>: an object from
// stem to the pages without the stem in any of fields 0 to 6 (of delar
// too), ascending and delta-coded as the pages of a postings list (no
// space, no q), so that a query can tell which pages have it without its
// rest: at 100,000 pages, digital lacks 9% of them, some 9,000 numbers,
// where its rest holds about 340,000 postings. The files hold runs of
// stems in folded order, at most membersBytes each (or one stem).
//
// The browser engine ranks a first query (no filters, no facet counts, no
// offset, no phrase) from the first parts alone when they prove its first
// results: each of them is known exactly (every split candidate of each
// word holds it in its first part), and the last scores above what any
// other page can (its known sum and the bounds of the rests it may be
// in; a page no first part of some word holds has no head of positions
// for that word, and so is not near). The total is then at least the
// pages found; the engine loads the rests after the results are shown,
// for the exact total and the facet counts. Otherwise it loads the rests
// first, unless they hold more postings than its budget (the sum of
// counts less the first part's lists, over the split candidates) and the
// first parts find a full first page: it shows that page, ranked by an
// estimate (each rest a page may be in adds half its bound to the page's
// sum and one hit, weighted by the share of the pages outside the first
// part that the rest holds, from pages in the word list), and marks it
// approximate; the next pages are those of all the postings without the
// pages it showed. When the first parts find no full page for a query of
// two words or more (the first parts of digitala and lås share no page),
// the engine loads the m<m> of the split candidates that have one and
// takes every page the first parts find for any word that has every word:
// by a list of the word's that holds it, or by a candidate's m<m> not
// listing it (still an AND); then it proves or estimates as above, a
// rest that holds the page by its m<m> counting in full share, one that
// does not, not at all. Otherwise the first results are those of all
// the postings.
package index
