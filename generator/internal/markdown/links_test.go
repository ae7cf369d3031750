package markdown

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// positionCases each hold one internal link or image; want is where its '['
// or '!' is.
var positionCases = []struct {
	name      string
	in        string
	line, col int
}{
	{"line start", "[x](a.md)\n", 1, 1},
	{"mid-line", "Se [x](a.md) här\n", 1, 4},
	{"after multi-byte characters", "åäö [x](y.md)\n", 1, 5},
	{"after emoji and combining mark", "🙂 a\u0308 [x](y.md)\n", 1, 6},
	{"after a tab", "a\t[x](a.md)\n", 1, 3},
	{"continuation line of a paragraph", "rad ett\nrad två [x](a.md)\n", 2, 9},
	{"after blank front matter", "\n\n\n\nText [x](a.md)\n", 5, 6},
	{"inside emphasis", "*[x](a.md)*\n", 1, 2},
	{"list item", "- punkt\n- se [x](a.md)\n", 2, 6},
	{"nested list", "- a\n  - b [x](a.md)\n", 2, 7},
	{"ordered list with tab", "1.\tse [x](a.md)\n", 1, 7},
	{"blockquote", "> citat [x](a.md)\n", 1, 9},
	{"blockquote, list, multi-byte", "> > - åäö [x](y.md)\n", 1, 11},
	{"lazy blockquote continuation", "> rad ett\nrad två [x](a.md)\n", 2, 9},
	{"table cell", "| a | b |\n|---|---|\n| ett | [x](a.md) |\n", 3, 9},
	{"table cell after multi-byte", "| a | b |\n|---|---|\n| åäö | ö [x](a.md) |\n", 3, 11},
	{"heading", "## Se [x](a.md)\n", 1, 7},
	{"setext heading second line", "Rubrik\nmed [x](a.md)\n---\n", 2, 5},
	{"definition", "Term\n: Se [x](a.md)\n", 2, 6},
	{"footnote", "Text[^1].\n\n[^1]: Se [x](a.md).\n", 3, 10},
	{"image", "text ![alt](b.png)\n", 1, 6},
	{"image with empty alt", "text ![](b.png)\n", 1, 6},
	{"image with empty alt after another", "![](https://x.se/a.png)![](b.png)\n", 1, 24},
	{"image with empty alt in list", "- ä ![](b.png)\n", 1, 5},
	{"reference link", "Se [x][r].\n\n[r]: a.md\n", 1, 4},
	{"collapsed reference", "Se [r][].\n\n[r]: a.md\n", 1, 4},
	{"shortcut reference", "Se [r].\n\n[r]: a.md\n", 1, 4},
	{"reference image", "Se ![alt][r].\n\n[r]: b.png\n", 1, 4},
	{"link text with code and brackets", "Se [`[a]` \\[b\\]](a.md)\n", 1, 4},
	{"CRLF", "rad ett\r\n\r\nåäö [x](y.md)\r\n", 3, 5},
}

func TestLinkPositions(t *testing.T) {
	for _, tt := range positionCases {
		t.Run(tt.name, func(t *testing.T) {
			got := testRenderer.Render([]byte(tt.in), echoSite{})
			if len(got.Links) != 1 {
				t.Fatalf("Links = %+v, want one", got.Links)
			}
			if l := got.Links[0]; l.Line != tt.line || l.Col != tt.col {
				t.Errorf("link at %d:%d, want %d:%d", l.Line, l.Col, tt.line, tt.col)
			}
		})
	}
}

// The scan is only a fallback for nodes without a position; it must agree
// with goldmark wherever goldmark knows.
func TestScanLinkStartAgreesWithGoldmark(t *testing.T) {
	md := New().md
	for _, tt := range positionCases {
		src := bytes.ReplaceAll([]byte(tt.in+"\n"+tt.in), []byte("\r\n"), []byte("\n"))
		src = append(src, "\n![](c.png) [![a](b.png)](c.md) [![](b.png)](c.md)\n"...)
		doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			_, isImage := n.(*ast.Image)
			if _, isLink := n.(*ast.Link); entering && (isImage || isLink) {
				if want, got := n.Pos(), scanLinkStart(n, src, isImage); got != want {
					t.Errorf("%s: scan found %d, goldmark says %d in %q", tt.name, got, want, src)
				}
			}
			return ast.WalkContinue, nil
		})
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		wantHTML string
		links    []Link
		problems []Problem
	}{
		{
			name:     "page with fragment",
			in:       "[Dos](rutin.md#dosering)\n",
			wantHTML: `<p><a href="/rutiner/rutin/#dosering">Dos</a></p>` + "\n",
			links:    []Link{{Dest: "rutin.md#dosering", URL: "/rutiner/rutin/#dosering", Line: 1, Col: 1}},
		},
		{
			name:     "relative, absolute and query-only",
			in:       "[a](../om/kontakt.md) [b](/absolut/sida.md) [c](?fraga=1)\n",
			wantHTML: `<p><a href="/om/kontakt/">a</a> <a href="/absolut/sida/">b</a> <a href="/rutiner/?fraga=1">c</a></p>` + "\n",
			links: []Link{
				{Dest: "../om/kontakt.md", URL: "/om/kontakt/", Line: 1, Col: 1},
				{Dest: "/absolut/sida.md", URL: "/absolut/sida/", Line: 1, Col: 23},
				{Dest: "?fraga=1", URL: "/rutiner/?fraga=1", Line: 1, Col: 45},
			},
		},
		{
			name:     "image",
			in:       "![Schema](bilder/schema.webp)\n",
			wantHTML: `<p><img src="/rutiner/bilder/schema.webp" alt="Schema" loading="lazy" decoding="async"></p>` + "\n",
			links:    []Link{{Dest: "bilder/schema.webp", URL: "/rutiner/bilder/schema.webp", Image: true, Line: 1, Col: 1}},
		},
		{
			name:     "broken link and image are reported where they start",
			in:       "Text\n\nSe [här](borta.md) och\n- ![Bild](borta.png)\n",
			wantHTML: "<p>Text</p>\n<p>Se <a href=\"borta.md\">här</a> och</p>\n<ul>\n<li><img src=\"borta.png\" alt=\"Bild\" loading=\"lazy\" decoding=\"async\"></li>\n</ul>\n",
			links: []Link{
				{Dest: "borta.md", URL: "borta.md", Line: 3, Col: 4},
				{Dest: "borta.png", URL: "borta.png", Image: true, Line: 4, Col: 3},
			},
			problems: []Problem{
				{Line: 3, Col: 4, Message: `länken "borta.md" pekar inte på något i webbplatsen`},
				{Line: 4, Col: 3, Message: `bilden "borta.png" pekar inte på något i webbplatsen`},
			},
		},
		{
			name:     "reference link resolved at each use",
			in:       "[a][r] och [b][r]\n\n[r]: rutin.md\n",
			wantHTML: `<p><a href="/rutiner/rutin/">a</a> och <a href="/rutiner/rutin/">b</a></p>` + "\n",
			links: []Link{
				{Dest: "rutin.md", URL: "/rutiner/rutin/", Line: 1, Col: 1},
				{Dest: "rutin.md", URL: "/rutiner/rutin/", Line: 1, Col: 12},
			},
		},
		{
			name:     "escapes and references in the destination are decoded first",
			in:       "[a](caf&eacute;.md) [b](<min sida.md>) [c](rutin.md\\#dosering)\n",
			wantHTML: `<p><a href="/cafe/">a</a> <a href="/min-sida/">b</a> <a href="/rutiner/rutin/#dosering">c</a></p>` + "\n",
			links: []Link{
				{Dest: "café.md", URL: "/cafe/", Line: 1, Col: 1},
				{Dest: "min sida.md", URL: "/min-sida/", Line: 1, Col: 21},
				{Dest: "rutin.md#dosering", URL: "/rutiner/rutin/#dosering", Line: 1, Col: 40},
			},
		},
		{
			name:     "resolved URL reaches the HTML unchanged",
			in:       "[a](sok.md) [b](bakstreck.md)\n",
			wantHTML: `<p><a href="/sok/?a=1&amp;b=2">a</a> <a href="/a%5Cb/">b</a></p>` + "\n",
			links: []Link{
				{Dest: "sok.md", URL: "/sok/?a=1&b=2", Line: 1, Col: 1},
				{Dest: "bakstreck.md", URL: `/a\b/`, Line: 1, Col: 13},
			},
		},
		{
			name:     "a resolver cannot smuggle in a script URL",
			in:       "[a](dum.md)\n",
			wantHTML: `<p><a href="">a</a></p>` + "\n",
			links:    []Link{{Dest: "dum.md", URL: "javascript:alert(1)", Line: 1, Col: 1}},
		},
		{
			name: "external, fragments and autolinks are not resolved",
			in: "[a](https://www.1177.se) [b](mailto:a@example.se) [c](tel:+4687) [d](//cdn.example.se/x.png) " +
				"[e](#dosering) [f](HTTP://X.SE) <https://x.se> www.fass.se ![g](https://x.se/g.png)\n",
			wantHTML: `<p><a href="https://www.1177.se">a</a> <a href="mailto:a@example.se">b</a> <a href="tel:+4687">c</a> <a href="//cdn.example.se/x.png">d</a> ` +
				`<a href="#dosering">e</a> <a href="HTTP://X.SE">f</a> <a href="https://x.se">https://x.se</a> <a href="http://www.fass.se">www.fass.se</a> ` +
				`<img src="https://x.se/g.png" alt="g" loading="lazy" decoding="async"></p>` + "\n",
		},
		{
			name:     "links inside alt text are not links",
			in:       "![Se [x](a.md)](bild.png)\n",
			wantHTML: `<p><img src="/rutiner/bild.png" alt="Se x" loading="lazy" decoding="async"></p>` + "\n",
			links:    []Link{{Dest: "bild.png", URL: "/rutiner/bild.png", Image: true, Line: 1, Col: 1}},
		},
		{
			name:     "image inside link",
			in:       "[![Schema](bild.png)](rutin.md)\n",
			wantHTML: `<p><a href="/rutiner/rutin/"><img src="/rutiner/bild.png" alt="Schema" loading="lazy" decoding="async"></a></p>` + "\n",
			links: []Link{
				{Dest: "rutin.md", URL: "/rutiner/rutin/", Line: 1, Col: 1},
				{Dest: "bild.png", URL: "/rutiner/bild.png", Image: true, Line: 1, Col: 2},
			},
		},
		{
			name:     "links sorted by position even when footnotes move",
			in:       "Text[^1] och [b](rutin.md).\n\n[^1]: Se [a](rutin.md).\n\n[c](rutin.md)\n",
			wantHTML: "",
			links: []Link{
				{Dest: "rutin.md", URL: "/rutiner/rutin/", Line: 1, Col: 14},
				{Dest: "rutin.md", URL: "/rutiner/rutin/", Line: 3, Col: 10},
				{Dest: "rutin.md", URL: "/rutiner/rutin/", Line: 5, Col: 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := testRenderer.Render([]byte(tt.in), newFakeSite())
			if tt.wantHTML != "" && string(got.HTML) != tt.wantHTML {
				t.Errorf("HTML\n got %q\nwant %q", got.HTML, tt.wantHTML)
			}
			if !reflect.DeepEqual(got.Links, tt.links) {
				t.Errorf("Links\n got %+v\nwant %+v", got.Links, tt.links)
			}
			if !reflect.DeepEqual(got.Problems, tt.problems) {
				t.Errorf("Problems\n got %+v\nwant %+v", got.Problems, tt.problems)
			}
		})
	}
}

func TestResolverSeesOnlyInternalDestinations(t *testing.T) {
	site := newFakeSite()
	testRenderer.Render([]byte("[a](https://x.se) [b](#frag) <https://y.se> www.z.se [c](rutin.md) ![d](bild.png) [e](MAILTO:a@b.se) [f](//h/x)\n"), site)
	if want := []string{"rutin.md", "bild.png"}; !slices.Equal(site.calls, want) {
		t.Errorf("Resolve called with %q, want %q", site.calls, want)
	}
}

func TestNilResolverKeepsDestinations(t *testing.T) {
	got := testRenderer.Render([]byte("[a](min%20sida.md#del) ![b](bild.png) [c](https://x.se)\n"), nil)
	want := `<p><a href="min%20sida.md#del">a</a> <img src="bild.png" alt="b" loading="lazy" decoding="async"> <a href="https://x.se">c</a></p>` + "\n"
	if string(got.HTML) != want {
		t.Errorf("HTML\n got %q\nwant %q", got.HTML, want)
	}
	wantLinks := []Link{
		{Dest: "min%20sida.md#del", URL: "min%20sida.md#del", Line: 1, Col: 1},
		{Dest: "bild.png", URL: "bild.png", Image: true, Line: 1, Col: 24},
	}
	if !reflect.DeepEqual(got.Links, wantLinks) || got.Problems != nil {
		t.Errorf("Links %+v, Problems %+v; want %+v and none", got.Links, got.Problems, wantLinks)
	}
}

func TestAltText(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		problems []Problem
	}{
		{"alt text present", "![Två undersköterskor](bild.png)\n", nil},
		{"alt text in emphasis or code", "![*Schema*](bild.png) ![`kod`](bild.png)\n", nil},
		{"empty", "![](bild.png)\n", []Problem{{1, 1, altMessage("bild.png")}}},
		{"whitespace only", "Se ![   ](bild.png)\n", []Problem{{1, 4, altMessage("bild.png")}}},
		{"only raw HTML, which is dropped", "![<span></span>](bild.png)\n", []Problem{{1, 1, altMessage("bild.png")}}},
		{"after multi-byte characters, in a list", "Text\n\n- Åäö ![](bild.png)\n", []Problem{{3, 7, altMessage("bild.png")}}},
		{"in a table", "| a |\n|---|\n| ![ ](bild.png) |\n", []Problem{{3, 3, altMessage("bild.png")}}},
		{"external images too", "![](https://example.se/a.png)\n", []Problem{{1, 1, altMessage("https://example.se/a.png")}}},
		{"reference image", "![][bild]\n\n[bild]: bild.png\n", []Problem{{1, 1, altMessage("bild.png")}}},
		{"image inside a link", "[![](bild.png)](rutin.md)\n", []Problem{{1, 2, altMessage("bild.png")}}},
		{"unresolved and without alt: both, resolver first", "![](saknas.png)\n", []Problem{
			{1, 1, `bilden "saknas.png" pekar inte på något i webbplatsen`},
			{1, 1, altMessage("saknas.png")},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := testRenderer.Render([]byte(tt.in), newFakeSite())
			if !reflect.DeepEqual(got.Problems, tt.problems) {
				t.Errorf("Problems\n got %+v\nwant %+v", got.Problems, tt.problems)
			}
			if !strings.Contains(string(got.HTML), `loading="lazy" decoding="async"`) {
				t.Errorf("image not lazy: %s", got.HTML)
			}
		})
	}
}
