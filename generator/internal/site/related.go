package site

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/vocab"
)

// Weights of the related-pages score. Each shared area counts most: it is
// what a reader of one case study most likely wants next; then the same
// initiative, the same municipality, the same county.
const (
	weightArea         = 3
	weightInitiative   = 2
	weightMunicipality = 2
	weightCounty       = 1
	maxRelated         = 5
)

// Relate finds, for every case study, the case studies that share the most
// with it.
//
// With a previous graph of the same site, it works out only what a change
// can reach: a page's related pages all share an area, an initiative or a
// municipality with it, so only the members of the groups a changed page
// belongs to (before or after the change) are scored again; the others keep
// their lists. changed reports whether a page's front matter changed. A
// change to the areas' vocabulary must pass no previous graph.
func (s *Site) Relate(prev *Site, changed func(path string) bool) {
	if prev == nil {
		s.relate(nil)
		return
	}
	affected := map[*Page]bool{}
	group := func(p *Page) { // p's groups in this graph
		for _, a := range p.Areas {
			for _, q := range a.Pages {
				affected[q] = true
			}
		}
		for _, in := range p.Initiatives {
			for _, q := range in.Members {
				affected[q] = true
			}
		}
		if p.Kind == page.Initiative {
			for _, q := range p.Members {
				affected[q] = true // their reasons quote the initiative's title
			}
		}
		if p.Municipality != nil {
			for _, q := range p.Municipality.CaseStudies {
				affected[q] = true
			}
		}
	}
	// The same groups, found in this graph by what names them.
	oldGroup := func(old *Page) {
		for _, a := range old.Areas {
			for _, x := range s.Areas {
				if x.ID == a.ID {
					for _, q := range x.Pages {
						affected[q] = true
					}
				}
			}
		}
		for _, in := range old.Initiatives {
			if now := s.byPath[in.Path]; now != nil {
				for _, q := range now.Members {
					affected[q] = true
				}
			}
		}
		if old.Kind == page.Initiative {
			if now := s.byPath[old.Path]; now != nil {
				for _, q := range now.Members {
					affected[q] = true
				}
			}
		}
		if old.Municipality != nil {
			if m := s.munByName[old.Municipality.Name]; m != nil {
				for _, q := range m.CaseStudies {
					affected[q] = true
				}
			}
		}
	}
	for _, p := range s.Pages {
		old := prev.byPath[p.Path]
		if old == nil || changed(p.Path) {
			affected[p] = true
			group(p)
			if old != nil {
				oldGroup(old)
			}
		}
	}
	for _, old := range prev.Pages {
		if s.byPath[old.Path] == nil {
			oldGroup(old)
		}
	}
	reuse := func(p *Page) bool {
		if affected[p] {
			return false
		}
		old := prev.byPath[p.Path]
		if old == nil {
			return false
		}
		out := make([]Related, len(old.Related))
		for i, r := range old.Related {
			q := s.byPath[r.Page.Path]
			if q == nil {
				return false
			}
			out[i] = Related{Page: q, Score: r.Score, Reasons: r.Reasons}
		}
		p.Related = out
		return true
	}
	s.relate(reuse)
}

// relate scores the case studies that reuse (when not nil) cannot fill from
// a previous graph.
func (s *Site) relate(reuse func(*Page) bool) {
	r := newRelator(s)
	texts := newReasonTexts(s)
	lists := &reasonLists{m: map[string][]string{}}
	par.For(len(r.cs), func(i int) {
		p := r.cs[i]
		if reuse != nil && reuse(p) {
			return
		}
		top := r.best(int32(i))
		out := make([]Related, len(top))
		sc := reasonScratches.Get().(*reasonScratch)
		for k, c := range top {
			sc.why = texts.appendReasons(sc.why[:0], p, r.cs[c.q])
			out[k] = Related{Page: r.cs[c.q], Score: int(c.score), Reasons: lists.share(sc)}
		}
		reasonScratches.Put(sc)
		p.Related = out
	})
}

// reasonScratch is the memory relate gathers one related page's reasons
// in, reused page after page.
type reasonScratch struct {
	why []string // the reasons
	key []byte   // and their texts joined, reasonLists' key
}

var reasonScratches = sync.Pool{New: func() any { return new(reasonScratch) }}

// reasonLists gives every equal list of reasons one array, shared by all
// the related pages that give it: a site has few distinct lists ("samma
// område: Digitala lås", with or without "samma län: Skåne län", …), and
// an array per related page was 22 MB at 100,000 pages, held to the end
// of a build and marked by every collection. The lists are only read.
// Safe for concurrent use.
type reasonLists struct {
	mu sync.Mutex
	m  map[string][]string // the texts joined by a zero byte → the list
}

// share returns the list equal to sc.why, which it does not keep.
func (l *reasonLists) share(sc *reasonScratch) []string {
	if len(sc.why) == 0 {
		return nil
	}
	sc.key = sc.key[:0]
	for _, w := range sc.why {
		sc.key = append(append(sc.key, w...), 0)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if list, ok := l.m[string(sc.key)]; ok {
		return list
	}
	list := slices.Clip(slices.Clone(sc.why))
	l.m[string(sc.key)] = list
	return list
}

// A relator finds each case study's best related pages in time linear in
// the number of case studies, without scoring every pair.
//
// A page p belongs to groups: each of its areas (weight 3), each of its
// initiatives (2), its county (1) and its municipality (1 more, so the
// same municipality counts 2 and only the same county 1). The score of q
// for p is the weight of the groups of p that q is in, and q is a candidate
// only when it shares more than the county. Ties go to the newer page,
// then the path: one order of all case studies, the rank.
//
// The pages in every group of a set E of p's groups score at least w(E);
// a page in exactly the groups E scores w(E). So if such a page is among
// p's best maxRelated, every page in all of E that ranks before it scores
// at least as much and beats it: it is among the first maxRelated pages
// of the intersection of E, by rank. The relator therefore keeps, for
// every set of groups some page belongs to, the first maxRelated+1 pages
// of its intersection (one more, in case p itself is among them), and p's
// best are the best of the lists of the subsets of p's groups. A page has
// one to a few areas, so its subsets are few; one with more than
// maxKeyGroups areas and initiatives is wide: it is kept out of the lists,
// every page scores the wide ones directly, and a wide page scores every
// page.
type relator struct {
	cs      []*Page
	nAreas  int32
	groups  [][]int32 // per case study: its area indexes, then initiatives as nAreas+index, ascending
	county  []int32   // county index, -1 without a municipality
	mun     []int32   // municipality index, -1 without one
	rank    []int32   // position in the tie order: newer day first, then path
	lists   map[relKey]int32
	heads   []head  // the lists' first pages, by rank
	wide    []int32 // wide case studies, by rank
	nCounty int32
}

// maxKeyGroups is the most areas and initiatives a page may have and still
// be found through the lists.
const maxKeyGroups = 6

// relKey names a set of groups: where (anywhere, a county or a
// municipality) and which areas and initiatives.
type relKey struct {
	loc int32 // 0 anywhere, 1+county, 1+nCounty+municipality
	n   int32
	g   [maxKeyGroups]int32
}

// head is the first pages, by rank, in every group of one set.
type head struct {
	n int32
	q [maxRelated + 1]int32
}

// cand is a candidate related page and its score.
type cand struct{ q, score int32 }

func newRelator(s *Site) *relator {
	cs := s.CaseStudies
	r := &relator{cs: cs, nAreas: int32(len(s.Areas)), groups: make([][]int32, len(cs)),
		county: make([]int32, len(cs)), mun: make([]int32, len(cs)), rank: make([]int32, len(cs)),
		lists: map[relKey]int32{}}
	areaIx := make(map[*Area]int32, len(s.Areas))
	for i, a := range s.Areas {
		areaIx[a] = int32(i)
	}
	initIx := make(map[*Page]int32, len(s.Initiatives))
	for i, in := range s.Initiatives {
		initIx[in] = r.nAreas + int32(i)
	}
	countyIx := map[*vocab.County]int32{}
	munIx := map[*Municipality]int32{}
	for i, p := range cs {
		var g []int32
		for _, a := range p.Areas {
			if x, ok := areaIx[a]; ok && !slices.Contains(g, x) {
				g = append(g, x)
			}
		}
		for _, in := range p.Initiatives {
			if x, ok := initIx[in]; ok && !slices.Contains(g, x) {
				g = append(g, x)
			}
		}
		slices.Sort(g)
		r.groups[i] = g
		r.county[i], r.mun[i] = -1, -1
		if m := p.Municipality; m != nil {
			c, ok := countyIx[m.Place.County]
			if !ok {
				c = int32(len(countyIx))
				countyIx[m.Place.County] = c
			}
			x, ok := munIx[m]
			if !ok {
				x = int32(len(munIx))
				munIx[m] = x
			}
			r.county[i], r.mun[i] = c, x
		}
	}
	r.nCounty = int32(len(countyIx))

	order := make([]int32, len(cs))
	day := make([]int32, len(cs))
	for i, p := range cs {
		order[i] = int32(i)
		day[i] = int32(p.Meta.Published.Unix() / 86400)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if day[a] != day[b] {
			return cmp.Compare(day[b], day[a])
		}
		return strings.Compare(cs[a].Path, cs[b].Path)
	})
	for k, i := range order {
		r.rank[i] = int32(k)
	}
	for _, i := range order {
		if len(r.groups[i]) > maxKeyGroups {
			r.wide = append(r.wide, i)
			continue
		}
		r.keys(i, func(k relKey) {
			x, ok := r.lists[k]
			if !ok {
				x = int32(len(r.heads))
				r.heads = append(r.heads, head{})
				r.lists[k] = x
			}
			if h := &r.heads[x]; h.n < int32(len(h.q)) {
				h.q[h.n] = i
				h.n++
			}
		})
	}
	return r
}

// keys calls f with every set of i's groups that makes a candidate: any
// subset of its areas and initiatives, anywhere, in its county or in its
// municipality, but not the empty set nor the county alone.
func (r *relator) keys(i int32, f func(relKey)) {
	g := r.groups[i]
	locs := []int32{0}
	if r.mun[i] >= 0 {
		locs = append(locs, 1+r.county[i], 1+r.nCounty+r.mun[i])
	}
	for mask := 0; mask < 1<<len(g); mask++ {
		var k relKey
		for j, x := range g {
			if mask&(1<<j) != 0 {
				k.g[k.n] = x
				k.n++
			}
		}
		for li, loc := range locs {
			if mask == 0 && li < 2 {
				continue
			}
			k.loc = loc
			f(k)
		}
	}
}

// score is q's score for p, and whether q is a candidate at all.
func (r *relator) score(p, q int32) (int32, bool) {
	var s int32
	shared := false
	gp, gq := r.groups[p], r.groups[q]
	for a, b := 0, 0; a < len(gp) && b < len(gq); {
		switch {
		case gp[a] < gq[b]:
			a++
		case gp[a] > gq[b]:
			b++
		default:
			if gp[a] < r.nAreas {
				s += weightArea
			} else {
				s += weightInitiative
			}
			shared = true
			a++
			b++
		}
	}
	switch {
	case r.mun[p] >= 0 && r.mun[p] == r.mun[q]:
		s += weightMunicipality
		shared = true
	case r.county[p] >= 0 && r.county[p] == r.county[q]:
		s += weightCounty
	}
	return s, shared
}

// best returns p's best maxRelated candidates: higher score, then rank.
func (r *relator) best(p int32) []cand {
	var top [maxRelated]cand
	n := 0
	offer := func(q int32) {
		if q == p {
			return
		}
		for _, c := range top[:n] {
			if c.q == q {
				return
			}
		}
		s, ok := r.score(p, q)
		if !ok {
			return
		}
		c := cand{q, s}
		better := func(a, b cand) bool {
			if a.score != b.score {
				return a.score > b.score
			}
			return r.rank[a.q] < r.rank[b.q]
		}
		if n == maxRelated && !better(c, top[n-1]) {
			return
		}
		if n < maxRelated {
			n++
		}
		j := n - 1
		for j > 0 && better(c, top[j-1]) {
			top[j] = top[j-1]
			j--
		}
		top[j] = c
	}
	if len(r.groups[p]) > maxKeyGroups {
		for q := range r.cs {
			offer(int32(q))
		}
	} else {
		r.keys(p, func(k relKey) {
			if x, ok := r.lists[k]; ok {
				h := &r.heads[x]
				for _, q := range h.q[:h.n] {
					offer(q)
				}
			}
		})
		for _, q := range r.wide {
			offer(q)
		}
	}
	return slices.Clone(top[:n])
}

// sameCounty is true for pages in different municipalities of one county.
func sameCounty(p, q *Page) bool {
	return p.Municipality != nil && q.Municipality != nil && p.Municipality != q.Municipality &&
		p.Municipality.Place.County == q.Municipality.Place.County
}

// reasons says, in the reader's words, what p and q share.
func reasons(p, q *Page) []string {
	var none reasonTexts // no texts made before: each is made anew
	return none.appendReasons(nil, p, q)
}

// reasonTexts holds the words of each reason two pages can share, made
// once, so that the related lists of all pages share them: made for each
// pair, they were 17 strings a case study (1.7 million at 100,000 pages),
// a fifth of the objects the garbage collector marked again and again
// through the rest of a build.
type reasonTexts struct {
	areas          map[*Area]string
	initiatives    map[*Page]string
	municipalities map[*Municipality]string
	counties       map[*vocab.County]string
}

const (
	reasonArea         = "samma område: "
	reasonInitiative   = "samma initiativ: "
	reasonMunicipality = "samma kommun: "
	reasonCounty       = "samma län: "
)

func newReasonTexts(s *Site) *reasonTexts {
	t := &reasonTexts{
		areas:          make(map[*Area]string, len(s.Areas)),
		initiatives:    make(map[*Page]string, len(s.Initiatives)),
		municipalities: make(map[*Municipality]string, len(s.Municipalities)),
		counties:       map[*vocab.County]string{},
	}
	for _, a := range s.Areas {
		t.areas[a] = reasonArea + a.Label
	}
	for _, in := range s.Initiatives {
		t.initiatives[in] = reasonInitiative + in.Meta.Title
	}
	for _, m := range s.Municipalities {
		t.municipalities[m] = reasonMunicipality + m.Name
		if c := m.Place.County; c != nil {
			t.counties[c] = reasonCounty + c.Name
		}
	}
	return t
}

// appendReasons appends to dst what p and q share; a text t lacks is made
// anew.
func (t *reasonTexts) appendReasons(dst []string, p, q *Page) []string {
	for _, a := range q.Areas {
		if containsArea(p.Areas, a) {
			dst = append(dst, reasonText(t.areas, a, reasonArea, a.Label))
		}
	}
	for _, in := range q.Initiatives {
		for _, mine := range p.Initiatives {
			if in == mine {
				dst = append(dst, reasonText(t.initiatives, in, reasonInitiative, in.Meta.Title))
			}
		}
	}
	if m := p.Municipality; m != nil && q.Municipality == m {
		dst = append(dst, reasonText(t.municipalities, m, reasonMunicipality, m.Name))
	} else if sameCounty(p, q) {
		c := m.Place.County
		dst = append(dst, reasonText(t.counties, c, reasonCounty, c.Name))
	}
	return dst
}

// reasonText is the text made before for k, or prefix + name.
func reasonText[K comparable](made map[K]string, k K, prefix, name string) string {
	if s, ok := made[k]; ok {
		return s
	}
	return prefix + name
}
