// Package analysis is the Swedish analysis both search engines share:
// bleve/v2's "sv" analyzer (Unicode word segmentation, lower-casing,
// Swedish stop words, Snowball stemming, with the Swedish endings Snowball
// leaves taken off: endings.go), as an Analyzer, which analyzes
// each distinct spelling of a word once, numbers each distinct word and
// stem (AppendTokens gives a text's tokens with their numbers) and cuts
// the lines of Latin text into words in one pass of its own, exactly as
// bleve's tokenizer does;
// the browser engine carries the same analysis in JavaScript
// (search/browser), held to this one by its tests.
package analysis

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"sync/atomic"

	bleveanalysis "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
)

// Analyzer is bleve's Swedish analysis (the sv analyzer: the unicode
// tokenizer, to_lower, stop_sv, and stemmer_sv_snowball with kb's endings:
// the analyzer AnalyzerName), with every distinct
// token's analysis cached, so lower-casing, the stop-word lookup and
// stemming run once per distinct spelling of a word rather than once per
// occurrence. Its terms are exactly those of AnalyzerName as bleve runs
// it (analyzer_test.go checks it), and the browser engine computes the same
// (search/browser/js/analysis.js).
//
// An Analyzer is safe for concurrent use, and made to be shared by the
// goroutines of a build: a lookup reads a map that is never written (an
// atomic pointer to it, so readers on many cores do not contend), and only
// a token not in it takes the lock of the map of recent analyses, which
// is merged into a new read-only map whenever it has grown by a quarter.
// The cache only grows; use one Analyzer per build.
//
// It also numbers what it finds, in the order it first meets them: each
// distinct lower-cased word (Word.WordID) and each distinct stem
// (Word.StemID), from 0, so that a caller counting words keeps them in
// slices by number and hashes each token once, here.
type Analyzer struct {
	lower, stop, stem bleveanalysis.TokenFilter

	known atomic.Pointer[map[string]*Word] // read only

	mu      sync.Mutex
	fresh   map[string]*Word // analyzed since known was replaced
	wordIDs map[string]int32 // lower-cased word → its number
	stemIDs map[string]int32 // stem → its number
}

// Word is the analysis of one token as written.
type Word struct {
	Word, Stem     string // the lower-cased word and its stem ("" for a stop word)
	Stop           bool
	WordID, StemID int32 // the numbers of Word and of Stem (-1 for a stop word)
}

// Token is one token of a text: its analysis and its byte offsets.
type Token struct {
	*Word
	Start, End int
}

// NewAnalyzer returns an Analyzer with an empty cache.
func NewAnalyzer() *Analyzer {
	cache := registry.NewCache()
	filter := func(name string) bleveanalysis.TokenFilter {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			panic(fmt.Sprintf("analysis: bleve's token filter %s: %v", name, err))
		}
		return f
	}
	a := &Analyzer{
		lower:   filter(lowercase.Name),
		stop:    filter(sv.StopName),
		stem:    filter(StemmerName),
		fresh:   map[string]*Word{},
		wordIDs: map[string]int32{},
		stemIDs: map[string]int32{},
	}
	a.known.Store(&map[string]*Word{})
	return a
}

// Tokens calls fn for every token of text that is not a stop word, in
// order: the lower-cased word, its stem, and the byte offsets of the token
// in text. Tokens are segment's word segments, as bleve's unicode tokenizer
// makes them.
func (a *Analyzer) Tokens(text string, fn func(word, stem string, start, end int)) {
	words(text, func(start, end int) {
		if w := a.lookup(text[start:end]); !w.Stop {
			fn(w.Word, w.Stem, start, end)
		}
	})
}

// Stem returns the stem of one word as Tokens would give it ("" for a
// stop word). The word is not segmented: give it one token.
func (a *Analyzer) Stem(word string) string {
	w := a.lookup(word)
	if w.Stop {
		return ""
	}
	return w.Stem
}

// lookup returns the analysis of tok from the cache, analysing it first if
// it is not there.
func (a *Analyzer) lookup(tok string) *Word {
	if w, ok := (*a.known.Load())[tok]; ok {
		return w
	}
	a.mu.Lock()
	w, ok := a.fresh[tok]
	a.mu.Unlock()
	if ok {
		return w
	}
	w = a.analyze(tok) // outside the lock: at worst twice
	a.mu.Lock()
	defer a.mu.Unlock()
	if old, ok := a.fresh[tok]; ok {
		return old
	}
	w.WordID = number(a.wordIDs, w.Word)
	w.StemID = -1
	if !w.Stop {
		w.StemID = number(a.stemIDs, w.Stem)
	}
	a.fresh[strings.Clone(tok)] = w // not the text tok is a slice of, which search may read from disk and drop
	known := *a.known.Load()
	if len(a.fresh) >= max(64, len(known)/4) {
		m := make(map[string]*Word, len(known)+len(a.fresh))
		maps.Copy(m, known)
		maps.Copy(m, a.fresh)
		a.known.Store(&m)
		a.fresh = map[string]*Word{}
	}
	return w
}

// number returns s's number in ids, numbering it next when it has none.
func number(ids map[string]int32, s string) int32 {
	n, ok := ids[s]
	if !ok {
		n = int32(len(ids))
		ids[s] = n
	}
	return n
}

// analyze runs bleve's filters over one token.
func (a *Analyzer) analyze(tok string) *Word {
	ts := bleveanalysis.TokenStream{{Term: []byte(tok)}}
	ts = a.lower.Filter(ts)
	w := &Word{Word: string(ts[0].Term)}
	if len(a.stop.Filter(ts)) == 0 {
		w.Stop = true
		return w
	}
	ts = a.stem.Filter(ts)
	w.Stem = string(ts[0].Term)
	return w
}

// Words is Tokens with the stop words too: fn gets every token of text in
// order, a stop word with stop set and no stem. The index counts word
// positions with it (stop words take a position) and keeps the stop words'
// exact forms, for a query of nothing else.
func (a *Analyzer) Words(text string, fn func(word, stem string, stop bool, start, end int)) {
	words(text, func(start, end int) {
		w := a.lookup(text[start:end])
		fn(w.Word, w.Stem, w.Stop, start, end)
	})
}

// AppendTokens appends every token of text to dst, stop words too, in
// order, and returns it: Words without a call per token.
func (a *Analyzer) AppendTokens(dst []Token, text string) []Token {
	n := len(dst)
	dst = cut(dst, text)
	for i := n; i < len(dst); i++ {
		dst[i].Word = a.lookup(text[dst[i].Start:dst[i].End])
	}
	return dst
}
