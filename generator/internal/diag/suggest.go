package diag

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Closest returns up to max candidates that look like a misspelling of word,
// best first. It compares lower-cased words with diacritics removed, so
// "Goteborg" finds "Göteborg", and allows about one edit in three letters.
func Closest(word string, candidates []string, max int) []string {
	w := Fold(word)
	type scored struct {
		s    string
		dist int
	}
	var found []scored
	limit := len([]rune(w))/3 + 1
	for _, c := range candidates {
		f := Fold(c)
		d := distance(w, f)
		if d <= limit || (len(w) >= 3 && strings.HasPrefix(f, w)) {
			found = append(found, scored{c, d})
		}
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].dist != found[j].dist {
			return found[i].dist < found[j].dist
		}
		return found[i].s < found[j].s
	})
	var out []string
	for _, f := range found {
		if len(out) == max {
			break
		}
		out = append(out, f.s)
	}
	return out
}

// DidYouMean formats the suggestions for a message: ` (menade du "A" eller "B"?)`,
// or "" when there are none.
func DidYouMean(word string, candidates []string) string {
	s := Closest(word, candidates, 3)
	if len(s) == 0 {
		return ""
	}
	q := make([]string, len(s))
	for i, c := range s {
		q[i] = `"` + c + `"`
	}
	return "; menade du " + OrList(q) + "?"
}

// OrList joins items as Swedish does: "a", "a eller b", "a, b eller c".
func OrList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " eller " + items[len(items)-1]
}

// Fold lower-cases s and removes diacritics: "Ängelholm" becomes "angelholm".
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// distance is the Levenshtein distance between a and b, counted in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
