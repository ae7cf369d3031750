package markdown

import (
	"bytes"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{
			name: "paragraph keeps quotes and dashes as typed",
			in:   "\"citat\" -- 'enkel' ...\n",
			want: "<p>&quot;citat&quot; -- 'enkel' ...</p>\n",
		},
		{
			name: "table with alignment",
			in:   "| Läkemedel | Dos |\n|:--|--:|\n| Alvedon | 1 g |\n",
			want: "<table>\n<thead>\n<tr>\n<th style=\"text-align:left\">Läkemedel</th>\n<th style=\"text-align:right\">Dos</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style=\"text-align:left\">Alvedon</td>\n<td style=\"text-align:right\">1 g</td>\n</tr>\n</tbody>\n</table>\n",
		},
		{
			name: "task list",
			in:   "- [ ] Ta fram\n- [x] Klart\n",
			want: "<ul>\n<li><input disabled=\"\" type=\"checkbox\"> Ta fram</li>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> Klart</li>\n</ul>\n",
		},
		{
			name: "strikethrough",
			in:   "~~gammal~~ ny\n",
			want: "<p><del>gammal</del> ny</p>\n",
		},
		{
			name: "footnotes",
			in:   "Text[^a] och mer[^b].\n\n[^a]: Första.\n[^b]: Andra.\n",
			want: "<p>Text<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup> och mer<sup id=\"fnref:2\"><a href=\"#fn:2\" class=\"footnote-ref\" role=\"doc-noteref\">2</a></sup>.</p>\n" +
				"<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n" +
				"<li id=\"fn:1\">\n<p>Första.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n" +
				"<li id=\"fn:2\">\n<p>Andra.&#160;<a href=\"#fnref:2\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n" +
				"</ol>\n</div>\n",
		},
		{
			name: "definition list",
			in:   "Dos\n: Mängd per tillfälle.\n\nTid\n: När.\n",
			want: "<dl>\n<dt>Dos</dt>\n<dd>Mängd per tillfälle.</dd>\n<dt>Tid</dt>\n<dd>När.</dd>\n</dl>\n",
		},
		{
			name: "bare URLs and www become links",
			in:   "Se https://www.1177.se och www.fass.se.\n",
			want: "<p>Se <a href=\"https://www.1177.se\">https://www.1177.se</a> och <a href=\"http://www.fass.se\">www.fass.se</a>.</p>\n",
		},
		{
			name: "angle autolinks: mail, mailto and tel",
			in:   "<info@example.se> <mailto:a@example.se> <tel:+4687>\n",
			want: "<p><a href=\"mailto:info@example.se\">info@example.se</a> <a href=\"mailto:a@example.se\">mailto:a@example.se</a> <a href=\"tel:+4687\">tel:+4687</a></p>\n",
		},
		{
			name: "headings of every level get ids",
			in:   "# Ett\n## Två\n### Tre\n#### Fyra\n##### Fem\n###### Sex\n",
			want: "<h1 id=\"ett\">Ett</h1>\n<h2 id=\"tva\">Två</h2>\n<h3 id=\"tre\">Tre</h3>\n<h4 id=\"fyra\">Fyra</h4>\n<h5 id=\"fem\">Fem</h5>\n<h6 id=\"sex\">Sex</h6>\n",
		},
		{
			name: "explicit heading ids are plain text",
			in:   "## Rubrik {#egen}\n",
			want: "<h2 id=\"rubrik-egen\">Rubrik {#egen}</h2>\n",
		},
		{
			name: "image is lazy and async",
			in:   "![Två *undersköterskor*](https://example.se/a.png \"Bild\")\n",
			want: "<p><img src=\"https://example.se/a.png\" alt=\"Två undersköterskor\" title=\"Bild\" loading=\"lazy\" decoding=\"async\"></p>\n",
		},
		{
			name: "image alt and title are escaped",
			in:   "![a \"b\" &lt;c&gt; & d](x.png 'e \"f\"')\n",
			want: "<p><img src=\"x.png\" alt=\"a &quot;b&quot; &lt;c&gt; &amp; d\" title=\"e &quot;f&quot;\" loading=\"lazy\" decoding=\"async\"></p>\n",
		},
		{
			name: "hard line breaks",
			in:   "Rad  \nny rad\\\nsista\n",
			want: "<p>Rad<br>\nny rad<br>\nsista</p>\n",
		},
		{
			name: "code",
			in:   "`<b>` och\n\n```go\nif a < b {}\n```\n",
			want: "<p><code>&lt;b&gt;</code> och</p>\n<pre><code class=\"language-go\">if a &lt; b {}\n</code></pre>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(testRenderer.Render([]byte(tt.in), nil).HTML)
			if got != tt.want {
				t.Errorf("Render(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Så gick det till", "sa-gick-det-till"},
		{"Ärende & åtgärd", "arende-atgard"},
		{"Öppettider för vårdcentralen", "oppettider-for-vardcentralen"},
		{"Über Café Résumé", "uber-cafe-resume"},
		{"Ølse, Æbleskiver og Straße", "olse-aebleskiver-og-strasse"},
		{"Łódź", "lodz"},
		{"İstanbul", "istanbul"},
		{"a\u0308 (decomposed ä)", "a-decomposed-a"},
		{"1.2 Dosering – vuxna", "1-2-dosering-vuxna"},
		{"  --Hej__där--  ", "hej-dar"},
		{"COVID-19", "covid-19"},
		{"!!!", "rubrik"},
		{"", "rubrik"},
		{"日本語", "rubrik"},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeadings(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Heading
	}{
		{
			name: "swedish text",
			in:   "## Så gick det till\n",
			want: []Heading{{Level: 2, ID: "sa-gick-det-till", Text: "Så gick det till", Line: 1}},
		},
		{
			name: "duplicates are numbered",
			in:   "## Dos\n\n## Dos\n\n### Dos\n",
			want: []Heading{
				{Level: 2, ID: "dos", Text: "Dos", Line: 1},
				{Level: 2, ID: "dos-1", Text: "Dos", Line: 3},
				{Level: 3, ID: "dos-2", Text: "Dos", Line: 5},
			},
		},
		{
			name: "a numbered heading written by hand is skipped",
			in:   "## Dos 1\n## Dos\n## Dos\n",
			want: []Heading{
				{Level: 2, ID: "dos-1", Text: "Dos 1", Line: 1},
				{Level: 2, ID: "dos", Text: "Dos", Line: 2},
				{Level: 2, ID: "dos-2", Text: "Dos", Line: 3},
			},
		},
		{
			name: "markup is not part of text or id",
			in:   "## Se [*rutinen*](rutin.md) för `dos` &amp; tid\n",
			want: []Heading{{Level: 2, ID: "se-rutinen-for-dos-tid", Text: "Se rutinen för dos & tid", Line: 1}},
		},
		{
			name: "empty and symbol-only headings",
			in:   "##\n\n## ???\n",
			want: []Heading{
				{Level: 2, ID: "rubrik", Text: "", Line: 1},
				{Level: 2, ID: "rubrik-1", Text: "???", Line: 3},
			},
		},
		{
			name: "setext, h1 and nested headings with their lines",
			in:   "\n\n\n# Titel\n\nÖversikt\n--------\n\n> ### I citat\n\n- #### I lista\n",
			want: []Heading{
				{Level: 1, ID: "titel", Text: "Titel", Line: 4},
				{Level: 2, ID: "oversikt", Text: "Översikt", Line: 6},
				{Level: 3, ID: "i-citat", Text: "I citat", Line: 9},
				{Level: 4, ID: "i-lista", Text: "I lista", Line: 11},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := testRenderer.Render([]byte(tt.in), nil)
			if !reflect.DeepEqual(got.Headings, tt.want) {
				t.Errorf("Headings\n got %+v\nwant %+v", got.Headings, tt.want)
			}
			for _, h := range tt.want {
				if !bytes.Contains(got.HTML, []byte(`id="`+h.ID+`"`)) {
					t.Errorf("HTML has no id %q:\n%s", h.ID, got.HTML)
				}
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs and headings", "# Titel\n\nEtt *två*\n**tre**.\n\n## Under\n", "Titel\nEtt två tre.\nUnder"},
		{"lists, nested", "- ett\n- två\n  - tre\n\n1. fyra\n\n   fem\n", "ett\ntvå\ntre\nfyra\nfem"},
		{"task list boxes are not text", "- [x] klart\n", "klart"},
		{"blockquote", "> citat\n> > djupare\n", "citat\ndjupare"},
		{"table cells", "| a | b |\n|---|---|\n| `c\\|d` | e |\n", "a\nb\nc|d\ne"},
		{"definition list", "Dos\n: Mängd.\n", "Dos\nMängd."},
		{"code blocks keep their text", "```\nif a < b {\n  x()\n}\n```\n\n    indenterad\n", "if a < b { x() }\nindenterad"},
		{"links, images and autolinks by their text", "[sidan](a.md), ![en bild](b.png) och <https://x.se>\n", "sidan, en bild och https://x.se"},
		{"raw HTML is dropped", "<div>\nhemligt\n</div>\n\nsynligt <b>fett</b> <!-- kommentar -->\n", "synligt fett"},
		{"escapes and references decoded", "\\*inte kursiv\\* &amp; &#229; &lt;b&gt; &auml;\n", "*inte kursiv* & å <b> ä"},
		{"code spans verbatim", "`\\*` och `&amp;`\n", "\\* och &amp;"},
		{"footnotes after the body, markers dropped", "Text[^1] här.\n\n[^1]: Fotnoten.\n\nSlut.\n", "Text här.\nSlut.\nFotnoten."},
		{"thematic breaks and empty blocks add nothing", "ett\n\n---\n\n<br>\n\ntvå\n", "ett\ntvå"},
		{"whitespace collapsed", "ett  \ntvå\u00a0\ttre\n", "ett två tre"},
		{"empty document", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := testRenderer.Render([]byte(tt.in), nil).Text
			if got != tt.want {
				t.Errorf("Text of %q\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

const sample = `

# Rutin för läkemedel

Se [rutinen](rutin.md#dosering) och ![Schema](bilder/schema.webp).
Åäö [saknas](saknas.md) och ![](bild.png).

| Steg | Vem |
|------|-----|
| 1    | [Kontakt](../om/kontakt.md) |

- punkt [x](rutin.md)
  > citat ![ ](bild.png)

Fotnot[^1].

[^1]: Se [sök](sok.md).
`

func TestCRLF(t *testing.T) {
	lf := testRenderer.Render([]byte(sample), newFakeSite())
	crlf := testRenderer.Render([]byte(strings.ReplaceAll(sample, "\n", "\r\n")), newFakeSite())
	if !reflect.DeepEqual(lf, crlf) {
		t.Errorf("CRLF differs from LF\n LF: %+v\nCRLF: %+v", lf, crlf)
	}
	wantLinks := []Link{
		{Dest: "rutin.md#dosering", URL: "/rutiner/rutin/#dosering", Line: 5, Col: 4},
		{Dest: "bilder/schema.webp", URL: "/rutiner/bilder/schema.webp", Image: true, Line: 5, Col: 37},
		{Dest: "saknas.md", URL: "saknas.md", Line: 6, Col: 5},
		{Dest: "bild.png", URL: "/rutiner/bild.png", Image: true, Line: 6, Col: 29},
		{Dest: "../om/kontakt.md", URL: "/om/kontakt/", Line: 10, Col: 10},
		{Dest: "rutin.md", URL: "/rutiner/rutin/", Line: 12, Col: 9},
		{Dest: "bild.png", URL: "/rutiner/bild.png", Image: true, Line: 13, Col: 11},
		{Dest: "sok.md", URL: "/sok/?a=1&b=2", Line: 17, Col: 10},
	}
	if !reflect.DeepEqual(crlf.Links, wantLinks) {
		t.Errorf("Links\n got %+v\nwant %+v", crlf.Links, wantLinks)
	}
	wantProblems := []Problem{
		{Line: 6, Col: 5, Message: `länken "saknas.md" pekar inte på något i webbplatsen`},
		{Line: 6, Col: 29, Message: altMessage("bild.png")},
		{Line: 13, Col: 11, Message: altMessage("bild.png")},
	}
	if !reflect.DeepEqual(crlf.Problems, wantProblems) {
		t.Errorf("Problems\n got %+v\nwant %+v", crlf.Problems, wantProblems)
	}
}

func TestDeterministicAndConcurrent(t *testing.T) {
	docs := make([][]byte, 32)
	want := make([]Result, len(docs))
	for i := range docs {
		docs[i] = []byte(strings.Repeat(sample, i%4+1) + strings.Repeat("\n## Dos\n", i))
		want[i] = testRenderer.Render(docs[i], newFakeSite())
	}
	got := make([]Result, len(docs))
	var wg sync.WaitGroup
	for i := range docs {
		wg.Go(func() { got[i] = testRenderer.Render(docs[i], newFakeSite()) })
	}
	wg.Wait()
	for i := range docs {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("document %d: concurrent result differs from sequential", i)
		}
	}
}

func TestRenderDoesNotModifyInput(t *testing.T) {
	in := []byte(strings.ReplaceAll(sample, "\n", "\r\n"))
	orig := bytes.Clone(in)
	testRenderer.Render(in, newFakeSite())
	if !bytes.Equal(in, orig) {
		t.Error("Render modified its input")
	}
}

// TestResultKeepsNoSource: nothing Render returns shares memory with the
// source it was given (kb build reads every page's source into one buffer
// it reuses, and a Result is kept until the site is written). Each source
// is overwritten after Render, and the Result must still equal one made
// from an untouched copy.
func TestResultKeepsNoSource(t *testing.T) {
	inputs := []string{
		sample,
		"# Rubrik\n\nText med [länk](annan.md#del), ![bild](bild.png \"titel\") och www.example.org.\n\n## Så gick det till\n\n- [ ] a\n- [x] ~~b~~\n\n| a | b |\n|---|---|\n| [c](https://example.org/c) | d@example.org |\n\nFotnot[^1].\n\n[^1]: Källa <https://example.org/källa>.\n",
		"rad\r\nåäö [x](y.md)\r\n\r\n![](z.png)\r\n",
		"Term\n: def\n\n> > > - 1. ```\nkod\n```\n\n[r]: https://example.org/r\n\n[z][r] [trasig](saknas.md)\n",
	}
	for _, tt := range positionCases {
		inputs = append(inputs, tt.in)
	}
	r := New()
	for _, in := range inputs {
		src := []byte(in)
		got := r.Render(src, echoSite{})
		for i := range src {
			src[i] = '#'
		}
		if want := r.Render([]byte(in), echoSite{}); !reflect.DeepEqual(got, want) {
			t.Errorf("the result of %q changed with its source:\ngot  %+v\nwant %+v", in, got, want)
		}
	}
}

// TestRenderIntoAsRender: RenderInto with one Buffers page after page gives
// each page's Render, its HTML and Text read before the next page, and
// the rest of its Result still equal after all the pages that follow.
func TestRenderIntoAsRender(t *testing.T) {
	inputs := []string{sample, "", "Kort.\n", "www.example.org och d@example.org\n\n## Rubrik\n\nMer [länk](annan.md).\n", strings.Repeat("Ett långt stycke med ord. ", 400) + "\n"}
	for _, tt := range positionCases {
		inputs = append(inputs, tt.in)
	}
	inputs = append(inputs, inputs...) // shorter pages after longer ones, into memory the longer wrote
	r := New()
	var bufs Buffers
	var got []Result
	for _, in := range inputs {
		res := r.RenderInto(&bufs, []byte(in), echoSite{})
		want := r.Render([]byte(in), echoSite{})
		if !bytes.Equal(res.HTML, want.HTML) || res.Text != want.Text {
			t.Fatalf("RenderInto(%q):\nHTML %q\nText %q\nwant\nHTML %q\nText %q", in, res.HTML, res.Text, want.HTML, want.Text)
		}
		res.HTML, res.Text = nil, ""
		got = append(got, res)
	}
	for i, in := range inputs {
		want := r.Render([]byte(in), echoSite{})
		want.HTML, want.Text = nil, ""
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("the result of %q changed with the pages after it:\ngot  %+v\nwant %+v", in, got[i], want)
		}
	}
}
