package browser_test

import (
	"strings"
	"testing"
)

// TestFirstResultsHaveExcerpts checks that a one-word query, as readers
// mostly type it (the base form, with or without å ä ö, with a typo),
// shows its first results from stored excerpts alone: no page chunk (d<n>,
// s<n>) is loaded, which would add a few kilobytes per result to a first
// search. The stored excerpts of a stem are the best pages of its base
// form's query and of a query that finds it by another way.
func TestFirstResultsHaveExcerpts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,000-page corpus")
	}
	ix := corpusIndex(t, 1000)
	queries := []string{
		"hemtjänst ", "trygghetslarm ", "äldreomsorg ", "läkemedel ", "kamera ", // base forms
		"hemtjanst ", "aldreomsorg ", "lakemedel ", // without å ä ö
		"trygghetslram ", "hemtjnst ", // typos
	}
	var jq []jsQuery
	for _, q := range queries {
		jq = append(jq, jsQuery{Q: q, Limit: 10})
	}
	for i, r := range runJS(t, ix, jq) {
		if r.Total < 10 {
			t.Errorf("%q: %d results; the test wants queries with a full first page", queries[i], r.Total)
			continue
		}
		var chunks []string
		for _, f := range r.Files {
			name, _ := f[0].(string)
			if strings.HasPrefix(name, "d") || strings.HasPrefix(name, "s") {
				chunks = append(chunks, name)
			}
		}
		if len(chunks) > 0 {
			t.Errorf("%q: loads page chunks %v; its first 10 results should all have a stored excerpt", queries[i], chunks)
		}
		for _, x := range r.Results {
			if len(x.Excerpt) == 0 {
				t.Errorf("%q: %s has no excerpt", queries[i], x.URL)
			}
		}
	}
}
