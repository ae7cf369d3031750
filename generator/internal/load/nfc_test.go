package load

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// plainRunes are the characters plainNFC accepts.
func plainRunes() []rune {
	var rs []rune
	for r := rune(0); r < 0x300; r++ {
		rs = append(rs, r)
	}
	for r := rune(0x2002); r < 0x2080; r++ {
		rs = append(rs, r)
	}
	return rs
}

// Every character plainNFC accepts, alone or before any other it accepts,
// is NFC: what plainNFC relies on to skip norm's check.
func TestPlainNFCIsNFC(t *testing.T) {
	rs := plainRunes()
	var b []byte
	for _, r1 := range rs {
		for _, r2 := range rs {
			b = utf8.AppendRune(utf8.AppendRune(b[:0], r1), r2)
			if !plainNFC(b) || !norm.NFC.IsNormal(b) {
				t.Fatalf("%U %U: plainNFC %v, NFC %v", r1, r2, plainNFC(b), norm.NFC.IsNormal(b))
			}
		}
	}
}

// plainNFC accepts no other character, and no cut or invalid sequence.
func TestPlainNFCRefuses(t *testing.T) {
	plain := map[rune]bool{}
	for _, r := range plainRunes() {
		plain[r] = true
	}
	for r := rune(0); r < 0x3000; r++ {
		if got := plainNFC(utf8.AppendRune([]byte("a"), r)); got != plain[r] {
			t.Errorf("plainNFC(a%U) = %v, want %v", r, got, plain[r])
		}
	}
	for _, s := range []string{"\u2000", "\u2001", "\u0300", "\u2080", "a\xe2\x80", "a\xe2", "\xe2\x80\x13", "\xe2\xc0\x93", "\xc3", "\xc3(", "\xc0\xaf"} {
		if plainNFC([]byte(s)) {
			t.Errorf("plainNFC(%q) = true", s)
		}
	}
}

// TextNFC composes what is decomposed and keeps what is not UTF-8, whether
// or not the text is otherwise plain (plainNFC).
func TestTextNFC(t *testing.T) {
	for in, want := range map[string]string{
		"Malmö och Gävle":       "Malmö och Gävle",
		"Malmo\u0308":           "Malmö",
		"a\u0300":               "à",
		"å – ”citat”":           "å – ”citat”",
		"fel \xc3 byte":         "fel \xc3 byte",
		"fel \xc0\xaf och ö":    "fel \xc0\xaf och ö",
		"\u02ff\u0300":          "\u02ff\u0300",
		"\u2013\u0338":          "\u2013\u0338",
		"\u2001 och \u2013":     "\u2003 och \u2013",
		strings.Repeat("ä", 40): strings.Repeat("ä", 40),
	} {
		if got := string(TextNFC([]byte(in))); got != want {
			t.Errorf("TextNFC(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkTextNFC(b *testing.B) {
	src := []byte(strings.Repeat("Inför övergången – den första – genomfördes en kommunövergripande förankring där medarbetarna fick dela inloggningarna. Omsorgsförvaltningen stod för ”utvärderingen”.\n", 60))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		TextNFC(src)
	}
}
