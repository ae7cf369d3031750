package render

import (
	"strconv"
	"strings"
	"testing"
)

// TestPagerLinks checks the numbered links of a pager: the first and last
// page, the page in view with one on each side, and a gap for every run
// of more than one page left out.
func TestPagerLinks(t *testing.T) {
	for _, c := range []struct {
		number, count int
		want          string // the links' numbers, "…" for a gap
	}{
		{1, 1, ""},
		{1, 2, "1 2"},
		{2, 2, "1 2"},
		{1, 42, "1 2 … 42"},
		{2, 42, "1 2 3 … 42"},
		{3, 42, "1 2 3 4 … 42"},
		{4, 42, "1 2 3 4 5 … 42"}, // 2 is shown, not a gap of one page
		{5, 42, "1 … 4 5 6 … 42"},
		{38, 42, "1 … 37 38 39 … 42"},
		{39, 42, "1 … 38 39 40 41 42"},
		{42, 42, "1 … 41 42"},
		{2500, 5000, "1 … 2499 2500 2501 … 5000"},
		{3, 5, "1 2 3 4 5"},
	} {
		p := Pager{Number: c.number, Count: c.count, URL: "fallstudier/"}
		var got []string
		for _, l := range p.Links() {
			switch {
			case l.Number == 0:
				got = append(got, "…")
				if l.URL != "" {
					t.Errorf("page %d of %d: a gap has the URL %q", c.number, c.count, l.URL)
				}
			default:
				got = append(got, strconv.Itoa(l.Number))
				if want := pageURL("fallstudier/", l.Number); l.URL != want {
					t.Errorf("page %d of %d: link %d goes to %q, want %q", c.number, c.count, l.Number, l.URL, want)
				}
			}
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("page %d of %d: links %q, want %q", c.number, c.count, g, c.want)
		}
	}
}
