package index

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"sync"

	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/search/analysis"
	"kunskapsbanken/generator/internal/spelling"
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

// Index is the analyzed pages: terms, postings and statistics.
type Index struct {
	Docs    []Doc
	Weights Weights

	terms  []*term          // sorted by folded stem, then stem
	byStem map[string]*term //
	forms  map[string]form  // word form → its stem's term and index
	lens   [][NumFields]int32
	total  [NumFields]int     // tokens in each field, all pages
	avg    [NumFields]float64 // mean field length, rounded up as bleve does
	an     *analysis.Analyzer // the cache of every word's stem, for queries too
}

// term is one stem with its postings in every field.
type term struct {
	stem   string
	folded string
	forms  []string              // word forms (field exakt), sorted
	post   [FieldExact][]posting // fields titel to delar
	exact  [][]posting           // per form
	first  []int32               // per text posting: byte offset of the first occurrence in the body
	df     int                   // pages holding the stem in fields titel to delar
	top    []top
}

type posting struct{ doc, tf int32 }

type form struct {
	t *term
	i int
}

// top is a page with a stored excerpt for a stem.
type top struct {
	doc              int32
	section, heading string
	excerpt          string
}

// pageCounts is what one page's analysis gives, merged into the index in
// page order.
type pageCounts struct {
	fields [FieldExact][]count // fields titel to text (delar comes later)
	first  []int32             // per fields[FieldText] entry
	forms  []count             // word forms of fields titel, sammanfattning, rubriker and text
	stems  []string            // the stem of each form
	lens   [FieldExact]int32
}

type count struct {
	s string
	n int32
}

// Build analyzes the pages. Pages are numbered in the order given.
func Build(docs []Doc, w Weights) *Index {
	ix := &Index{Docs: docs, Weights: w, byStem: map[string]*term{}, forms: map[string]form{}}
	ix.lens = make([][NumFields]int32, len(docs))
	an := analysis.NewAnalyzer()
	ix.an = an
	const batch = 256
	out := make([]pageCounts, batch)
	for start := 0; start < len(docs); start += batch {
		n := min(batch, len(docs)-start)
		par.For(n, func(i int) { out[i] = countPage(an, &docs[start+i]) })
		for i := 0; i < n; i++ {
			ix.merge(int32(start+i), &out[i])
			out[i] = pageCounts{}
		}
	}
	ix.compounds()
	ix.finish()
	return ix
}

// countPage counts one page's terms.
func countPage(an *analysis.Analyzer, d *Doc) pageCounts {
	var a pageCounts
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	for f := FieldTitle; f <= FieldText; f++ {
		n := int32(0)
		add := func(word, stem string, start, _ int) {
			n++
			sc.counts[stem]++
			if f != FieldSubjects {
				sc.forms[word]++
				sc.stems[word] = stem
			}
			if f == FieldText {
				if _, ok := sc.firsts[stem]; !ok {
					sc.firsts[stem] = int32(start)
				}
			}
		}
		// The text is analyzed piece by piece, without joining it: the
		// offsets of the body count in the sections joined by newlines.
		switch f {
		case FieldTitle:
			an.Tokens(d.Title, add)
		case FieldSummary:
			an.Tokens(d.Summary, add)
		case FieldSubjects:
			for _, x := range d.Subjects {
				an.Tokens(x, add)
			}
		case FieldHeadings:
			for _, x := range d.Sections {
				an.Tokens(x.Heading, add)
			}
		case FieldText:
			off := 0
			for _, x := range d.Sections {
				base := off
				an.Tokens(x.Text, func(word, stem string, start, end int) { add(word, stem, base+start, 0) })
				off += len(x.Text) + 1
			}
		}
		a.lens[f] = n
		a.fields[f] = flatten(sc.counts)
		if f == FieldText {
			a.first = make([]int32, len(a.fields[f]))
			for i, c := range a.fields[f] {
				a.first[i] = sc.firsts[c.s]
			}
			clear(sc.firsts)
		}
	}
	a.forms = flatten(sc.forms)
	a.stems = make([]string, len(a.forms))
	for i, c := range a.forms {
		a.stems[i] = sc.stems[c.s]
	}
	clear(sc.stems)
	return a
}

// scratch is one worker's maps, emptied after each page and kept.
type scratch struct {
	counts, forms, firsts map[string]int32
	stems                 map[string]string
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{counts: map[string]int32{}, forms: map[string]int32{}, firsts: map[string]int32{},
		stems: map[string]string{}}
}}

// flatten empties m into a slice. The order does not matter: pages are
// merged in page order, and terms and forms are sorted once at the end.
func flatten(m map[string]int32) []count {
	out := make([]count, 0, len(m))
	for s, n := range m {
		out = append(out, count{s, n})
	}
	clear(m)
	return out
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
			t := ix.termFor(c.s)
			t.post[f] = append(t.post[f], posting{doc, c.n})
			if f == FieldText {
				t.first = append(t.first, a.first[i])
			}
		}
	}
	ix.lens[doc][FieldExact] = a.lens[FieldTitle] + a.lens[FieldSummary] + a.lens[FieldHeadings] + a.lens[FieldText]
	for i, c := range a.forms {
		fm, ok := ix.forms[c.s]
		if !ok {
			t := ix.termFor(a.stems[i])
			fm = form{t, len(t.forms)}
			t.forms = append(t.forms, c.s)
			t.exact = append(t.exact, nil)
			ix.forms[c.s] = fm
		}
		fm.t.exact[fm.i] = append(fm.t.exact[fm.i], posting{doc, c.n})
	}
}

// finish sorts the terms, computes statistics and picks each stem's top
// pages.
func (ix *Index) finish() {
	ix.terms = make([]*term, 0, len(ix.byStem))
	for _, t := range ix.byStem {
		t.folded = spelling.Fold(t.stem)
		t.df = t.docs()
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
	par.For(len(ix.terms), func(i int) { ix.pickTop(ix.terms[i]) })
}

// sortForms orders a term's forms, keeping their postings beside them.
func (ix *Index) sortForms(t *term) {
	idx := make([]int, len(t.forms))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(i, j int) bool { return t.forms[idx[i]] < t.forms[idx[j]] })
	forms := make([]string, len(idx))
	exact := make([][]posting, len(idx))
	for i, k := range idx {
		forms[i], exact[i] = t.forms[k], t.exact[k]
		ix.forms[forms[i]] = form{t, i}
	}
	t.forms, t.exact = forms, exact
}

// docs counts the pages holding t in any of fields titel to delar.
func (t *term) docs() int {
	var lists [][]posting
	for f := FieldTitle; f <= FieldParts; f++ {
		if len(t.post[f]) > 0 {
			lists = append(lists, t.post[f])
		}
	}
	if len(lists) == 1 {
		return len(lists[0])
	}
	seen := map[int32]struct{}{}
	for _, l := range lists {
		for _, p := range l {
			seen[p.doc] = struct{}{}
		}
	}
	return len(seen)
}

// FieldTokens returns the number of tokens of field f over all pages.
func (ix *Index) FieldTokens(f int) int { return ix.total[f] }

// norm is the field length as bleve's scorer sees it: zap stores
// float32(1/√len) and the scorer takes 1/norm².
func norm(n int32) float64 {
	nm := float64(float32(1 / math.Sqrt(float64(n))))
	return 1 / (nm * nm)
}

// tfpart is the BM25 term-frequency part of bleve's term scorer.
func (ix *Index) tfpart(f int, p posting) float64 {
	tf := math.Sqrt(float64(p.tf))
	return tf * k1 / (tf + k1*(1-b+b*norm(ix.lens[p.doc][f])/ix.avg[f]))
}

// idf is bleve's BM25 idf of a term found in df of the index's pages.
func (ix *Index) idf(df int) float64 {
	n := float64(len(ix.Docs))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// quantize is how tfpart travels in the browser index: in steps of 0.02,
// one character of the postings for most pages.
func quantize(x float64) int { return int(math.Round(50 * x)) }

// pickTop chooses the pages whose excerpts the browser index stores for t:
// those with t in the body, best first by t's score alone (the lower page
// number first on a tie).
func (ix *Index) pickTop(t *term) {
	text := t.post[FieldText]
	if len(text) == 0 {
		return
	}
	// The score of a query of the stem alone, as the engines compute it
	// (the exact form left out): fields titel to delar, times coord.
	boost := ix.Weights.boost()
	score := make([]float64, len(text))
	matched := make([]int, len(text))
	clauses := 0
	for f := FieldTitle; f <= FieldParts; f++ {
		if len(t.post[f]) == 0 {
			continue
		}
		clauses++
		idf := ix.idf(len(t.post[f]))
		for _, p := range t.post[f] {
			i, ok := slices.BinarySearchFunc(text, p.doc, func(q posting, d int32) int { return cmp.Compare(q.doc, d) })
			if ok {
				score[i] += idf * idf * boost[f] * float64(min(quantize(ix.tfpart(f, p)), 63)) / 50
				matched[i]++
			}
		}
	}
	for i := range score {
		score[i] *= float64(matched[i]) / float64(clauses)
	}
	better := func(i, j int) bool {
		return score[i] > score[j] || score[i] == score[j] && text[i].doc < text[j].doc
	}
	best := make([]int, 0, TopPages+1)
	for i := range text {
		if len(best) == TopPages && !better(i, best[TopPages-1]) {
			continue
		}
		k := len(best)
		best = append(best, i)
		for ; k > 0 && better(i, best[k-1]); k-- {
			best[k] = best[k-1]
		}
		best[k] = i
		if len(best) > TopPages {
			best = best[:TopPages]
		}
	}
	for _, i := range best {
		d := &ix.Docs[text[i].doc]
		sec, excerpt := excerptAt(d, int(t.first[i]))
		t.top = append(t.top, top{doc: text[i].doc, section: sec.ID, heading: sec.Heading, excerpt: excerpt})
	}
}
