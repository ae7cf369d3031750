package diag

import (
	"sort"
	"strings"

	"kunskapsbanken/generator/internal/spelling"
)

// Closest returns up to max candidates that look like a misspelling of word,
// best first. It compares lower-cased words with diacritics removed
// (spelling.Fold), so "Goteborg" finds "Göteborg", and allows about one
// edit in three letters (spelling.Distance); a candidate that starts with
// a word of three letters or more is close too.
func Closest(word string, candidates []string, max int) []string {
	ws := fold(word)
	w := []rune(ws)
	type scored struct {
		s    string
		dist int
	}
	var found []scored
	limit := len(w)/3 + 1
	for _, c := range candidates {
		fs := fold(c)
		f := []rune(fs)
		d := spelling.Distance(w, f, len(w)+len(f))
		if d <= limit || (len(ws) >= 3 && strings.HasPrefix(fs, ws)) {
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

// fold lower-cases s and removes diacritics: "Ängelholm" becomes "angelholm".
func fold(s string) string { return strings.ToLower(spelling.Fold(s)) }
