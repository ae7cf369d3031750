package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// Pathological nesting must come back, not crash or exhaust the stack.
func TestDeepNesting(t *testing.T) {
	tests := map[string]string{
		"blockquotes":            strings.Repeat("> ", 10000) + "citat [x](a.md)\n",
		"blockquotes, no spaces": strings.Repeat(">", 10000) + " ett\n" + strings.Repeat(">", 10000) + " två\n",
		"bullet lists":           strings.Repeat("- ", 10000) + "punkt\n",
		"ordered lists":          strings.Repeat("1. ", 10000) + "punkt\n",
		"indented lists":         nestedIndentedList(300),
		"emphasis":               strings.Repeat("*", 50000) + "x" + strings.Repeat("*", 50000) + "\n",
		"brackets":               strings.Repeat("[", 50000) + "x" + strings.Repeat("](a.md)", 50000) + "\n",
		"images in images":       strings.Repeat("![", 50000) + "x" + strings.Repeat("](a.png)", 50000) + "\n",
		// goldmark is quadratic here: 20,000 take seconds.
		"unclosed brackets": strings.Repeat("[a](", 5000) + "\n",
		"footnotes":         strings.Repeat("[^a]", 20000) + "\n\n[^a]: " + strings.Repeat("> ", 2000) + "x\n",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			res := testRenderer.Render([]byte(in), echoSite{})
			if len(res.HTML) == 0 {
				t.Error("no HTML")
			}
		})
	}
}

func nestedIndentedList(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i))
		b.WriteString("- nivå [x](a.md)\n")
	}
	return b.String()
}

// raceEnabled is set under -race, which makes rendering 5 MB take tens of
// seconds without testing anything about concurrency.
var raceEnabled bool

func TestLargeDocument(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("renders 5 MB; skipped with -short and -race")
	}
	src := generate(5 << 20)
	res := testRenderer.Render(src, newFakeSite())
	if len(res.Links) == 0 || len(res.Headings) == 0 || len(res.Text) == 0 {
		t.Errorf("nothing collected from %d bytes", len(src))
	}
}

// generate returns about size bytes of typical knowledge-bank Markdown.
func generate(size int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `## Avsnitt %d: Läkemedelshantering på avdelningen

Sjuksköterskan ansvarar för att *läkemedel* ordineras, iordningställs och administreras
enligt [rutinen](rutin.md#dosering) och [lokala anvisningar](../om/kontakt.md). Se även
https://www.1177.se och [Fass](https://www.fass.se/) för **produktinformation**.

![Två undersköterskor vid en läkemedelsautomat](bild.png)

1. Kontrollera patientens identitet.
2. Jämför med ordinationen i journalen[^%d].
   - [ ] dubbelsignering vid narkotika
   - [x] ~~gammal blankett~~ ersatt
3. Dokumentera direkt.

> **Observera:** avvikelser rapporteras i avvikelsesystemet, se [avvikelser](saknas-%d.md).

| Läkemedel | Dos | Tid |
|:----------|----:|-----|
| Alvedon   | 1 g | 08, 14, 20 |
| Waran     | enligt ordination | 18 |

Dosering
: Mängd per tillfälle, i mg eller ml.

`+"```"+`text
Kontrollera: namn, personnummer, läkemedel, dos, tid.
`+"```"+`

[^%d]: Journalsystemet uppdateras varje natt.

`, i, i, i, i)
	}
	return b.Bytes()
}

func BenchmarkRender(b *testing.B) {
	src := generate(1 << 20)
	r := New()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		r.Render(src, newFakeSite())
	}
}

func FuzzRender(f *testing.F) {
	for _, tt := range positionCases {
		f.Add(tt.in)
	}
	for _, s := range []string{
		sample,
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n",
		"[x](javascript:alert(1)) [y](&#106;avascript:alert(1)) <JaVaScRiPt:alert(1)>\n\n[r]: java&#x09;script:x\n\n[z][r]\n",
		"| a | b |\n|---|---|\n| ![](x.png) | [^1] |\n\n[^1]: ![ ](y.png)\n",
		"- [ ] a\n- [x] ~~b~~\n\nTerm\n: def\n\n> > > - 1. ```\n",
		"## Så gick det till\n## Så gick det till\nSetext\n===\n",
		"rad\r\nåäö [x](y.md)\r\n\r\n![](z.png)\r\n",
	} {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, in string) {
		src := []byte(in)
		res := r.Render(src, echoSite{})
		out := string(res.HTML)
		if strings.Contains(strings.ToLower(out), "<script") {
			t.Fatalf("<script in output:\n%s", out)
		}
		if why := unsafeMarkup(out); why != "" {
			t.Fatalf("unsafe markup (%s):\n%s", why, out)
		}
		lines := strings.Split(in, "\n")
		for _, l := range res.Links {
			want := '['
			if l.Image {
				want = '!'
			}
			if got := runeAt(lines, l.Line, l.Col); got != want {
				t.Fatalf("link %+v points at %q, want %q", l, got, want)
			}
		}
		for _, p := range res.Problems {
			if c := runeAt(lines, p.Line, p.Col); c != '[' && c != '!' {
				t.Fatalf("problem %+v points at %q", p, c)
			}
		}
		for _, h := range res.Headings {
			if h.Line < 1 || h.Line > len(lines) || h.ID == "" {
				t.Fatalf("heading %+v out of range", h)
			}
		}
		if again := r.Render(src, echoSite{}); !bytes.Equal(again.HTML, res.HTML) || again.Text != res.Text {
			t.Fatal("second render differs")
		}
	})
}

// runeAt is the character at a 1-based line and character column, or -1.
func runeAt(lines []string, line, col int) rune {
	if line < 1 || line > len(lines) || col < 1 {
		return -1
	}
	s := lines[line-1]
	for i := 1; i < col; i++ {
		if s == "" {
			return -1
		}
		_, size := utf8.DecodeRuneInString(s)
		s = s[size:]
	}
	if s == "" {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
