package markdown

import (
	"bytes"
	"fmt"
	"runtime"
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

// TestLargeDocument: a long document is rendered whole, with everything in
// it collected, and the work grows in proportion to its length: four times
// the sections cost about four times the allocations, in number and in
// bytes, where a renderer that is quadratic somewhere would need up to
// sixteen. Allocations are counted, not timed, so the test means the same
// on a busy machine and under -race.
func TestLargeDocument(t *testing.T) {
	const n = 250 // sections in the smaller document; the larger has 4n, about 1 MB
	one := testRenderer.Render(sections(1), newFakeSite())
	if len(one.Links) == 0 || len(one.Headings) == 0 || len(one.Problems) == 0 || len(one.Text) == 0 {
		t.Fatalf("nothing collected from one section: %+v", one)
	}
	type work struct{ allocs, bytes uint64 }
	render := func(src []byte) (Result, work) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		res := testRenderer.Render(src, newFakeSite())
		runtime.ReadMemStats(&after)
		return res, work{after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc}
	}
	_, small := render(sections(n))
	src := sections(4 * n)
	res, large := render(src)
	if len(res.Links) != 4*n*len(one.Links) || len(res.Headings) != 4*n*len(one.Headings) || len(res.Problems) != 4*n*len(one.Problems) {
		t.Errorf("%d bytes: %d links, %d headings, %d problems; want %d times one section's %d, %d, %d",
			len(src), len(res.Links), len(res.Headings), len(res.Problems), 4*n, len(one.Links), len(one.Headings), len(one.Problems))
	}
	for _, c := range []struct {
		what         string
		small, large uint64
	}{
		{"allocations", small.allocs, large.allocs},
		{"bytes allocated", small.bytes, large.bytes},
	} {
		ratio := float64(c.large) / float64(c.small)
		t.Logf("4 times the sections: %.2f times the %s", ratio, c.what)
		if ratio > 6 {
			t.Errorf("4 times the sections took %.1f times the %s (%d against %d); want about 4", ratio, c.what, c.large, c.small)
		}
	}
}

// sections returns n sections of typical knowledge-bank Markdown, about
// 1 KB each.
func sections(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		section(&b, i)
	}
	return b.Bytes()
}

// generate returns about size bytes of typical knowledge-bank Markdown.
func generate(size int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		section(&b, i)
	}
	return b.Bytes()
}

func section(b *bytes.Buffer, i int) {
	fmt.Fprintf(b, `## Avsnitt %d: Läkemedelshantering på avdelningen

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

func BenchmarkRender(b *testing.B) {
	src := generate(1 << 20)
	r := New()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		r.Render(src, newFakeSite())
	}
}

// BenchmarkRenderCaseStudy renders one case study shaped like the generated
// corpus's (bench/corpus.sh): the unit the Markdown stage repeats per page,
// so per-document costs show as they do in a build.
func BenchmarkRenderCaseStudy(b *testing.B) {
	src := caseStudySource()
	r := New()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		r.Render(src, newFakeSite())
	}
}

// BenchmarkRenderCaseStudyInto is BenchmarkRenderCaseStudy as kb build
// renders, into the same Buffers page after page.
func BenchmarkRenderCaseStudyInto(b *testing.B) {
	src := caseStudySource()
	r := New()
	var bufs Buffers
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		r.RenderInto(&bufs, src, newFakeSite())
	}
}

// caseStudySource is a case study's body shaped like the generated
// corpus's.
func caseStudySource() []byte {
	var body strings.Builder
	body.WriteString(strings.Repeat("\n", 20)) // where the front matter was
	body.WriteString("Det krävdes avgörande kvalitet för att planera funktionen i korttidsboendet. Ett viktigt krav var att surfplattan skulle kunna delas.\n\n")
	for i, h := range []string{"Bakgrund", "Genomförande", "Resultat", "Teknisk lösning", "Upphandling", "Lärdomar"} {
		fmt.Fprintf(&body, "## %s\n\n", h)
		for range 4 {
			body.WriteString("Inför övergången genomfördes en kommunövergripande förankring där medarbetarna fick dela inloggningarna. Omsorgsförvaltningen stod för utvärderingen medan **medarbetarna** ansvarade för kvaliteten. Sedan 2018 används sensorn i 24 av kommunens enheter.\n\n")
		}
		switch i {
		case 1:
			body.WriteString("- Framgångsrik trygghet för brukarna.\n- 78 procent snabbare rutin\n- Planera för lugn rutin och kostnad\n\n")
		case 2:
			body.WriteString("| Mått | Före | Efter |\n|---|---:|---:|\n| Kostnad per månad (kr) | 431 | 487 |\n| Antal hemtjänstbesök per dygn | 87 | 102 |\n\n")
			body.WriteString("Mer information finns i [Kalmars webbplats](https://example.org/kommun/kalmar) och hos nämnden.\n\n")
		case 3:
			body.WriteString("Läs mer i [rutinen](rutin.md#dosering) och på [veckan](https://example.org/omraden/digitala-vardmoten).\n\n")
		}
	}
	return []byte(body.String())
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
