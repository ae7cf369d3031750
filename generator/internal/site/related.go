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
// a previous graph, one municipality's at a time, with that municipality's
// lists made for them and dropped after.
func (s *Site) relate(reuse func(*Page) bool) {
	r := newRelator(s)
	texts := newReasonTexts(s)
	lists := &reasonLists{byText: map[string][]string{}, byKey: map[relKey][]string{}}
	par.For(len(r.places), func(k int) {
		var mun *headLists // made for the first page that needs it
		sc := &reasonScratch{seen: map[relKey][]string{}}
		for _, i := range r.places[k] {
			p := r.cs[i]
			if reuse != nil && reuse(p) {
				continue
			}
			if mun == nil && k > 0 {
				mun = r.listsOf(r.places[k], true)
			}
			top := r.best(i, mun)
			out := make([]Related, len(top))
			for j, c := range top {
				out[j] = Related{Page: r.cs[c.q], Score: int(c.score), Reasons: r.reasons(sc, lists, texts, i, c.q)}
			}
			p.Related = out
		}
	})
}

// reasonScratch is the memory relate gathers one related page's reasons
// in, reused page after page of one place, and the lists it found before
// (reasonLists' without its lock).
type reasonScratch struct {
	why  []string // the reasons
	key  []byte   // and their texts joined, reasonLists' key
	seen map[relKey][]string
}

// reasonLists gives every equal list of reasons one array, shared by all
// the related pages that give it: a site has few distinct lists ("samma
// område: Digitala lås", with or without "samma län: Skåne län", …), and
// an array per related page was 22 MB at 100,000 pages, held to the end
// of a build and marked by every collection. The lists are only read.
// Safe for concurrent use.
type reasonLists struct {
	mu     sync.Mutex
	byText map[string][]string // the texts joined by a zero byte → the list
	byKey  map[relKey][]string // what the pages share, in order (relator.reasons) → the list
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
	if list, ok := l.byText[string(sc.key)]; ok {
		return list
	}
	list := slices.Clip(slices.Clone(sc.why))
	l.byText[string(sc.key)] = list
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
// maxKeyGroups areas and initiatives (or indexes too large for a relKey)
// is wide: it is kept out of the lists, every page scores the wide ones
// directly, and a wide page scores every page.
//
// The lists are kept by place: of the sets of areas and initiatives
// anywhere, those in each county, and those in each municipality. The
// last are most of them (a set of three areas in one municipality is
// often one page's alone), and only that municipality's pages read them,
// so they are made for its pages, read and dropped: at 100,000 pages, one
// map of every list had outgrown the processor's caches, and looking up
// in it cost more than the scoring. What the relator reads of a page is in
// one relPage, side by side with the others', not behind the Page's
// pointers, for the same reason.
type relator struct {
	cs          []*Page
	areas       []*Area // the site's, whose indexes the groups are
	initiatives []*Page // the site's, whose indexes + nAreas the groups are
	nAreas      int32
	nCounty     int32
	pages       []relPage         // per case study
	wideG       map[int32][]int32 // the groups of the wide case studies, ascending
	wide        []int32           // wide case studies, by rank
	anywhere    *headLists
	counties    []*headLists // by county index
	places      [][]int32    // the case studies without a municipality, then each municipality's; by rank
}

// relPage is what the relator knows of one case study.
type relPage struct {
	rank   int32 // position in the tie order: newer day first, then path
	county int32 // county index, -1 without a municipality
	mun    int32 // municipality index, -1 without one
	n      uint8 // how many of g are its groups; none when wide
	wide   bool
	g      [maxKeyGroups]int32 // area indexes, then initiatives as nAreas+index, ascending
	order  [maxKeyGroups]uint8 // g's positions in the page's own order: its areas, then its initiatives, as written
}

// maxKeyGroups is the most areas and initiatives a page may have and still
// be found through the lists.
const maxKeyGroups = 6

// relKey names a set of groups, packed: 1 + each group's index in
// groupBits bits, up to maxKeyGroups of them, above locBits bits that
// say, where a key names what two pages share (relator.reasons), the
// place: 0 none, 1+county, 1+nCounty+municipality.
type relKey [2]uint64

const (
	locBits   = 16
	groupBits = 18
	maxGroup  = 1<<groupBits - 2 // the largest group index a relKey holds
	maxLoc    = 1<<locBits - 1
)

// add puts the j-th group x of the set into k.
func (k *relKey) add(j int, x int32) {
	pos := uint(locBits + j*groupBits)
	v := uint64(x) + 1
	w, off := pos/64, pos%64
	k[w] |= v << off
	if off+groupBits > 64 {
		k[w+1] |= v >> (64 - off)
	}
}

// at is k at the place loc.
func (k relKey) at(loc int32) relKey {
	k[0] |= uint64(loc)
	return k
}

// headLists keeps, for every set of groups, the first pages by rank in
// all of them.
type headLists struct {
	at    map[relKey]int32 // the set → its index in heads
	heads []head
}

// head is the first pages, by rank, in every group of one set.
type head struct {
	n int32
	q [maxRelated + 1]int32
}

// add counts page i, added after every page that ranks before it, into
// the set k.
func (l *headLists) add(k relKey, i int32) {
	x, ok := l.at[k]
	if !ok {
		x = int32(len(l.heads))
		l.heads = append(l.heads, head{})
		l.at[k] = x
	}
	if h := &l.heads[x]; h.n < int32(len(h.q)) {
		h.q[h.n] = i
		h.n++
	}
}

// first is the first pages in every group of the set k.
func (l *headLists) first(k relKey) []int32 {
	x, ok := l.at[k]
	if !ok {
		return nil
	}
	h := &l.heads[x]
	return h.q[:h.n]
}

// listsOf is the lists of pages, added by rank; with empty, the empty
// set's too (all of pages).
func (r *relator) listsOf(pages []int32, empty bool) *headLists {
	l := &headLists{at: map[relKey]int32{}}
	for _, i := range pages {
		if !r.pages[i].wide {
			r.keys(i, func(k relKey, none bool) {
				if empty || !none {
					l.add(k, i)
				}
			})
		}
	}
	return l
}

// cand is a candidate related page and its score.
type cand struct{ q, score int32 }

func newRelator(s *Site) *relator {
	cs := s.CaseStudies
	r := &relator{cs: cs, areas: s.Areas, initiatives: s.Initiatives, nAreas: int32(len(s.Areas)), pages: make([]relPage, len(cs)), wideG: map[int32][]int32{}}
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
	var g []int32
	for i, p := range cs {
		g = g[:0]
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
		rp := &r.pages[i]
		rp.county, rp.mun = -1, -1
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
			rp.county, rp.mun = c, x
		}
		rp.wide = len(g) > maxKeyGroups || slices.ContainsFunc(g, func(x int32) bool { return x > maxGroup })
		if rp.wide {
			r.wideG[int32(i)] = slices.Sorted(slices.Values(g))
			continue
		}
		rp.n = uint8(len(g))
		copy(rp.g[:], g) // as written, then ascending
		slices.Sort(rp.g[:rp.n])
		for j, x := range g {
			rp.order[j] = uint8(slices.Index(rp.g[:rp.n], x))
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
	r.places = make([][]int32, 1+len(munIx))
	byCounty := make([][]int32, r.nCounty)
	for k, i := range order {
		rp := &r.pages[i]
		rp.rank = int32(k)
		if rp.wide {
			r.wide = append(r.wide, i)
		}
		r.places[1+rp.mun] = append(r.places[1+rp.mun], i)
		if rp.county >= 0 {
			byCounty[rp.county] = append(byCounty[rp.county], i)
		}
	}
	r.counties = make([]*headLists, r.nCounty)
	par.For(1+len(byCounty), func(c int) {
		if c == 0 {
			r.anywhere = r.listsOf(order, false)
		} else {
			r.counties[c-1] = r.listsOf(byCounty[c-1], false)
		}
	})
	return r
}

// keys calls f with every subset of i's areas and initiatives, and says
// which one is the empty set.
func (r *relator) keys(i int32, f func(k relKey, empty bool)) {
	rp := &r.pages[i]
	g := rp.g[:rp.n]
	for mask := 0; mask < 1<<len(g); mask++ {
		var k relKey
		j := 0
		for b, x := range g {
			if mask&(1<<b) != 0 {
				k.add(j, x)
				j++
			}
		}
		f(k, mask == 0)
	}
}

// groups is i's groups, ascending.
func (r *relator) groups(i int32) []int32 {
	if rp := &r.pages[i]; !rp.wide {
		return rp.g[:rp.n]
	}
	return r.wideG[i]
}

// score is q's score for p, and whether q is a candidate at all.
func (r *relator) score(p, q int32) (int32, bool) {
	var s int32
	shared := false
	gp, gq := r.groups(p), r.groups(q)
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
	rp, rq := &r.pages[p], &r.pages[q]
	switch {
	case rp.mun >= 0 && rp.mun == rq.mun:
		s += weightMunicipality
		shared = true
	case rp.county >= 0 && rp.county == rq.county:
		s += weightCounty
	}
	return s, shared
}

// best returns p's best maxRelated candidates: higher score, then rank;
// mun is the lists of p's municipality.
func (r *relator) best(p int32, mun *headLists) []cand {
	var top [maxRelated]cand
	n := 0
	better := func(a, b cand) bool {
		if a.score != b.score {
			return a.score > b.score
		}
		return r.pages[a.q].rank < r.pages[b.q].rank
	}
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
	if rp := &r.pages[p]; rp.wide {
		for q := range r.cs {
			offer(int32(q))
		}
	} else {
		offers := func(qs []int32) {
			for _, q := range qs {
				offer(q)
			}
		}
		r.keys(p, func(k relKey, empty bool) {
			if !empty {
				offers(r.anywhere.first(k))
			}
			if mun != nil {
				if !empty {
					offers(r.counties[rp.county].first(k))
				}
				offers(mun.first(k))
			}
		})
		for _, q := range r.wide {
			offer(q)
		}
	}
	return slices.Clone(top[:n])
}

// reasons is the list of what p and q share, in q's order (its areas, then
// its initiatives, as written, then the municipality or the county): the
// list found before for the same groups in the same order, or made from
// texts and kept in sc and lists.
func (r *relator) reasons(sc *reasonScratch, lists *reasonLists, texts *reasonTexts, p, q int32) []string {
	rp, rq := &r.pages[p], &r.pages[q]
	var loc int32
	switch {
	case rp.mun >= 0 && rp.mun == rq.mun:
		loc = 1 + r.nCounty + rp.mun
	case rp.county >= 0 && rp.county == rq.county:
		loc = 1 + rp.county
	}
	if rp.wide || rq.wide || loc > maxLoc { // too much for a key
		sc.why = texts.appendReasons(sc.why[:0], r.cs[p], r.cs[q])
		return lists.share(sc)
	}
	var k relKey
	var shared [maxKeyGroups]int32
	n := 0
	for _, j := range rq.order[:rq.n] {
		if x := rq.g[j]; slices.Contains(rp.g[:rp.n], x) {
			k.add(n, x)
			shared[n] = x
			n++
		}
	}
	k = k.at(loc)
	if list, ok := sc.seen[k]; ok {
		return list
	}
	lists.mu.Lock()
	list, ok := lists.byKey[k]
	if !ok {
		list = make([]string, 0, n+1)
		for _, x := range shared[:n] {
			if x < r.nAreas {
				a := r.areas[x]
				list = append(list, reasonText(texts.areas, a, reasonArea, a.Label))
			} else {
				in := r.initiatives[x-r.nAreas]
				list = append(list, reasonText(texts.initiatives, in, reasonInitiative, in.Meta.Title))
			}
		}
		if loc > 0 { // the texts are the first page's: p and q share the place
			list = texts.appendPlace(list, r.cs[p], r.cs[q])
		}
		list = slices.Clip(list)
		if len(list) == 0 {
			list = nil
		}
		lists.byKey[k] = list
	}
	lists.mu.Unlock()
	sc.seen[k] = list
	return list
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
	return t.appendPlace(dst, p, q)
}

// appendPlace appends to dst the municipality or the county p and q share.
func (t *reasonTexts) appendPlace(dst []string, p, q *Page) []string {
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
