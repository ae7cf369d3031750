// Package slug turns names into the URL segments and heading ids the site
// uses.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"kunskapsbanken/generator/internal/spelling"
)

// Make returns name as a slug: lower-case ASCII letters, digits and single
// hyphens, none at the ends. Diacritics are dropped however the keyboard
// composed them (spelling.Fold), so "Upplands Väsby" becomes
// "upplands-vasby" and "Malung-Sälen" "malung-salen", the way CONTENT.md
// asks editors to write å ä ö in file names; æ becomes ae, ø o. Any other
// character separates words. Make returns "" for a name with no letter or
// digit.
func Make(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(spelling.Fold(name))) {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// A mark Fold keeps (after a digit, say, or among marks of
			// other scripts on a Latin letter) belongs to what it marks.
		default:
			dash = true
		}
	}
	return b.String()
}

// Valid reports whether s is a slug as Make writes them: runs of a-z and
// 0-9 joined by single dashes. (Make writes nothing else, and leaves such
// a text as it is; checked byte by byte, since load checks every file
// name of content/ on every update of the preview.)
func Valid(s string) bool {
	dash := true // at the start, or after a dash: a letter or digit must come
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			dash = false
		case c == '-' && !dash:
			dash = true
		default:
			return false
		}
	}
	return !dash
}
