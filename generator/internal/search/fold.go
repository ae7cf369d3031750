package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	unorm "golang.org/x/text/unicode/norm"
)

// foldLetters are the Latin letters with nothing to decompose, spelled
// without their stroke or as the letters they join, as the slug package
// spells them in URLs.
var foldLetters = map[rune]string{
	'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'ø': "o", 'Ø': "O", 'ß': "ss", 'ẞ': "SS",
	'đ': "d", 'Đ': "D", 'ð': "d", 'Ð': "D", 'ł': "l", 'Ł': "L", 'þ': "th", 'Þ': "TH", 'ı': "i",
}

// Fold removes the diacritics of Latin letters, so that words can be found
// without them: å and ä become a, ö becomes o, é e, ü u, and so on (the
// combining diacritical marks that follow a Latin letter after canonical
// decomposition are dropped), and æ becomes ae, ø o, ß ss (foldLetters).
// Marks on letters of other scripts stay; case stays; the result is NFC.
// Words of ASCII are returned as they are.
//
// fold in js/analys.js is the same function; analys_test.go checks that the
// two agree on every word of the site and of the synthetic corpus.
func Fold(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	latin := false // whether the last letter was Latin
	for _, r := range unorm.NFD.String(s) {
		if foldMark(r) {
			if !latin {
				b.WriteRune(r)
			}
			continue
		}
		latin = unicode.Is(unicode.Latin, r)
		if l, ok := foldLetters[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return unorm.NFC.String(b.String())
}

// foldMark reports whether r is in one of the blocks of combining
// diacritical marks (by block rather than by category, so that fold in
// JavaScript, whose Unicode version may differ, agrees).
func foldMark(r rune) bool {
	return 0x0300 <= r && r <= 0x036f || 0x1ab0 <= r && r <= 0x1aff || 0x1dc0 <= r && r <= 0x1dff ||
		0x20d0 <= r && r <= 0x20ff || 0xfe20 <= r && r <= 0xfe2f
}
