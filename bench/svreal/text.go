package main

import (
	"html"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// The text of a page as the query generator sees it: the words kb indexes
// (title, summary, the Markdown's text and code), analysed with bleve's
// Swedish analysis, which kb's is.

// token is one word of a page.
type token struct {
	word   string // lower case, as written
	stem   string // "" for a stop word
	stop   bool
	joined bool // only white space between it and the token before, in one block
	hyphen bool // written with a hyphen after it ("hälso-"): a compound's first part
}

// pageText is what the generator knows of one page.
type pageText struct {
	page  *Page
	title []token
	prose [][]token // title, summary and the text blocks: where queries come from
	forms map[string]int
	stems map[string]bool
	code  map[string]bool // forms in code
}

// analyzer is bleve's sv analysis, one token at a time, cached.
type analyzer struct {
	tok             analysis.Tokenizer
	lower, stop, st analysis.TokenFilter
	cache           map[string]token
}

func newAnalyzer() *analyzer {
	cache := registry.NewCache()
	filter := func(name string) analysis.TokenFilter {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			panic(err)
		}
		return f
	}
	return &analyzer{
		tok:   unicodetok.NewUnicodeTokenizer(),
		lower: filter(lowercase.Name),
		stop:  filter(sv.StopName),
		st:    filter(sv.SnowballStemmerName),
		cache: map[string]token{},
	}
}

// tokens analyses one block of text.
func (a *analyzer) tokens(s string) []token {
	var out []token
	end := 0
	for _, t := range a.tok.Tokenize([]byte(s)) {
		x := a.word(string(t.Term))
		x.joined = len(out) > 0 && strings.TrimSpace(s[end:t.Start]) == ""
		x.hyphen = strings.HasPrefix(s[t.End:], "-")
		end = t.End
		out = append(out, x)
	}
	return out
}

func (a *analyzer) word(w string) token {
	if t, ok := a.cache[w]; ok {
		return t
	}
	ts := analysis.TokenStream{{Term: []byte(w)}}
	ts = a.lower.Filter(ts)
	t := token{word: string(ts[0].Term)}
	if len(a.stop.Filter(ts)) == 0 {
		t.stop = true
	} else {
		t.stem = string(a.st.Filter(ts)[0].Term)
	}
	a.cache[w] = t
	return t
}

var md = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList))

// analyse returns a page's words; code counts as words of the page but
// not as prose.
func (a *analyzer) analyse(p *Page) *pageText {
	pt := &pageText{page: p, forms: map[string]int{}, stems: map[string]bool{}, code: map[string]bool{}}
	add := func(ts []token, prose bool) {
		for _, t := range ts {
			pt.forms[t.word]++
			if !prose {
				pt.code[t.word] = true
			}
			if !t.stop {
				pt.stems[t.stem] = true
			}
		}
		if prose && len(ts) > 0 {
			pt.prose = append(pt.prose, ts)
		}
	}
	pt.title = a.tokens(p.Title)
	add(pt.title, true)
	add(a.tokens(p.Summary), true)
	src := []byte(p.Body)
	doc := md.Parser().Parse(text.NewReader(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			var b strings.Builder
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b.Write(seg.Value(src))
			}
			add(a.tokens(b.String()), false)
			return ast.WalkSkipChildren, nil
		}
		if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
			var b, code strings.Builder
			inline(&b, &code, n, src)
			add(a.tokens(html.UnescapeString(b.String())), true)
			add(a.tokens(code.String()), false)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return pt
}

// inline writes the text of n's inline descendants, as kb's Markdown
// stage does, but code spans into code, not into b (a mark is left in b,
// so that no phrase runs through them).
func inline(b, code *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			b.WriteString(" | ")
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					code.Write(t.Segment.Value(src))
					code.WriteByte(' ')
				}
			}
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
		default:
			inline(b, code, c, src)
		}
	}
}

// letters reports whether w is made of letters only.
func letters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// fold writes å ä as a and ö as o, as a keyboard without them does.
func fold(w string) string {
	return strings.NewReplacer("å", "a", "ä", "a", "ö", "o").Replace(w)
}
