package render

import (
	"bytes"
	"encoding/json"
	"testing"
)

// ldGraphWith is a page's JSON-LD in which every string is s: an article
// with every field that may be left out present, one without them, and
// breadcrumbs.
func ldGraphWith(s string, n int) ldGraph {
	full := ldArticle{
		Type: s, Headline: s, Description: s, URL: s, Published: s, Modified: s, Language: s,
		Publisher: ldThing{s, s, s}, IsPartOf: ldThing{Type: s, Name: s}, MainEntityURL: s,
		About:    &ldPlace{Type: s, Name: s, URL: s, Within: &ldPlace{Type: s, Name: s}},
		Keywords: []string{s, "", s},
	}
	bare := ldArticle{Keywords: []string{}}
	crumbs := ldBreadcrumbs{Type: s, Items: []ldCrumb{{s, n, s, s}, {"ListItem", -n, "", s}}}
	return ldGraph{Context: s, Graph: []any{full, bare, crumbs, ldBreadcrumbs{}}}
}

func checkJSONLD(t *testing.T, g ldGraph) {
	t.Helper()
	want, wantErr := json.Marshal(g)
	got, err := appendJSONLD(nil, g)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("error %v, json.Marshal's %v", err, wantErr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("differs from json.Marshal:\n%s\nwant:\n%s", got, want)
	}
}

// The JSON-LD is json.Marshal's bytes: above all, <, > and & escaped, so
// that no text can close the script element it is written into.
func TestJSONLDAsMarshal(t *testing.T) {
	for _, s := range []string{
		"", "Lund", "Västra Götalands län", "</script><script>alert(1)</script>", "<!--", "a & b > c",
		`"citat" \snedstreck\`, "rad\nbryt\r\ttab\b\f\x00\x1f\x7f", "\u2028\u2029", "ogiltig \xff utf-8",
		"emoji 🏠", "https://example.org/a?b=1&c=<2>",
	} {
		checkJSONLD(t, ldGraphWith(s, 3))
	}
	checkJSONLD(t, ldGraph{})
	checkJSONLD(t, ldGraph{Graph: []any{}})
	checkJSONLD(t, ldGraph{Graph: []any{ldCrumb{"x<", 1, "", ""}}}) // a type appendJSONLD does not know
}

func FuzzJSONLD(f *testing.F) {
	f.Add("Lund", 1)
	f.Add("</script>&\u2028\xff\"\\", -7)
	f.Fuzz(func(t *testing.T, s string, n int) {
		checkJSONLD(t, ldGraphWith(s, n))
	})
}
