// Package spelling compares words the way readers misspell them, for
// every part of kb that does: Fold removes the diacritics of Latin letters
// (å ä → a, ö → o, æ → ae…), which search, slugs and "did you mean"
// suggestions all build on, and Distance and DistanceWithSwaps count
// the edits between two words, for suggestions and for the search's typo
// tolerance. The browser
// search engine carries the same two functions in JavaScript
// (generator/internal/search/browser), held to these by its tests.
package spelling

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ligatures are the Latin letters with nothing to decompose, spelled
// without their stroke or as the letters they join.
var ligatures = map[rune]string{
	'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'ø': "o", 'Ø': "O", 'ß': "ss", 'ẞ': "SS",
	'đ': "d", 'Đ': "D", 'ð': "d", 'Ð': "D", 'ł': "l", 'Ł': "L", 'þ': "th", 'Þ': "TH", 'ı': "i",
}

// Fold removes the diacritics of Latin letters, so that words can be found
// without them: å and ä become a, ö becomes o, é e, ü u, and so on (the
// combining diacritical marks that follow a Latin letter after canonical
// decomposition are dropped), and æ becomes ae, ø o, ß ss (ligatures).
// Marks on letters of other scripts stay; case stays; the result is NFC.
// Text of ASCII is returned as it is.
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
	for _, r := range norm.NFD.String(s) {
		if isMark(r) {
			if !latin {
				b.WriteRune(r)
			}
			continue
		}
		latin = unicode.Is(unicode.Latin, r)
		if l, ok := ligatures[r]; ok {
			b.WriteString(l)
		} else {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// isMark reports whether r is in one of the blocks of combining
// diacritical marks (by block rather than by category, so that the
// JavaScript fold, whose Unicode version may differ, agrees).
func isMark(r rune) bool {
	return 0x0300 <= r && r <= 0x036f || 0x1ab0 <= r && r <= 0x1aff || 0x1dc0 <= r && r <= 0x1dff ||
		0x20d0 <= r && r <= 0x20ff || 0xfe20 <= r && r <= 0xfe2f
}

// Distance is the Levenshtein distance of a and b, counted in runes: the
// fewest insertions, deletions and substitutions that turn one into the
// other. It stops counting above max and returns max+1 then; a max of
// len(a)+len(b) never stops it.
func Distance(a, b []rune, max int) int { return distance(a, b, max, false) }

// DistanceWithSwaps is Distance with a swap of neighbouring letters
// counted as one edit (the optimal string alignment distance: no substring
// is edited twice), the typo a search box sees most.
func DistanceWithSwaps(a, b []rune, max int) int { return distance(a, b, max, true) }

func distance(a, b []rune, max int, swaps bool) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if swaps && i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[len(b)] > max {
		return max + 1
	}
	return prev[len(b)]
}
