package analysis

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// segmented is what words gives, as [start, end] pairs.
func segmented(f func(string, func(int, int)), text string) [][2]int {
	var out [][2]int
	f(text, func(s, e int) { out = append(out, [2]int{s, e}) })
	return out
}

func bySegment(text string, fn func(int, int)) {
	for _, t := range segmentWords(nil, text, 0) {
		fn(t.Start, t.End)
	}
}

func checkWords(t *testing.T, text string) bool {
	t.Helper()
	got, want := segmented(words, text), segmented(bySegment, text)
	if !slices.Equal(got, want) {
		t.Errorf("words(%q) = %v, segment gives %v", text, got, want)
		return false
	}
	return true
}

// wordsAlphabet is every character the fast path treats specially, and
// some it must leave to segment.
var wordsAlphabet = []string{
	"a", "Z", "å", "Ö", "é", "ÿ", "0", "9", ".", ",", ";", ":", "'", "_", " ", "-", "\t", "\r", "\n",
	"×", "÷", "·", "’", "‘", "–", "—", "“", "”", "…", "‥", "‧", "µ", "ª", "\u00a0", "\u00ad", "\u0301", "\u200d", "あ", "!", "\"", "/", "\x0b", "\x00",
}

// TestWordsMatchesSegment: words cuts exactly as segment does.
func TestWordsMatchesSegment(t *testing.T) {
	// Every pair and triple of the alphabet, alone and between letters
	// and digits.
	n := 0
	for _, a := range wordsAlphabet {
		for _, b := range wordsAlphabet {
			for _, c := range wordsAlphabet {
				for _, ctx := range []string{"%s", "x%sx", "1%s1", "x%s1", "_%s_"} {
					text := fmt.Sprintf(ctx, a+b+c)
					n++
					if !checkWords(t, text) && t.Failed() && n > 20 {
						t.FailNow()
					}
				}
			}
		}
	}
	// Random strings of it.
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(wordsAlphabet[rng.IntN(len(wordsAlphabet))])
		}
		if !checkWords(t, b.String()) {
			t.FailNow()
		}
	}
	// The site's own text.
	err := filepath.WalkDir("../../../../content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && !checkWords(t, string(data)) {
			t.Logf("in %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestWordsFastPath: the site's text takes the fast path, so the speed-up
// is real (a change to simpleWords that sent everything to segment would
// still be correct, and slow).
func TestWordsFastPath(t *testing.T) {
	lines := 0
	fast := 0
	filepath.WalkDir("../../../../content/fallstudier", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		for line := range strings.SplitSeq(string(data), "\n") {
			lines++
			if _, ok := simpleWords(nil, line, 0); ok {
				fast++
			}
		}
		return nil
	})
	if lines == 0 || fast*10 < lines*7 {
		t.Errorf("%d of %d lines of the case studies take the fast path; want most", fast, lines)
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range []string{"", "Äldreomsorg i Lund", "3,5 procent", "e.g. o'boy", "a_b __ c", "x:y 1:2", "1.a a.1", "éé×ÿ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // the content stage lets only UTF-8 through; segment joins invalid bytes across lines
		}
		checkWords(t, text)
	})
}
