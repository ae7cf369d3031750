package markdown

import (
	"reflect"
	"strings"
	"testing"
)

// linkifyCases are documents where a bare URL is, is not, or only seems to
// be: in a link's destination, after an escaped or unmatched bracket, in a
// destination that is not one, in code, a table, a heading, a list.
var linkifyCases = []string{
	"Se [webbplatsen](https://example.org/a) och [rutinen](rutin.md).\n",
	"Se https://example.org/a och www.example.org.\n",
	"(https://example.org/a) och *https://example.org/b*\n",
	"_www.example.org_ ~https://example.org~\n",
	"https://example.org/a i början\n\nwww.example.org i början\n",
	"\\[a](https://example.org/escaped)\n",
	"a](https://example.org/unmatched)\n",
	"[a](https://example.org/med mellanslag)\n",
	"[a]( https://example.org/mellanslag-före)\n",
	"[a](<https://example.org/vinkel>)\n",
	"`[a](https://example.org/kod)` och `(https://example.org/kod)`\n",
	"[a](https://example.org/x) [b](https://www.example.org/y)\n",
	"| a | b |\n|---|---|\n|https://example.org/cell|www.example.org|\n|[c](https://example.org/c)| d |\n",
	"## Rubrik med https://example.org/rubrik\n\n- punkt (www.example.org)\n- [punkt](https://example.org/p)\n",
	"> citat https://example.org/citat\n>www.example.org\n",
	"[ref]: https://example.org/ref\n\n[ref] och [text][ref]\n",
	"Skriv till kontakt@example.org eller (kontakt@example.org).\n",
	"mailto://x och ftp://example.org/fil och HTTPS://EXAMPLE.ORG\n",
	"[a](https://example.org/a)https://example.org/b\n",
	"[a](https://example.org/a)(https://example.org/b)\n",
	"![bild](https://example.org/bild.png) ![](www.example.org/b.png)\n",
	"Text  \nhttps://example.org/hård-radbrytning\\\nwww.example.org\n",
	"[^1]\n\n[^1]: Fotnot https://example.org/fotnot och [länk](https://example.org/l).\n",
	"Term\n: Definition (https://example.org/def)\n",
	"<https://example.org/autolänk> och <b>https://example.org/html</b>\n",
}

// Parsing without linkify where the tree shows it would have made no link
// must give what parsing with it gives, to the byte. The tree is asked even
// where the source already tells (mayLinkify), except for e-mail addresses,
// which only the source is asked about.
func TestWithoutLinkifyAsWith(t *testing.T) {
	inputs := append([]string{sample, string(generate(1 << 14))}, linkifyCases...)
	for _, tt := range positionCases {
		inputs = append(inputs, tt.in)
	}
	for _, in := range inputs {
		got := testRenderer.render(nil, []byte(in), newFakeSite(), strings.Contains(in, "@"))
		want := testRenderer.render(nil, []byte(in), newFakeSite(), true)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\nwithout linkify %+v\nwith linkify    %+v", in, got, want)
		}
	}
}

// A page whose URLs are all in links' destinations, as most are, is parsed
// without linkify; one with a bare URL or an address, with it.
func TestMayLinkify(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Se [webbplatsen](https://example.org/a) och [b](https://www.example.org/).\n", false},
		{"Ingen länk alls.\n", false},
		{"Se https://example.org/a.\n", true},
		{"Se (https://example.org/a).\n", true},
		{"https://example.org/a\n", true},
		{"Se www.example.org.\n", true},
		{"|www.example.org|\n", true},
		{"Skriv till kontakt@example.org.\n", true},
		{"[a](https://example.org/a)*https://example.org/b*\n", true},
	} {
		if got := mayLinkify([]byte(tt.in)); got != tt.want {
			t.Errorf("mayLinkify(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzWithoutLinkify(f *testing.F) {
	for _, s := range linkifyCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if strings.Contains(in, "\r") {
			return // Render folds CRLF before render sees it
		}
		got := testRenderer.render(nil, []byte(in), echoSite{}, strings.Contains(in, "@"))
		want := testRenderer.render(nil, []byte(in), echoSite{}, true)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\nwithout linkify %+v\nwith linkify    %+v", in, got, want)
		}
	})
}
