package vocab

import (
	"testing"

	"kunskapsbanken/generator/internal/slug"
)

// TestSlugsAreUnique: every municipality and every county has a URL of its
// own. Habo and Håbo make the same slug once å is written a; each gets its
// county's name added, neither the plain one.
func TestSlugsAreUnique(t *testing.T) {
	g := Sweden()
	if len(g.Municipalities) != 290 || len(g.Counties) != 21 {
		t.Fatalf("%d municipalities in %d counties, want 290 in 21", len(g.Municipalities), len(g.Counties))
	}
	seen := map[string]string{}
	for _, m := range g.Municipalities {
		if !slug.Valid(m.Slug) {
			t.Errorf("%s: slug %q", m.Name, m.Slug)
		}
		if other, ok := seen[m.Slug]; ok {
			t.Errorf("%s and %s share the slug %q", other, m.Name, m.Slug)
		}
		seen[m.Slug] = m.Name
	}
	counties := map[string]string{}
	for _, c := range g.Counties {
		if other, ok := counties[c.Slug]; ok || !slug.Valid(c.Slug) {
			t.Errorf("%s: slug %q (also %q)", c.Name, c.Slug, other)
		}
		counties[c.Slug] = c.Name
	}
	for name, want := range map[string]string{
		"Habo":           "habo-jonkopings-lan",
		"Håbo":           "habo-uppsala-lan",
		"Upplands Väsby": "upplands-vasby",
	} {
		if m := g.Municipality(name); m == nil || m.Slug != want {
			t.Errorf("%s: %+v, want the slug %q", name, m, want)
		}
	}
}
