package index

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/search/analysis"
	"kunskapsbanken/generator/internal/search/compound"
	"kunskapsbanken/generator/internal/spelling"
	"kunskapsbanken/generator/internal/spool"
)

// BM25 parameters: bleve's (search.BM25_k1, search.BM25_b).
const (
	k1 = 1.2
	b  = 0.75
)

// Limits of query planning and of the browser index.
const (
	MaxPrefix    = 20 // completions of the last word, most frequent first
	MaxTypos     = 10 // stems reached by a misspelt word
	TopPages     = 10 // pages per stem with a stored excerpt
	ExcerptWords = 30 // words in an excerpt
)

// A stem on more than SplitPages pages has its postings in two parts (the
// package documentation, "Split postings"): the first FirstPages pages of
// each of its two rankings and the first FormPages of a query of each of
// its other forms, which give a first query's first results, and the
// rest.
const (
	SplitPages = 512
	FirstPages = 192
	FormPages  = 32
)

// Index is the analyzed pages: terms, postings and statistics.
type Index struct {
	Docs    []Doc
	Weights Weights

	terms  []*term              // sorted by folded stem, then stem
	byStem map[string]*term     //
	forms  map[string]form      // word form → its stem's term and index
	stops  map[string]*postings // stop word → its postings (FieldStop)
	lens   [][NumFields]int32
	total  [NumFields]int     // tokens in each field, all pages
	avg    [NumFields]float64 // mean field length, rounded up as bleve does
	an     *analysis.Analyzer // the cache of every word's stem, for queries too

	// While the pages are merged: terms, forms and stop words by the
	// analyzer's numbers.
	termByID []*term
	formByID []form
	stopByID []*postings

	stopLens  []int32 // per page, its stop words (FieldStop)
	stopTotal int
	stopAvg   float64

	qs [NumFields + 1][][qTF]uint8 // per field (or FieldStop), page and count from 1: q

	// Where the word positions wait, when Build was given a spool
	// (spill.go), and the first failure to read them back.
	sp        *spool.Spool
	unspilled int    // bytes of positions and first offsets merged since the last spill
	spillBuf  []byte // a term's run, put in sp
	errMu     sync.Mutex
	err       error
}

// term is one stem with its postings in every field.
type term struct {
	stem      string
	folded    string
	forms     []string             // word forms (field exakt), sorted
	post      [FieldExact]postings // fields titel to delar
	exact     []postings           // per form
	first     []byte               // until pickTop: per text posting, the byte offset of the first occurrence in the body, a uvarint
	head      []byte               // word positions (positions.go): the heads of its best NearPages pages of fields titel to text
	tail      []byte               // and the rest
	pos       []byte               // while building: every position, page by page (appendPositions; pageEnd finds where each page's and its head's end)
	runs      []posRun             // with a spool: pos and first as merged up to each spill, oldest first (spill.go)
	tailRef   spool.Ref            // with a spool: where tail waits for Export, tailLen bytes
	tailLen   int
	df        int // pages holding the stem in fields titel to delar
	top       []top
	firstPart *split // the first part of its postings, when they have two
}

// split is the first part of a term's postings: its pages, and what
// bounds the score of the others (the rest). For a page of the rest, its
// sum is Σ idf² × boost × q/50 over its clauses of fields titel to delar,
// with form i's clause of field exakt too for the sums of a form, and its
// hits the number of those clauses it matches.
type split struct {
	pages     []int32   // ascending
	plain     float64   // the highest sum of a page of the rest
	plainHits float64   // the highest sum × hits
	sums      []float64 // per form, the highest sum with the form
	sumHits   []float64 // per form, the highest sum × hits with the form
}

type posting struct{ doc, tf int32 }

type form struct {
	t *term
	i int
}

// top is a page with a stored excerpt for a stem.
type top struct {
	doc              int32
	at               int32 // until cutExcerpts: the byte offset in the body the excerpt is cut at, or -1
	section, heading string
	excerpt          string
}

// pageCounts is what one page's analysis gives, merged into the index in
// page order. Words and stems carry the analyzer's numbers, by which the
// index finds their terms and forms without hashing them again. merge
// copies what it keeps, so Build reuses each pageCounts' slices for the
// next batch's pages (a tenth of the stage's allocations at 1,000 pages).
type pageCounts struct {
	fields [FieldExact][]count // fields titel to text (delar comes later), by stem
	first  []int32             // per fields[FieldText] entry
	forms  []count             // word forms of fields titel, sammanfattning, rubriker and text
	stems  []int32             // the stem number of each form
	lens   [FieldExact]int32
	stops  []count         // stop words of the same fields
	nstops int32           // their tokens
	pos    []stemPositions // each stem's positions, encoded
	posBuf []byte          // what pos's encodings are cut from
}

// count is a word or a stem (s, numbered id by the analyzer) and its
// tokens.
type count struct {
	s     string
	id, n int32
}

// Build analyzes the pages. Pages are numbered in the order given.
func Build(docs []Doc, w Weights) *Index {
	ix, _ := BuildContext(context.Background(), docs, w)
	return ix
}

// BuildSpooled is Build for ExportTo, as kb build exports: the stems' word
// positions, the largest part of the index, wait in sp, not in memory,
// from the merge of their pages until their files are written (spill.go).
// A failure to read them back is ExportTo's error. It drops each page's
// Subjects and Lessons once it has counted them (30 MB at 100,000 pages,
// held to the end of Build otherwise): neither the index nor its export
// reads them again.
func BuildSpooled(docs []Doc, w Weights, sp *spool.Spool) *Index {
	ix, _ := build(context.Background(), docs, w, sp)
	return ix
}

// BuildContext is Build, given up when ctx is done: it then returns nil
// and ctx's error. The preview builds its index in the background and
// stops it for each update, which would otherwise share the cores with
// it for seconds. It stops within a page's or a stem's work.
func BuildContext(ctx context.Context, docs []Doc, w Weights) (*Index, error) {
	return build(ctx, docs, w, nil)
}

// build is BuildContext, keeping the word positions in sp when it is not
// nil.
func build(ctx context.Context, docs []Doc, w Weights, sp *spool.Spool) (*Index, error) {
	ix := &Index{Docs: docs, Weights: w, byStem: map[string]*term{}, forms: map[string]form{}, stops: map[string]*postings{}, sp: sp}
	ix.lens = make([][NumFields]int32, len(docs))
	ix.stopLens = make([]int32, len(docs))
	an := analysis.NewAnalyzer()
	ix.an = an
	splitter := make(chan *compound.Splitter, 1)
	go func() { splitter <- ix.splitter() }()
	// The pages are counted on every core, and merged in page order while
	// the next batch is counted: the merge is serial, and alone it left
	// all cores but one idle.
	const batch = 256
	counts := make([]pageCounts, 2*batch)
	par.Ordered(len(docs), batch,
		func(i, slot int) {
			if ctx.Err() == nil {
				countPage(an, &docs[i], &counts[slot])
				if sp != nil { // BuildSpooled's pages: read only here
					docs[i].Subjects, docs[i].Lessons = nil, nil
				}
			}
		},
		func(i, slot int) {
			if ctx.Err() == nil { // a slot skipped by countPage holds another page
				ix.merge(int32(i), &counts[slot])
			}
		})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if ix.sp != nil { // what the last spill left
		ix.spill()
		ix.spillBuf = nil
	}
	// The lists grew by append, with room to spare (a sixth of their
	// bytes at 10,000 pages); they are held until pickTop, or written,
	// so each is copied at its size.
	par.For(len(ix.termByID), func(i int) {
		if t := ix.termByID[i]; t != nil {
			t.trim()
		}
	})
	ix.compounds(<-splitter)
	if err := ix.finish(ctx); err != nil {
		return nil, err
	}
	return ix, nil
}

// countPage counts one page's terms into a, whose slices it reuses.
func countPage(an *analysis.Analyzer, d *Doc, a *pageCounts) {
	a.nstops = 0
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	var ps positionCounter
	// Nothing of the text outlives the page (the analyzer copies what it
	// keeps), so it is read into the worker's buffer.
	secs := d.sectionsIn(&sc.text)
	for f := FieldTitle; f <= FieldText; f++ {
		n := int32(0)
		// words counts a text's tokens, stop words too: they take a
		// position in the word stream (positions.go) and are kept for a
		// query of nothing else (FieldStop; not those of amnen). Each text
		// is a block of the stream, and so is each line of the body. The
		// page's words and stems are found in slices by the analyzer's
		// numbers, and numbered for the page on first sight.
		words := func(text string, base int) {
			ps.block()
			sc.toks = an.AppendTokens(sc.toks[:0], text)
			prev := 0
			for _, tk := range sc.toks {
				if f == FieldText && strings.IndexByte(text[prev:tk.Start], '\n') >= 0 {
					ps.block()
				}
				prev = tk.End
				if tk.Stop {
					if f != FieldSubjects {
						a.nstops++
						at := slot(&sc.stopAt, tk.WordID)
						if *at == 0 {
							sc.stopList = append(sc.stopList, count{tk.Word.Word, tk.WordID, 0})
							*at = int32(len(sc.stopList))
						}
						sc.stopList[*at-1].n++
					}
					ps.skip()
					continue
				}
				n++
				at := slot(&sc.wordAt, tk.WordID)
				if *at == 0 {
					sc.wordList = append(sc.wordList, pageWord{word: tk.Word.Word, id: tk.WordID, stem: ps.stemIndex(sc, tk.Word)})
					*at = int32(len(sc.wordList))
				}
				w := &sc.wordList[*at-1]
				si := w.stem
				ps.addAt(sc, si)
				if sc.count[si] == 0 {
					sc.touched = append(sc.touched, si)
				}
				sc.count[si]++
				if f != FieldSubjects {
					w.n++
				}
				if f == FieldText && sc.first[si] < 0 {
					sc.first[si] = int32(base + tk.Start)
				}
			}
		}
		// The text is analyzed piece by piece, without joining it: the
		// offsets of the body count in the sections joined by newlines.
		switch f {
		case FieldTitle:
			words(d.Title, 0)
		case FieldSummary:
			words(d.Summary, 0)
		case FieldSubjects:
			for _, x := range d.Subjects {
				words(x, 0)
			}
		case FieldHeadings:
			for _, x := range secs {
				words(x.Heading, 0)
			}
		case FieldLessons:
			for _, x := range d.Lessons {
				words(x, 0)
			}
		case FieldText:
			off := 0
			for _, x := range secs {
				words(x.Text, off)
				off += len(x.Text) + 1
			}
		}
		a.lens[f] = n
		a.fields[f] = a.fields[f][:0]
		for _, si := range sc.touched {
			a.fields[f] = append(a.fields[f], count{sc.listStems[si], sc.listIDs[si], sc.count[si]})
			sc.count[si] = 0
		}
		if f == FieldText {
			a.first = a.first[:0]
			for _, si := range sc.touched {
				a.first = append(a.first, sc.first[si])
			}
		}
		sc.touched = sc.touched[:0]
	}
	a.forms, a.stems = a.forms[:0], a.stems[:0]
	for _, w := range sc.wordList {
		sc.wordAt[w.id] = 0
		if w.n > 0 {
			a.forms = append(a.forms, count{w.word, w.id, w.n})
			a.stems = append(a.stems, sc.listIDs[w.stem])
		}
	}
	sc.wordList = sc.wordList[:0]
	a.stops = append(a.stops[:0], sc.stopList...)
	for _, c := range sc.stopList {
		sc.stopAt[c.id] = 0
	}
	sc.stopList = sc.stopList[:0]
	a.pos, a.posBuf = ps.encode(sc, a.pos[:0], a.posBuf[:0])
}

// scratch is one worker's slices, emptied after each page and kept. A
// page's stems are numbered in the order it first has them (stemAt,
// listStems, listIDs); lists, count and first are by that number.
type scratch struct {
	text      []byte // the page's text, when Doc.Body reads it
	toks      []analysis.Token
	wordAt    []int32 // by the analyzer's word number: 1 + its entry in wordList, or 0
	wordList  []pageWord
	stopAt    []int32 // by the analyzer's word number: 1 + its entry in stopList, or 0
	stopList  []count
	stemAt    []int32 // by the analyzer's stem number: 1 + the page's number of the stem, or 0
	listStems []string
	listIDs   []int32   // the analyzer's number of each stem of listStems
	lists     [][]int32 // positions per stem, kept between pages
	count     []int32   // tokens per stem in the current field
	first     []int32   // the byte offset of the stem's first occurrence in the body, or -1
	touched   []int32   // the stems of the current field
}

// pageWord is a word of one page: its number, its stem's number on the
// page and its count in fields titel, sammanfattning, rubriker, lardomar
// and text.
type pageWord struct {
	word string
	id   int32
	stem int32
	n    int32
}

var scratchPool = sync.Pool{New: func() any { return &scratch{} }}

// slot returns the element id of *s, growing *s (with zeros) to hold it.
func slot[T any](s *[]T, id int32) *T {
	if int(id) >= len(*s) {
		*s = append(*s, make([]T, max(int(id)+1, 2*len(*s))-len(*s))...)
	}
	return &(*s)[id]
}

// termOf returns the term of the stem the analyzer numbered id, making it
// on first sight.
func (ix *Index) termOf(id int32, stem string) *term {
	t := slot(&ix.termByID, id)
	if *t == nil {
		*t = ix.termFor(stem)
	}
	return *t
}

func (ix *Index) termFor(stem string) *term {
	t := ix.byStem[stem]
	if t == nil {
		t = &term{stem: stem}
		ix.byStem[stem] = t
	}
	return t
}

// merge adds one page's counts to the postings. Pages come in order, so
// every postings list stays sorted.
func (ix *Index) merge(doc int32, a *pageCounts) {
	for f := FieldTitle; f <= FieldText; f++ {
		ix.lens[doc][f] = a.lens[f]
		for i, c := range a.fields[f] {
			t := ix.termOf(c.id, c.s)
			t.post[f].add(doc, c.n)
			if f == FieldText {
				putUvarint(&t.first, uint64(a.first[i]))
			}
		}
	}
	n := 0
	for _, p := range a.pos {
		t := ix.termByID[p.id]
		t.pos = append(t.pos, p.enc...)
		n += len(p.enc)
	}
	if ix.sp != nil {
		ix.unspilled += n + 2*len(a.fields[FieldText]) // a first offset takes about two bytes
		if ix.unspilled >= spillBytes {
			ix.spill()
		}
	}
	for _, c := range a.stops {
		l := slot(&ix.stopByID, c.id)
		if *l == nil {
			*l = &postings{}
			ix.stops[c.s] = *l
		}
		(*l).add(doc, c.n)
	}
	ix.lens[doc][FieldExact] = a.lens[FieldTitle] + a.lens[FieldSummary] + a.lens[FieldHeadings] + a.lens[FieldLessons] + a.lens[FieldText]
	ix.stopLens[doc] = a.nstops
	for i, c := range a.forms {
		at := slot(&ix.formByID, c.id)
		fm := *at
		if fm.t == nil {
			t := ix.termByID[a.stems[i]]
			fm = form{t, len(t.forms)}
			t.forms = append(t.forms, c.s)
			t.exact = append(t.exact, postings{})
			ix.forms[c.s] = fm
			*at = fm
		}
		fm.t.exact[fm.i].add(doc, c.n)
	}
}

// trim copies the lists merge made at their size, where they have more
// than an eighth spare. Not first and pos: pickTop reads them once, soon
// after, and drops them (pos copied at its size into heads and tails), so
// a copy here was only more to allocate, and the old and new arrays both
// live, at the search stage's peak (the two lists are about 150 MB at
// 100,000 pages).
func (t *term) trim() {
	clip := func(b *[]byte) {
		if cap(*b)-len(*b) > len(*b)/8 {
			*b = slices.Clone(*b)
		}
	}
	for f := range t.post {
		clip(&t.post[f].enc)
	}
	for i := range t.exact {
		clip(&t.exact[i].enc)
	}
}

// finish sorts the terms, computes statistics and picks each stem's best
// pages: those with a stored excerpt and those with a head of positions.
// It returns ctx's error if ctx is done before the excerpts are cut.
func (ix *Index) finish(ctx context.Context) error {
	ix.termByID, ix.formByID, ix.stopByID = nil, nil, nil // sortForms moves forms
	ix.terms = make([]*term, 0, len(ix.byStem))
	for _, t := range ix.byStem {
		t.folded = spelling.Fold(t.stem)
		ix.sortForms(t)
		ix.terms = append(ix.terms, t)
	}
	sort.Slice(ix.terms, func(i, j int) bool {
		a, b := ix.terms[i], ix.terms[j]
		if a.folded != b.folded {
			return a.folded < b.folded
		}
		return a.stem < b.stem
	})
	for _, l := range ix.lens {
		for f, n := range l {
			ix.total[f] += int(n)
		}
	}
	for f, t := range ix.total {
		if len(ix.lens) > 0 {
			ix.avg[f] = math.Ceil(float64(t) / float64(len(ix.lens)))
		}
	}
	for _, n := range ix.stopLens {
		ix.stopTotal += int(n)
	}
	if len(ix.stopLens) > 0 {
		ix.stopAvg = math.Ceil(float64(ix.stopTotal) / float64(len(ix.stopLens)))
	}
	ix.makeQs()
	par.For(len(ix.terms), func(i int) {
		if ctx.Err() == nil {
			ix.pickTop(ix.terms[i])
		}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	ix.cutExcerpts()
	return nil
}

// cutExcerpts cuts the excerpts pickTop chose, page by page, on every
// core: each page's text is read once (Doc.Body, when it is not in
// memory) for all the stems that store an excerpt of it.
func (ix *Index) cutExcerpts() {
	start := make([]int32, len(ix.Docs)+1) // the page's excerpts are byDoc[start[d]:start[d+1]]
	for _, t := range ix.terms {
		for _, tp := range t.top {
			if tp.at >= 0 {
				start[tp.doc+1]++
			}
		}
	}
	for d := range ix.Docs {
		start[d+1] += start[d]
	}
	byDoc := make([]*top, start[len(ix.Docs)])
	next := slices.Clone(start[:len(ix.Docs)])
	for _, t := range ix.terms {
		for k := range t.top {
			if tp := &t.top[k]; tp.at >= 0 {
				byDoc[next[tp.doc]] = tp
				next[tp.doc]++
			}
		}
	}
	par.For(len(ix.Docs), func(d int) {
		list := byDoc[start[d]:start[d+1]]
		if len(list) == 0 {
			return
		}
		// An excerpt is a copy, so the text is read into a buffer that
		// serves page after page.
		buf := textBuffers.Get().(*[]byte)
		defer textBuffers.Put(buf)
		secs := ix.Docs[d].sectionsIn(buf)
		for _, tp := range list {
			sec, excerpt := excerptAt(secs, int(tp.at))
			tp.section, tp.heading, tp.excerpt, tp.at = sec.ID, sec.Heading, excerpt, -1
		}
	})
}

// textBuffers hold a page's text while cutExcerpts cuts its excerpts.
var textBuffers = sync.Pool{New: func() any { return new([]byte) }}

// sortForms orders a term's forms, keeping their postings beside them.
func (ix *Index) sortForms(t *term) {
	idx := make([]int, len(t.forms))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(i, j int) bool { return t.forms[idx[i]] < t.forms[idx[j]] })
	forms := make([]string, len(idx))
	exact := make([]postings, len(idx))
	for i, k := range idx {
		forms[i], exact[i] = t.forms[k], t.exact[k]
		ix.forms[forms[i]] = form{t, i}
	}
	t.forms, t.exact = forms, exact
}

// FieldTokens returns the number of tokens of field f (or FieldStop) over
// all pages.
func (ix *Index) FieldTokens(f int) int {
	if f == FieldStop {
		return ix.stopTotal
	}
	return ix.total[f]
}

// StopWords returns, for every page, its stop words (FieldStop), each as
// often as the page has it, sorted: the field's text for an engine that
// analyzes text itself.
func (ix *Index) StopWords() [][]string {
	words := make([]string, 0, len(ix.stops))
	for w := range ix.stops {
		words = append(words, w)
	}
	sort.Strings(words)
	out := make([][]string, len(ix.Docs))
	for _, w := range words {
		for _, p := range ix.stops[w].decode() {
			for range p.tf {
				out[p.doc] = append(out[p.doc], w)
			}
		}
	}
	return out
}

// norm is the field length as bleve's scorer sees it: zap stores
// float32(1/√len) and the scorer takes 1/norm².
func norm(n int32) float64 {
	nm := float64(float32(1 / math.Sqrt(float64(n))))
	return 1 / (nm * nm)
}

// tfpart is the BM25 term-frequency part of bleve's term scorer.
func (ix *Index) tfpart(f int, p posting) float64 {
	tf := math.Sqrt(float64(p.tf))
	if f == FieldStop {
		return tf * k1 / (tf + k1*(1-b+b*norm(ix.stopLens[p.doc])/ix.stopAvg))
	}
	return tf * k1 / (tf + k1*(1-b+b*norm(ix.lens[p.doc][f])/ix.avg[f]))
}

// qTF is the highest count of a word on a page whose q qs holds: most
// postings count a word once or a few times.
const qTF = 8

// q is tfpart as the browser index holds it (quantize, at most 63), which
// every ranking and every postings list of the index computes, many
// times per posting: from qs when it holds it.
//
// qs is by field first: a ranking or a postings list reads one field's
// postings in page order, so it reads one field's part of qs from start
// to end, 8 bytes a page. By page first (72 bytes a page, every field's
// beside each other), every page of a list was a cache line of its own:
// at 100,000 pages (7 MB of qs, more than the caches hold) q took 33
// times as long as at 10,000.
func (ix *Index) q(f int, p posting) int {
	if p.tf >= 1 && p.tf <= qTF {
		return int(ix.qs[f][p.doc][p.tf-1])
	}
	return min(quantize(ix.tfpart(f, p)), 63)
}

// makeQs fills qs, once the fields' mean lengths are known.
func (ix *Index) makeQs() {
	for f := range ix.qs {
		ix.qs[f] = make([][qTF]uint8, len(ix.lens))
	}
	par.For(len(ix.lens), func(d int) {
		for f := range ix.qs {
			for tf := range int32(qTF) {
				ix.qs[f][d][tf] = uint8(min(quantize(ix.tfpart(f, posting{int32(d), tf + 1})), 63))
			}
		}
	})
}

// idf is bleve's BM25 idf of a term found in df of the index's pages.
func (ix *Index) idf(df int) float64 {
	n := float64(len(ix.Docs))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// quantize is how tfpart travels in the browser index: in steps of 0.02,
// one character of the postings for most pages.
func quantize(x float64) int { return int(math.Round(50 * x)) }

// baseForm returns the index of t's shortest form (the one on more pages,
// then the first in order, on a tie), or -1 when t has none: for most
// nouns the indefinite singular, the form readers type (hemtjänst, not
// hemtjänsten; kamera, not kameran).
func (t *term) baseForm() int {
	best := -1
	for i, f := range t.forms {
		if best < 0 {
			best = i
			continue
		}
		n, m := utf8.RuneCountInString(f), utf8.RuneCountInString(t.forms[best])
		if n < m || n == m && t.exact[i].len() > t.exact[best].len() {
			best = i
		}
	}
	return best
}

// pickTop ranks the pages with t and keeps the best. The rankings: by the
// score of a query of t's base form, exact form included (what readers
// mostly type: hemtjänst, äldreomsorg, and the same without å ä ö); the
// same without the exact form, as a query that finds t by a folded form,
// a prefix or a typo scores it; and for each other form, a query of that
// form (larmet). The first TopPages of each have their excerpts stored,
// so the pages such queries show first need no page chunk; the first
// NearPages of the first a head of positions; and when t is on more than
// SplitPages pages, the first FirstPages of the first two, the first
// FormPages of the others and every page with a head make the first part
// of its postings (split), from which such queries rank their first
// results.
func (ix *Index) pickTop(t *term) {
	w := rankers.Get().(*ranker)
	defer rankers.Put(w)
	if !ix.unspill(t, w) {
		return
	}
	l := &w.l
	t.decodeInto(l)
	pages := l.pagesThrough(FieldText, &w.stream, &w.tmp)
	all := unionInto(&w.all, pages, l.post[FieldParts])
	t.df = len(all)
	if len(all) == 0 {
		return
	}
	split := len(all) > SplitPages
	// The pages of the stream (fields titel to text) are some of all,
	// both ascending: streamAt is each page of all's index in pages, or
	// -1, and allAt each page of pages' index in all.
	streamAt, allAt := grown(&w.streamAt, len(all)), grown(&w.allAt, len(pages))
	for i, k := 0, 0; i < len(all); i++ {
		streamAt[i] = -1
		if k < len(pages) && pages[k] == all[i] {
			streamAt[i], allAt[k] = int32(k), int32(i)
			k++
		}
	}
	// Each ranking is asked for as many pages as it gives: the plain one
	// serves excerpts, and the first part when the postings are split.
	nPlain := TopPages
	if split {
		nPlain = FirstPages
	}
	others := len(all) - len(pages)
	r := ix.rankPages(w, t, l, all, max(NearPages, FirstPages)+others, nPlain+others)
	byBase, plain := r.byBase, r.plain
	// The rankings of the pages of the stream, as indexes into pages.
	streamOf := func(order []int) []int {
		out := make([]int, 0, len(order))
		for _, i := range order {
			if k := streamAt[i]; k >= 0 {
				out = append(out, int(k))
			}
		}
		return out
	}
	sBase, sPlain := streamOf(byBase), streamOf(plain)
	// And by each other form, for a query of that form (larmet), whose
	// exact boost reorders the first results.
	orders := [][]int{sBase, sPlain}
	var formFirst [][]int // per other form, its first FormPages, as indexes into all
	if base := t.baseForm(); base >= 0 {
		inStream := grown(&w.inStream, len(all))
		for i, k := range streamAt {
			inStream[i] = k >= 0
		}
		n := TopPages
		if split {
			n = FormPages
		}
		for k := range t.forms {
			if k != base && len(l.exact[k]) > 0 {
				order := r.byForm(k, inStream, n)
				orders = append(orders, streamOf(order))
				formFirst = append(formFirst, order)
			}
		}
	}
	heads := grown(&w.heads, len(pages))
	for _, i := range sBase[:min(len(sBase), NearPages)] {
		heads[i] = true
	}
	if ix.sp == nil {
		t.splitPositions(pages, heads, split, &w.bounds, nil)
	} else { // the tail, made in the worker's buffer, waits in the spool
		t.splitPositions(pages, heads, split, &w.bounds, &w.tail)
		if len(t.tail) > 0 {
			t.tailRef, t.tailLen = ix.sp.Put(t.tail), len(t.tail)
		}
		t.tail = nil
	}
	if split {
		first := grown(&w.first, len(all))
		for _, order := range [][]int{byBase, plain} {
			for _, i := range order[:FirstPages] {
				first[i] = true
			}
		}
		for _, order := range formFirst {
			for _, i := range order {
				first[i] = true
			}
		}
		for i, h := range heads {
			if h {
				first[allAt[i]] = true
			}
		}
		t.split(ix, w, l, all, first, r)
	}

	// The excerpt: the body around the stem's first occurrence (cut by
	// cutExcerpts, once every stem has chosen), or, when the body does
	// not have it, the summary, as a result without an excerpt shows.
	stored := grown(&w.stored, len(pages))
	text := l.post[FieldText]
	firsts := uvarints(t.first, w.firsts)
	w.firsts = firsts
	t.first = nil
	for _, order := range orders {
		for _, i := range order[:min(len(order), TopPages)] {
			if stored[i] {
				continue
			}
			stored[i] = true
			k, ok := slices.BinarySearchFunc(text, pages[i], func(q posting, d int32) int { return cmp.Compare(q.doc, d) })
			if !ok {
				t.top = append(t.top, top{doc: pages[i], at: -1, excerpt: ix.Docs[pages[i]].Summary})
				continue
			}
			t.top = append(t.top, top{doc: pages[i], at: firsts[k]})
		}
	}
}

// ranking is the pages of a term (ascending) ranked by the score of a
// query of it.
type ranking struct {
	byBase, plain []int // indexes of pages, best first: with the base form's clause of exakt, without
	// byForm ranks the pages marked in stream by a query of one of the
	// term's forms, its first n.
	byForm func(form int, stream []bool, n int) []int
	sum    []float64 // per page, Σ idf² × boost × q/50 over its clauses of fields titel to delar
	hits   []int32   // per page, the number of those clauses it matches
}

// rankPages returns the indexes of pages (t's, ascending) best first by
// the score of a query of t, as the engines compute it (fields titel to
// delar, times coord; the lower page number first on a tie), twice: with
// t's base form exactly as one more clause, its first n, and without it,
// its first nPlain (n, when t has no base form: the two are then one).
// The fields' sums are made once and serve both, and split.
func (ix *Index) rankPages(rw *ranker, t *term, l *lists, pages []int32, n, nPlain int) ranking {
	boost := ix.Weights.boost()
	sum := grown(&rw.sum, len(pages))
	matched := grown(&rw.hits, len(pages))
	clauses := 0
	add := func(score []float64, matched []int32, f int, post []posting, weight float64) {
		idf := ix.idf(len(post))
		w := idf * idf * weight / 50
		eachPage(pages, post, func(i int, p posting) {
			score[i] += w * float64(ix.q(f, p))
			matched[i]++
		})
	}
	for f := FieldTitle; f <= FieldParts; f++ {
		if len(l.post[f]) > 0 {
			clauses++
			add(sum, matched, f, l.post[f], boost[f])
		}
	}
	final := grown(&rw.final, len(pages))
	work := grown(&rw.work, len(pages)) // best's
	order := func(score []float64, matched []int32, clauses, n int) []int {
		for i := range score {
			final[i] = score[i] * (float64(matched[i]) / float64(clauses))
		}
		return best(final, pages, n, work, &rw.cands)
	}
	form := t.baseForm()
	if form < 0 || len(l.exact[form]) == 0 {
		nPlain = n
	}
	plain := order(sum, matched, clauses, nPlain)
	// byForm ranks the pages of the stream by a query of one of t's forms
	// (the base form's ranking but for that form), its first n.
	byForm := func(form int, stream []bool, n int) []int {
		idf := ix.idf(len(l.exact[form]))
		w := idf * idf * boost[FieldExact] / 50
		for i := range final {
			final[i] = sum[i] * (float64(matched[i]) / float64(clauses+1))
		}
		eachPage(pages, l.exact[form], func(i int, p posting) {
			final[i] = (sum[i] + w*float64(ix.q(FieldExact, p))) * (float64(matched[i]+1) / float64(clauses+1))
		})
		for i, ok := range stream {
			if !ok {
				final[i] = -1
			}
		}
		out := best(final, pages, n, work, &rw.cands)
		for len(out) > 0 && final[out[len(out)-1]] < 0 {
			out = out[:len(out)-1]
		}
		return out
	}
	r := ranking{byBase: plain, plain: plain, byForm: byForm, sum: sum, hits: matched}
	if form < 0 || len(l.exact[form]) == 0 {
		return r
	}
	baseSum, baseMatched := grown(&rw.baseSum, len(sum)), grown(&rw.baseHits, len(matched))
	copy(baseSum, sum)
	copy(baseMatched, matched)
	add(baseSum, baseMatched, FieldExact, l.exact[form], boost[FieldExact])
	r.byBase = order(baseSum, baseMatched, clauses+1, n)
	return r
}

// eachPage calls fn for each posting of list (ascending) with the index of
// its page in pages (ascending, holding every page of list).
func eachPage(pages []int32, list []posting, fn func(i int, p posting)) {
	i := 0
	for _, p := range list {
		for pages[i] < p.doc {
			i++
		}
		fn(i, p)
	}
}

// best returns the indexes of the n highest scores (all of them when
// fewer), highest first, the lower page first on a tie: the n-th highest
// score is selected among the plain numbers (in work, as long as score),
// and only the scores at or above it are sorted with their pages.
func best(score []float64, pages []int32, n int, work []float64, buf *[]candidate) []int {
	cs := (*buf)[:0]
	if len(score) <= n {
		for i, x := range score {
			cs = append(cs, candidate{x, pages[i], int32(i)})
		}
	} else {
		cut := kth(work[:copy(work, score)], n)
		for i, x := range score {
			if x >= cut {
				cs = append(cs, candidate{x, pages[i], int32(i)})
			}
		}
	}
	slices.SortFunc(cs, func(a, b candidate) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.page, b.page)
	})
	out := make([]int, min(n, len(cs)))
	for k := range out {
		out[k] = int(cs[k].i)
	}
	*buf = cs
	return out
}

// candidate is a page best sorts, with its score and page beside it, not
// read through indexes into score and pages.
type candidate struct {
	score float64
	page  int32
	i     int32
}

// split keeps the pages marked in first (one per page of all, t's pages)
// as the first part of t's postings, and bounds the score of the others
// (r: the ranking of all).
func (t *term) split(ix *Index, rw *ranker, l *lists, all []int32, first []bool, r ranking) {
	sp := &split{sums: make([]float64, len(t.forms)), sumHits: make([]float64, len(t.forms))}
	boost := ix.Weights.boost()
	sum, hits := r.sum, r.hits
	for i, d := range all {
		if first[i] {
			sp.pages = append(sp.pages, d)
		}
	}
	for i := range all {
		if !first[i] {
			sp.plain = max(sp.plain, sum[i])
			sp.plainHits = max(sp.plainHits, sum[i]*float64(hits[i]))
		}
	}
	for k, list := range l.exact {
		idf := ix.idf(len(list))
		w := idf * idf * boost[FieldExact] / 50
		with := grown(&rw.with, len(all))
		has := grown(&rw.has, len(all))
		eachPage(all, list, func(i int, p posting) {
			with[i] = w * float64(ix.q(FieldExact, p))
			has[i] = true
		})
		for i := range all {
			if first[i] {
				continue
			}
			h := hits[i]
			if has[i] {
				h++
			}
			sp.sums[k] = max(sp.sums[k], sum[i]+with[i])
			sp.sumHits[k] = max(sp.sumHits[k], (sum[i]+with[i])*float64(h))
		}
	}
	t.firstPart = sp
}

// ranker is one worker's slices for ranking a term's pages (pickTop) and
// writing its postings (termEntries), kept from term to term: made anew
// for each term, they were a third of the stage's allocations.
type ranker struct {
	l                              lists
	stream, all, tmp               []int32
	streamAt, allAt, hits          []int32
	baseHits, firsts, bounds       []int32
	sum, baseSum, final, work      []float64
	with                           []float64
	inStream, heads, stored, first []bool
	has                            []bool
	cands                          []candidate
	kept                           []posting
	pos, firstBuf, run, tail       []byte // a spooled term's positions and first offsets, a run read back, its tail (spill.go)
}

var rankers = sync.Pool{New: func() any { return new(ranker) }}

// grown sets *s to n zero values, reusing its array when it is large
// enough, and returns it.
func grown[T any](s *[]T, n int) []T {
	if cap(*s) < n {
		*s = make([]T, n)
	} else {
		*s = (*s)[:n]
		clear(*s)
	}
	return *s
}

// kth returns the k-th highest of s (k from 1), reordering s: Hoare's
// selection, linear on average.
func kth(s []float64, k int) float64 {
	at := len(s) - k // its place in ascending order
	lo, hi := 0, len(s)-1
	for lo < hi {
		p := s[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for s[i] < p {
				i++
			}
			for s[j] > p {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case at <= j:
			hi = j
		case at >= i:
			lo = i
		default:
			return s[at]
		}
	}
	return s[at]
}
