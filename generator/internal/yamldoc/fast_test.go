package yamldoc

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// fastCases are front matter in the forms parseFast reads and just outside
// them.
var fastCases = []string{
	`title: "Kalmar inför digitala vårdmöten i korttidsboende"
summary: "Digitala vårdmöten i Kalmar: bakgrund, genomförande, resultat och lärdomar."
municipality: Kalmar
organisations: ["Hemsjukvården", "Vård- och omsorgsnämnden"]
areas: [digitala-vardmoten, digitala-las]
status: scaled
started: 2019
published: 2022-09-06
tags: [nattillsyn, utvärdering]
sources:
  - title: "Utvärdering av digitala vårdmöten"
    url: https://example.org/e-halsomyndigheten/922180
    publisher: "E-hälsomyndigheten"
  - title: "Utvärdering av digitala lås"
    url: https://example.org/kommunens-webbplats/304681
    publisher: Kommunens webbplats
`,
	"tags:\n  - ett\n  - två\n  - \"tre\"\nstatus: pilot\n",
	"areas: []\ntitle: \"\"\n",
	"draft: true\nupdated: null\nstarted: 2019-\nbudget: 1e3\nperiod: 2019-2021\ny: 0x1F\nz: 0.5\nw: -1\n",
	"x: ~\nz: .5\n",
	"url: https://example.org/a?b=c&d=e%20f\nsummary: Det gick bra! Vi*hoppas* det, eller hur? a@b.se ~ch'\n",
	"municipality: Malmö stad\nregion: Region Skåne (södra)\n",
	"title: a:b\nurl: https://example.org/a?b=c;d\n",
	"title: \"a\" \"b\"\n",
	"title: \"a\\\"b\"\n",
	"title: 'enkla'\n",
	"title: Lund: digitala lås\n",
	"title: Lund # kommentar\n",
	"title: a\n  b\n",
	"title:\n",
	"title:\n  - a\n    b\n",
	"sources:\n- title: x\n",
	"sources:\n  - title: x\n     url: y\n",
	"sources:\n  - title: x\n   url: y\n",
	"sources:\n  - title:\n",
	"sources:\n  - [a, b]\n  - \"c\"\n",
	"tags: [a, [b]]\n",
	"tags: [a,b]\n",
	"tags: [a , b]\n",
	"tags: [\"a, b\", c]\n",
	"tags: [a: b]\n",
	"title: x\ntitle: y\n",
	"title: \"x\"\n\nsummary: \"y\"\n",
	"title: \"\u00a0\u2028\"\n",
	"title: \u00e5\u00e4\u00f6\n",
	"title: *alias\n",
	"title: &anchor x\n",
	"title: !tag x\n",
	"title: \"x\"",
	"Title: X\n",
	"t1: x\n",
	"<<: x\n",
	"title: yes\nsummary: off\nstatus: NULL\n",
}

// Where parseFast reads a document, it gives the tree yaml.v3 gives.
func TestParseFastAsYAML(t *testing.T) {
	read := 0
	for _, in := range fastCases {
		if checkFast(t, in) {
			read++
		}
	}
	if read < 6 {
		t.Errorf("parseFast read %d of the cases; the front matter editors write should not need yaml.v3", read)
	}
}

// checkFast compares parseFast's tree for in with yaml.v3's, and reports
// whether parseFast read it.
func checkFast(t *testing.T, in string) bool {
	t.Helper()
	got, ok := parseFast([]byte(in))
	if !ok {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(in), &doc); err != nil {
		t.Errorf("%q: parseFast read it, yaml.v3 says %v", in, err)
		return true
	}
	if len(doc.Content) != 1 || !reflect.DeepEqual(got, doc.Content[0]) {
		t.Errorf("%q:\nparseFast %s\nyaml.v3   %s", in, dump(got), dump(&doc))
	}
	return true
}

func dump(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&b, "\n%s%s %q kind %d style %d at %d:%d", strings.Repeat("  ", depth), n.Tag, n.Value, n.Kind, n.Style, n.Line, n.Column)
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

func FuzzParseFast(f *testing.F) {
	for _, s := range fastCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkFast(t, in)
	})
}
