package load

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Every character below U+0300, alone or before any other, is NFC: what
// belowCombining relies on to skip norm's check.
func TestBelowCombiningIsNFC(t *testing.T) {
	var b []byte
	for r1 := rune(0); r1 < 0x300; r1++ {
		for r2 := rune(0); r2 < 0x300; r2++ {
			b = utf8.AppendRune(utf8.AppendRune(b[:0], r1), r2)
			if !belowCombining(b) || !norm.NFC.IsNormal(b) {
				t.Fatalf("%U %U: belowCombining %v, NFC %v", r1, r2, belowCombining(b), norm.NFC.IsNormal(b))
			}
		}
	}
}

// TextNFC composes what is decomposed and keeps what is not UTF-8, whether
// or not the text is otherwise below U+0300.
func TestTextNFC(t *testing.T) {
	for in, want := range map[string]string{
		"Malmö och Gävle":       "Malmö och Gävle",
		"Malmo\u0308":           "Malmö",
		"a\u0300":               "à",
		"å – ”citat”":           "å – ”citat”",
		"fel \xc3 byte":         "fel \xc3 byte",
		"fel \xc0\xaf och ö":    "fel \xc0\xaf och ö",
		"\u02ff\u0300":          "\u02ff\u0300",
		strings.Repeat("ä", 40): strings.Repeat("ä", 40),
	} {
		if got := string(TextNFC([]byte(in))); got != want {
			t.Errorf("TextNFC(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkTextNFC(b *testing.B) {
	src := []byte(strings.Repeat("Inför övergången genomfördes en kommunövergripande förankring där medarbetarna fick dela inloggningarna. Omsorgsförvaltningen stod för utvärderingen.\n", 60))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		TextNFC(src)
	}
}
