// Package slug turns names into the URL segments and heading ids the site
// uses.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ligatures are Latin letters that carry no combining mark to drop, so
// decomposition leaves them alone; spelled out they still read as the word.
var ligatures = map[rune]string{
	'æ': "ae", 'œ': "oe", 'ß': "ss", 'ø': "o", 'đ': "d", 'ð': "d",
	'ł': "l", 'þ': "th", 'ı': "i",
}

// Make returns name as a slug: lower-case ASCII letters, digits and single
// hyphens, none at the ends. Diacritics are dropped however the keyboard
// composed them, so "Upplands Väsby" becomes "upplands-vasby" and
// "Malung-Sälen" "malung-salen", the way CONTENT.md asks editors to write
// å ä ö in file names. Make returns "" for a name with no letter or digit.
func Make(name string) string {
	var b strings.Builder
	dash := false
	letter := func(r rune) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			letter(r)
		case unicode.Is(unicode.Mn, r):
			// The diacritic of the letter before it.
		default:
			if sp, ok := ligatures[r]; ok {
				for _, c := range sp {
					letter(c)
				}
			} else {
				dash = true
			}
		}
	}
	return b.String()
}

// Valid reports whether s is a slug as Make writes them.
func Valid(s string) bool { return s != "" && Make(s) == s }
