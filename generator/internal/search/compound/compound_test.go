package compound

import (
	"os"
	"slices"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/search/analysis"
)

// readList reads a testdata list: lines of words, # comments.
func readList(t *testing.T, name string) [][]string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for line := range strings.Lines(string(b)) {
		if f := strings.Fields(line); len(f) > 0 && !strings.HasPrefix(f[0], "#") {
			out = append(out, f)
		}
	}
	return out
}

// TestRealWords splits the real compounds and non-compounds of
// testdata/ (words of the real Swedish corpus in bench/svreal) with the
// lexicon alone, and prints recall and precision. No non-compound may be
// split; recall must stay at 90% or more.
func TestRealWords(t *testing.T) {
	an := analysis.NewAnalyzer()
	s := New(an.Stem, nil)

	compounds := readList(t, "compounds.txt")
	found, wrong := 0, 0
	for _, c := range compounds {
		word, want := c[0], c[1:]
		got := s.Split(word)
		ok := len(got) > 0
		for _, w := range want {
			if !slices.Contains(got, an.Stem(w)) {
				ok = false
			}
		}
		switch {
		case ok:
			found++
		case got == nil:
			t.Logf("not split: %s (want %s)", word, strings.Join(want, "|"))
		default:
			wrong++
			t.Logf("split wrong: %s = %v (want the stems of %s)", word, got, strings.Join(want, "|"))
		}
	}
	var simple []string
	for _, line := range readList(t, "simple.txt") {
		simple = append(simple, line...)
	}
	falseSplits := 0
	for _, w := range simple {
		if got := s.Split(w); got != nil {
			falseSplits++
			t.Errorf("%s is no compound, but Split gives %v", w, got)
		}
	}
	recall := float64(found) / float64(len(compounds))
	precision := float64(found) / float64(found+wrong+falseSplits)
	t.Logf("compounds: %d of %d split right (recall %.1f%%), %d split wrong; non-compounds: %d of %d split; precision %.1f%%",
		found, len(compounds), 100*recall, wrong, falseSplits, len(simple), 100*precision)
	if recall < 0.9 {
		t.Errorf("recall %.1f%%, want at least 90%%", 100*recall)
	}
}

// TestSplit pins the rules of the package documentation.
func TestSplit(t *testing.T) {
	an := analysis.NewAnalyzer()
	pageWords := map[string]bool{"nattkamera": true, "välfärdsteknik": true}
	s := New(an.Stem, func(w string) bool { return pageWords[w] })
	for _, c := range []struct {
		word string
		want []string // words whose stems the parts must hold; nil: no split
	}{
		{"förkylningssymptom", []string{"förkylning", "symptom"}}, // linking s
		{"förskolepedagoger", []string{"förskola", "pedagog"}},    // linking e for a
		{"äldreomsorgen", []string{"äldre", "omsorg"}},
		{"hemtjänst", []string{"hem", "tjänst"}},
		{"nattkameran", []string{"natt", "kamera"}},          // definite -n of an a-word
		{"hälsorisker", []string{"hälsa", "risk"}},           // a form found only in compounds
		{"dörrlåset", []string{"dörr", "lås"}},               // neuter definite -et
		{"fosterskador", []string{"foster", "skada"}},        // no linking s where the tail takes it
		{"allmäntandvården", []string{"allmän", "tandvård"}}, // a word as tail before a compound
		{"välfärdsteknikambassadör", []string{"välfärdsteknik", "ambassadör"}},
		{"etthundrasjuttiofemtusen", []string{"etthundra", "sjuttiofem", "tusen", "sjuttiofemtusen"}}, // number words
		{"underläkare", nil}, // under- is a prefix (a stop word)
		{"stora", nil},       // too short
		{"arbetet", nil},     // an inflection of a simple word
		{"storleken", nil},   // stor|lek: lek is a suffix here
		{"försäkring", nil},  // för- is a prefix
		{"uppdrag", nil},     // upp- is a particle
		{"intervall", nil},   // a dictionary word, not int|vall
	} {
		got := s.Split(c.word)
		if c.want == nil {
			if got != nil {
				t.Errorf("Split(%q) = %v, want no split", c.word, got)
			}
			continue
		}
		for _, w := range c.want {
			if !slices.Contains(got, an.Stem(w)) {
				t.Errorf("Split(%q) = %v, want the stem of %q among them", c.word, got, w)
			}
		}
	}
}

// TestDerive derives a lexicon from a small dictionary in hunspell's
// format and checks each of its sections.
func TestDerive(t *testing.T) {
	aff := `SET UTF-8
COMPOUNDBEGIN X
COMPOUNDMIDDLE U
COMPOUNDEND Y
SFX v Y 2
SFX v a s/WXZ a
SFX v 0 s/WXZ [^a]
SFX y Y 1
SFX y a e/WXZ a
`
	dic := `6
förkylning/vY
symptom/XY
förskola/y
pedagog/XY
förkylningssymptom/Y
Stockholm/X
`
	an := analysis.NewAnalyzer()
	text, err := Derive(strings.NewReader(dic), strings.NewReader(aff), an.Stem)
	if err != nil {
		t.Fatal(err)
	}
	l := parseLexicon(text)
	if l.heads["förkylnings"] != "förkylning" || l.heads["förskole"] != "förskola" || l.heads["symptom"] != "symptom" {
		t.Errorf("heads: %v", l.heads)
	}
	if _, ok := l.heads["stockholm"]; ok {
		t.Errorf("a name with a capital letter is a head: %v", l.heads)
	}
	if !l.tails[an.Stem("symptom")] || !l.tails[an.Stem("pedagog")] || l.tails[an.Stem("förskola")] {
		t.Errorf("tails: %v", l.tails)
	}
	if !l.simple[an.Stem("symptom")] || l.simple[an.Stem("förkylningssymptom")] {
		t.Errorf("simple: %v", l.simple)
	}
	if _, err := Derive(strings.NewReader(dic), strings.NewReader("SET UTF-8\n"), an.Stem); err == nil {
		t.Error("an affix file without compound flags was accepted")
	}
}
