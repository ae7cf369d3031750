package analysis

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"kunskapsbanken/generator/internal/search/internal/texts"
)

// analyzerToken is what Analyzer.Tokens yields for one token.
type analyzerToken struct {
	word, stem string
	start, end int
}

func analyzerTokens(a *Analyzer, text string) []analyzerToken {
	var out []analyzerToken
	a.Tokens(text, func(word, stem string, start, end int) {
		out = append(out, analyzerToken{word, stem, start, end})
	})
	return out
}

// analyzerBleveTokens is what bleve's registered sv analyzer makes of text, with
// each token's lower-cased word from its tokenizer and to_lower.
func analyzerBleveTokens(t testing.TB, text string) []analyzerToken {
	t.Helper()
	cache := registry.NewCache()
	a, err := cache.AnalyzerNamed(AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	da := a.(*analysis.DefaultAnalyzer)
	words := map[int]string{}
	for _, tok := range da.TokenFilters[0].Filter(da.Tokenizer.Tokenize([]byte(text))) {
		words[tok.Start] = string(tok.Term)
	}
	var out []analyzerToken
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, analyzerToken{words[tok.Start], string(tok.Term), tok.Start, tok.End})
	}
	return out
}

// TestAnalyzerMatchesBleve checks that Analyzer.Tokens gives what bleve's
// sv analyzer gives, on the site's content and the edge cases, with one
// Analyzer shared by goroutines that each go through all the texts.
func TestAnalyzerMatchesBleve(t *testing.T) {
	all := texts.Content(t)
	for i, s := range texts.EdgeCases {
		all = append(all, texts.Text{Name: fmt.Sprintf("edge case %d", i+1), Text: s})
	}
	want := make([][]analyzerToken, len(all))
	for i, tx := range all {
		want[i] = analyzerBleveTokens(t, tx.Text)
	}

	a := NewAnalyzer()
	const workers = 4
	errs := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range all {
				i := (k + w*len(all)/workers) % len(all) // each starts elsewhere
				got := analyzerTokens(a, all[i].Text)
				if d := analyzerFirstDiff(got, want[i]); d >= 0 {
					errs[w] = append(errs[w], fmt.Sprintf("%s: token %d: Analyzer %v, bleve %v",
						all[i].Name, d, analyzerAt(got, d), analyzerAt(want[i], d)))
				}
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		for i, msg := range e {
			if i == 5 {
				t.Errorf("… %d texts in all", len(e))
				break
			}
			t.Error(msg)
		}
	}
}

func analyzerFirstDiff(got, want []analyzerToken) int {
	for i := range max(len(got), len(want)) {
		if i >= len(got) || i >= len(want) || got[i] != want[i] {
			return i
		}
	}
	return -1
}

func analyzerAt(list []analyzerToken, i int) any {
	if i < len(list) {
		return list[i]
	}
	return "none"
}

// TestAnalyzerCache checks that a cached analysis is the same as the
// first: the cache is keyed by the token as written, so each spelling of
// a word, stop words included, has its own entry.
func TestAnalyzerCache(t *testing.T) {
	const text = "Och OCH och Kommunerna KOMMUNERNA kommunerna İstanbul ΟΔΟΣ Ω Ωm"
	want := analyzerBleveTokens(t, text)
	if len(want) != 7 {
		t.Fatalf("bleve gives %d tokens, want the 7 that are not stop words: %v", len(want), want)
	}
	a := NewAnalyzer()
	for pass := range 2 {
		if got := analyzerTokens(a, text); analyzerFirstDiff(got, want) >= 0 {
			t.Errorf("pass %d: got %v, want %v", pass+1, got, want)
		}
	}
}

// BenchmarkAnalyzer analyses the bodies of the 1,000 pages of the synthetic
// corpus: with bleve's sv analyzer, and with Analyzer, whose cache starts
// empty in every iteration (as in a build), is warm from the iterations
// before, or is shared by goroutines that split the pages between them (as
// Build does).
func BenchmarkAnalyzer(b *testing.B) {
	var bodies []string
	size := 0
	for _, tx := range texts.Corpus(b) {
		body := tx.Text
		if strings.HasPrefix(body, "---\n") {
			if i := strings.Index(body[4:], "\n---\n"); i >= 0 {
				body = body[4+i+5:]
			}
		}
		bodies = append(bodies, body)
		size += len(body)
	}
	b.Run("sv", func(b *testing.B) {
		a, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, body := range bodies {
				a.Analyze([]byte(body))
			}
		}
	})
	b.Run("Analyzer", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			a := NewAnalyzer()
			for _, body := range bodies {
				a.Tokens(body, func(word, stem string, start, end int) {})
			}
		}
	})
	b.Run("Analyzer-warm", func(b *testing.B) {
		a := NewAnalyzer()
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, body := range bodies {
				a.Tokens(body, func(word, stem string, start, end int) {})
			}
		}
	})
	b.Run("Analyzer-parallel", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			a := NewAnalyzer()
			var wg sync.WaitGroup
			const workers = 8
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := w; i < len(bodies); i += workers {
						a.Tokens(bodies[i], func(word, stem string, start, end int) {})
					}
				}()
			}
			wg.Wait()
		}
	})
}

// TestAppendTokensNumbers: one number per lower-cased word and per stem,
// the same however the word is written and on whichever goroutine it is
// met first; stop words have no stem.
func TestAppendTokensNumbers(t *testing.T) {
	a := NewAnalyzer()
	toks := a.AppendTokens(nil, "Larm och larm, larmet. Trygghet")
	if len(toks) != 5 {
		t.Fatalf("%d tokens, want 5: %v", len(toks), toks)
	}
	larm, och, larm2, larmet, trygghet := toks[0], toks[1], toks[2], toks[3], toks[4]
	if larm.WordID != larm2.WordID || larm.Word.Word != "larm" {
		t.Errorf("Larm and larm: words %d %q and %d", larm.WordID, larm.Word.Word, larm2.WordID)
	}
	if larm.WordID == larmet.WordID || larm.StemID != larmet.StemID {
		t.Errorf("larm and larmet: words %d %d (want two), stems %d %d (want one)", larm.WordID, larmet.WordID, larm.StemID, larmet.StemID)
	}
	if !och.Stop || och.StemID != -1 {
		t.Errorf("och: stop %v, stem number %d; want a stop word without stem", och.Stop, och.StemID)
	}
	if trygghet.StemID == larm.StemID {
		t.Errorf("trygghet has larm's stem number %d", larm.StemID)
	}
	if got := a.AppendTokens(nil, "trygghet"); got[0].WordID != trygghet.WordID || got[0].StemID != trygghet.StemID {
		t.Errorf("Trygghet %+v, then trygghet %+v: want the same numbers", *trygghet.Word, *got[0].Word)
	}
	if toks[3].Start != 15 || toks[3].End != 21 {
		t.Errorf("larmet at %d..%d, want 15..21", toks[3].Start, toks[3].End)
	}
}
