package site

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/config"
	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/vocab"
)

// assemble parses front matter written in a compact form ("slug: key=value;
// …") and assembles a site from it.
func assemble(t *testing.T, pages ...string) *Site {
	t.Helper()
	var diags diag.List
	areas := vocab.ParseAreas("omraden.yaml", []byte(`areas:
  - {id: las, label: Lås, description: x}
  - {id: larm, label: Larm, description: x}
  - {id: robot, label: Robotar, description: x}
`), &diags)
	var parsed []*page.Page
	for _, spec := range pages {
		slug, rest, _ := strings.Cut(spec, ": ")
		kind := page.CaseStudy
		if strings.HasPrefix(slug, "initiativ/") {
			kind, slug = page.Initiative, strings.TrimPrefix(slug, "initiativ/")
		}
		keys := map[string]string{"title": slug, "summary": "x", "published": "2020-01-01"}
		if kind == page.CaseStudy {
			keys["status"] = "pilot"
		}
		for _, kv := range strings.Split(rest, "; ") {
			if k, v, ok := strings.Cut(kv, "="); ok {
				keys[k] = v
			}
		}
		fm := ""
		for _, k := range page.Keys[kind] {
			if v, ok := keys[k]; ok {
				fm += k + ": " + v + "\n"
			}
		}
		f := &page.File{Path: fmt.Sprintf("content/%s/%s.md", kind, slug), Kind: kind, Slug: slug, Data: []byte("---\n" + fm + "---\n")}
		p, d := page.Parse(f)
		diags.Append(d)
		parsed = append(parsed, p)
	}
	s, d := Assemble(parsed, nil, config.Default, areas, vocab.Sweden(), false)
	diags.Append(d)
	s.Relate(nil, nil)
	if len(diags) > 0 {
		t.Fatalf("%v", diags)
	}
	return s
}

func related(s *Site, slug string) []string {
	var out []string
	for _, p := range s.CaseStudies {
		if p.Slug == slug {
			for _, r := range p.Related {
				out = append(out, fmt.Sprintf("%s %d %s", r.Page.Slug, r.Score, strings.Join(r.Reasons, ", ")))
			}
		}
	}
	return out
}

func TestRelated(t *testing.T) {
	s := assemble(t,
		"a: municipality=Lund; areas=[las, larm]; initiatives=[prog]",
		"b: municipality=Malmö; areas=[las, larm]",                   // two areas: 6, same county: +1
		"c: municipality=Lund; areas=[robot]",                        // same municipality: 2
		"d: municipality=Kiruna; areas=[las]; initiatives=[prog]",    // area 3 + initiative 2
		"e: municipality=Kiruna; areas=[robot]",                      // nothing shared
		"f: municipality=Kiruna; areas=[larm]; published=2021-01-01", // area 3, newer
		"g: municipality=Kiruna; areas=[larm]",                       // area 3, older
		"initiativ/prog: municipalities=[Lund, Kiruna]",
	)
	want := []string{
		"b 7 samma område: Lås, samma område: Larm, samma län: Skåne län",
		"d 5 samma område: Lås, samma initiativ: prog",
		"f 3 samma område: Larm",
		"g 3 samma område: Larm",
		"c 2 samma kommun: Lund",
	}
	if got := related(s, "a"); !reflect.DeepEqual(got, want) {
		t.Errorf("related to a:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Equal lists of reasons are one array, here and on every other page.
	byReasons := map[string]*string{}
	for _, p := range s.CaseStudies {
		for _, r := range p.Related {
			key := strings.Join(r.Reasons, ", ")
			if first, ok := byReasons[key]; !ok {
				byReasons[key] = &r.Reasons[0]
			} else if first != &r.Reasons[0] {
				t.Errorf("%s, related %s: reasons %q are a list of their own", p.Slug, r.Page.Slug, key)
			}
		}
	}
	if len(byReasons) == 0 {
		t.Fatal("no related pages")
	}
	// Equal scores: the newer page first (f), then by path (d before g).
	want = []string{"c 3 samma område: Robotar", "f 2 samma kommun: Kiruna", "d 2 samma kommun: Kiruna", "g 2 samma kommun: Kiruna"}
	if got := related(s, "e"); !reflect.DeepEqual(got, want) {
		t.Errorf("related to e:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTaxonomies(t *testing.T) {
	s := assemble(t,
		"a: municipality=Lund; areas=[las]; tags=[natt, dag]",
		"b: municipality=Malmö; areas=[las]; status=scaled; tags=[natt]",
		"c: municipality=Kiruna; areas=[larm]",
		"initiativ/prog: municipalities=[Lund, Eskilstuna]",
	)
	var got []string
	for _, c := range s.Counties {
		var ms []string
		for _, m := range c.Municipalities {
			ms = append(ms, fmt.Sprintf("%s(%d)", m.Name, len(m.CaseStudies)))
		}
		got = append(got, c.Name+": "+strings.Join(ms, " "))
	}
	want := []string{"Södermanlands län: Eskilstuna(0)", "Skåne län: Malmö(1) Lund(1)", "Norrbottens län: Kiruna(1)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counties %q, want %q", got, want)
	}
	if len(s.Areas[0].Pages) != 2 || len(s.Areas[1].Pages) != 1 || len(s.Areas[2].Pages) != 0 {
		t.Errorf("area pages: %d %d %d", len(s.Areas[0].Pages), len(s.Areas[1].Pages), len(s.Areas[2].Pages))
	}
	if s.Tags[0].Name != "dag" || len(s.Tags[1].Pages) != 2 {
		t.Errorf("tags %+v", s.Tags)
	}
	if got := s.Statuses[3]; got.ID != "scaled" || len(got.Pages) != 1 || got.Label != "Spridd" {
		t.Errorf("status %+v", got)
	}
	eskilstuna := s.Counties[0].Municipalities[0]
	if len(eskilstuna.Initiatives) != 1 || eskilstuna.URL != "kommuner/eskilstuna/" {
		t.Errorf("an initiative's municipality without case studies: %+v", eskilstuna)
	}
}

// TestRelatedMatchesAllPairs holds Relate, which never scores every pair,
// to the definition scored over every pair: on generated sites with
// initiatives, regional work without a municipality, many ties in date,
// and wide pages with up to every area.
func TestRelatedMatchesAllPairs(t *testing.T) {
	for seed := range uint64(8) {
		n := 1500 // big lists, where the lists' cut matters
		if seed%2 == 1 {
			n = 60 // few pages, where sharing only the municipality or county makes the list
		}
		pages, areas := synthetic(n, seed, int(4+seed/2))
		s, d := Assemble(pages, nil, config.Default, areas, vocab.Sweden(), false)
		if d.HasErrors() {
			t.Fatal(d)
		}
		s.Relate(nil, nil)
		wide := 0
		for _, p := range s.CaseStudies {
			if len(p.Areas)+len(p.Initiatives) > maxKeyGroups {
				wide++
			}
			want := allPairs(s, p)
			if !reflect.DeepEqual(p.Related, want) {
				t.Fatalf("seed %d, %s: related\n%s\nwant\n%s", seed, p.Path, relatedText(p.Related), relatedText(want))
			}
		}
		if wide == 0 {
			t.Fatalf("seed %d: no wide page; the test does not reach them", seed)
		}
	}
}

// allPairs is p's related pages by the definition: every other case study
// that shares an area, an initiative or the municipality, scored, the best
// maxRelated by score, then newer publication day, then path.
func allPairs(s *Site, p *Page) []Related {
	day := func(q *Page) int64 { return q.Meta.Published.Unix() / 86400 }
	var out []Related
	for _, q := range s.CaseStudies {
		if q == p {
			continue
		}
		score, shared := 0, false
		for _, a := range p.Areas {
			if containsArea(q.Areas, a) {
				score += weightArea
				shared = true
			}
		}
		for _, in := range p.Initiatives {
			if slices.Contains(q.Initiatives, in) {
				score += weightInitiative
				shared = true
			}
		}
		if p.Municipality != nil && p.Municipality == q.Municipality {
			score += weightMunicipality
			shared = true
		} else if sameCounty(p, q) {
			score += weightCounty
		}
		if shared {
			out = append(out, Related{Page: q, Score: score, Reasons: reasons(p, q)})
		}
	}
	slices.SortFunc(out, func(a, b Related) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(day(b.Page), day(a.Page)), strings.Compare(a.Page.Path, b.Page.Path))
	})
	if len(out) > maxRelated {
		out = out[:maxRelated]
	}
	return slices.Clip(out)
}

func relatedText(list []Related) string {
	var b strings.Builder
	for _, r := range list {
		fmt.Fprintf(&b, "  %s %d %s\n", r.Page.Path, r.Score, strings.Join(r.Reasons, ", "))
	}
	return b.String()
}

// TestRelKey holds the packed keys to what they name: two lists of groups
// (and a place) give one key only when they are the same list, for groups
// up to the largest a key holds, where a group's bits straddle the two
// words of the key.
func TestRelKey(t *testing.T) {
	key := func(loc int32, groups ...int32) relKey {
		var k relKey
		for j, x := range groups {
			k.add(j, x)
		}
		return k.at(loc)
	}
	lists := [][]int32{
		{}, {0}, {1}, {0, 1}, {1, 0}, {0, 0}, {maxGroup}, {0, maxGroup}, {maxGroup, 0},
		{1, 2, 3}, {1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 7}, {1, 2, maxGroup, 4, 5, 6},
		{1, 2, maxGroup - 1, 4, 5, 6}, {maxGroup, maxGroup, maxGroup, maxGroup, maxGroup, maxGroup},
		{maxGroup, maxGroup, maxGroup, maxGroup, maxGroup, maxGroup - 1},
		{1, 2}, {1, 2, 1<<12 - 1}, {1, 2, 1<<13 - 1}, // the third's bits beyond the first word only
	}
	seen := map[relKey]string{}
	for _, loc := range []int32{0, 1, 2, maxLoc} {
		for _, g := range lists {
			name := fmt.Sprint(loc, g)
			k := key(loc, g...)
			if other, ok := seen[k]; ok {
				t.Errorf("%s and %s have one key %x", name, other, k)
			}
			seen[k] = name
			if key(loc, g...) != k {
				t.Errorf("%s: two keys", name)
			}
		}
	}
}
