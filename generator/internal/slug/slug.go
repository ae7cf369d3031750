// Package slug turns names into the URL segments the site uses.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Make returns name as a slug: lower-case ASCII letters, digits and single
// hyphens. Diacritics are dropped, so "Upplands Väsby" becomes
// "upplands-vasby" and "Malung-Sälen" "malung-salen", the way CONTENT.md asks
// editors to write å ä ö in file names.
func Make(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(unicode.ToLower(r))
			dash = false
		default:
			if r == 'æ' || r == 'Æ' {
				b.WriteString("ae")
				dash = false
				continue
			}
			if r == 'ø' || r == 'Ø' {
				b.WriteString("o")
				dash = false
				continue
			}
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// Valid reports whether s is a slug as Make writes them.
func Valid(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
