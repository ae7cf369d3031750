package markdown

import (
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/parser"
)

// goldmarkRefs renders with goldmark's own link reference transformer,
// which runs on every paragraph.
var goldmarkRefs = newRenderer(parser.LinkReferenceParagraphTransformer)

// linkRefCases are paragraphs that are, hold, begin like or only seem to
// begin with link reference definitions.
var linkRefCases = []string{
	"[ref]: https://example.org/ref\n\n[ref] och [text][ref]\n",
	"   [ref]: rutin.md \"Titel\"\n[ref]\n",
	"    [kod]: https://example.org/indragen\n\n[kod]\n",
	"\t[tabb]: https://example.org/tabb\n\n[tabb]\n",
	"[a]: https://example.org/a\n[b]: https://example.org/b\ntext efter\n\n[a] [b]\n",
	"Text först\n[ref]: https://example.org/ref\n\n[ref]\n",
	"[inte en definition] bara text\n",
	"[ref]:\nhttps://example.org/nästa-rad\n\n[ref]\n",
	"[ref]: <>\n\n[ref]\n",
	"> [citat]: https://example.org/citat\n> [citat]\n",
	"- [lista]: https://example.org/lista\n- [lista]\n",
	"| a |\n|---|\n| [t]: https://example.org/t |\n\n[t]\n",
	"[x]: https://example.org/x\n=====\n\n[x]\n",
	"[y]: https://example.org/y\n-----\n\n[y]\n",
	"\\[ref]: https://example.org/escaped\n\n[ref]\n",
	"![bild]: bild.png\n",
	"[^1]: fotnot\n\n[^1] [1]\n\n[1]: https://example.org/1\n",
	"&#91;ref]: https://example.org/referens\n",
	" \n\n[tom]: https://example.org/tom\n",
}

// Skipping goldmark's link reference transformer on paragraphs that do
// not begin with '[' must change nothing.
func TestLinkReferencesAsGoldmark(t *testing.T) {
	inputs := append([]string{sample, string(generate(1 << 14)), string(caseStudySource())}, linkRefCases...)
	inputs = append(inputs, linkifyCases...)
	for _, tt := range positionCases {
		inputs = append(inputs, tt.in)
	}
	for _, in := range inputs {
		got := testRenderer.Render([]byte(in), newFakeSite())
		want := goldmarkRefs.Render([]byte(in), newFakeSite())
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\nguarded  %+v\ngoldmark %+v", in, got, want)
		}
	}
}

// A definition still defines: its link is made, and the definition's own
// paragraph is gone.
func TestLinkReferenceStillDefines(t *testing.T) {
	got := string(testRenderer.Render([]byte("  [ref]: https://example.org/ref\n\nSe [ref].\n"), newFakeSite()).HTML)
	if want := `<p>Se <a href="https://example.org/ref">ref</a>.</p>`; !strings.Contains(got, want) || strings.Contains(got, "[ref]:") {
		t.Errorf("got %q, want %q and no definition's text", got, want)
	}
}

func FuzzLinkReferences(f *testing.F) {
	for _, s := range linkRefCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := testRenderer.Render([]byte(in), echoSite{})
		want := goldmarkRefs.Render([]byte(in), echoSite{})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\nguarded  %+v\ngoldmark %+v", in, got, want)
		}
	})
}
