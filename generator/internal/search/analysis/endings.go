package analysis

import (
	"bytes"
	"unicode/utf8"

	bleveanalysis "github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// The Snowball Swedish stemmer removes one ending, from a list that lacks
// some of the commonest: the neuter definite -et (larmet, arbetet,
// beslutet), the -n of a definite a-word, el-word or é-word (kameran,
// flickan, handeln, kommittén), the -t of an o-word (kontot) and of adjectives in -l and -r
// (digitalt, generellt, konsulärt, läsbart; -rt from seven letters, as
// shorter words in -rt are nouns: kort, sort, start), and it
// leaves the second ending of larger forms (utlämnats gives utlämnat,
// gruppers grupper, mötena möten). Endings, a token filter after it,
// stems again until nothing changes and takes those endings off, so that
// every form of a word meets the others. Before it, one ending Snowball
// takes too much of is cut: -landet, where it removes -andet (hemlandet,
// utlandet gave heml, utl).
//
// StemmerName is that stemmer, Snowball with the endings, and
// AnalyzerName bleve's sv analyzer with it in place of Snowball, both
// registered with bleve for the reference engine; Analyzer computes the
// same, and the browser engine too (search/browser/js/analysis.js).
const (
	AnalyzerName = "kb_sv"
	StemmerName  = "kb_sv_stem"
)

// maxRounds bounds the rounds of Endings: no Swedish word has more endings.
const maxRounds = 4

// stemmer is the filter: stem is the Snowball stemmer.
type stemmer struct{ stem bleveanalysis.TokenFilter }

func (e stemmer) Filter(input bleveanalysis.TokenStream) bleveanalysis.TokenStream {
	for _, tok := range input {
		tok.Term = e.term(tok.Term)
	}
	return input
}

// term stems one word.
func (e stemmer) term(w []byte) []byte {
	if utf8.RuneCount(w) >= 7 && bytes.HasSuffix(w, []byte("landet")) {
		w = w[:len(w)-2]
	}
	t := e.stem.Filter(bleveanalysis.TokenStream{{Term: bytes.Clone(w)}})[0].Term
	for range maxRounds {
		next := e.stem.Filter(bleveanalysis.TokenStream{{Term: bytes.Clone(t)}})[0].Term
		if !bytes.Equal(next, t) {
			t = next
			continue
		}
		n := utf8.RuneCount(t)
		switch {
		case n >= 5 && bytes.HasSuffix(t, []byte("et")):
			t = t[:len(t)-2]
			if bytes.HasSuffix(t, []byte("mm")) {
				t = t[:len(t)-1] // hemmet, programmet
			}
		case n >= 5 && bytes.HasSuffix(t, []byte("ot")),
			n >= 6 && bytes.HasSuffix(t, []byte("an")),
			n >= 6 && bytes.HasSuffix(t, []byte("eln")),
			n >= 6 && bytes.HasSuffix(t, []byte("lt")),
			n >= 7 && bytes.HasSuffix(t, []byte("rt")),
			n >= 5 && bytes.HasSuffix(t, []byte("én")):
			t = t[:len(t)-1]
		default:
			return t
		}
	}
	return t
}

func init() {
	err := registry.RegisterTokenFilter(StemmerName, func(_ map[string]any, cache *registry.Cache) (bleveanalysis.TokenFilter, error) {
		stem, err := cache.TokenFilterNamed(sv.SnowballStemmerName)
		if err != nil {
			return nil, err
		}
		return stemmer{stem}, nil
	})
	if err != nil {
		panic(err)
	}
	err = registry.RegisterAnalyzer(AnalyzerName, func(_ map[string]any, cache *registry.Cache) (bleveanalysis.Analyzer, error) {
		tok, err := cache.TokenizerNamed(unicode.Name)
		if err != nil {
			return nil, err
		}
		var filters []bleveanalysis.TokenFilter
		for _, name := range []string{lowercase.Name, sv.StopName, StemmerName} {
			f, err := cache.TokenFilterNamed(name)
			if err != nil {
				return nil, err
			}
			filters = append(filters, f)
		}
		return &bleveanalysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: filters}, nil
	})
	if err != nil {
		panic(err)
	}
}
