package site

import (
	"sync"

	"kunskapsbanken/generator/internal/par"
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

// relate finds, for every case study, the case studies that share the most
// with it. Candidates come from the area, municipality and initiative lists,
// not from every pair, so the cost grows with the size of those lists. Scores
// are summed in a dense array per worker (a map per page was most of a
// 10,000-page build), and only the best few are kept while scanning.
func (s *Site) relate() {
	cs := s.CaseStudies
	index := make(map[*Page]int32, len(cs))
	day := make([]int32, len(cs)) // publication day, for tie-breaks without time.Time
	for i, p := range cs {
		index[p] = int32(i)
		day[i] = int32(p.Meta.Published.Unix() / 86400)
	}
	// Lists of case-study indexes, built once.
	ids := func(list []*Page) []int32 {
		out := make([]int32, 0, len(list))
		for _, q := range list {
			if i, ok := index[q]; ok {
				out = append(out, i)
			}
		}
		return out
	}
	areaIDs := map[*Area][]int32{}
	for _, a := range s.Areas {
		areaIDs[a] = ids(a.Pages)
	}
	initIDs := map[*Page][]int32{}
	for _, in := range s.Initiatives {
		initIDs[in] = ids(in.Members)
	}
	munIDs := map[*Municipality][]int32{}
	for _, m := range s.munByName {
		munIDs[m] = ids(m.CaseStudies)
	}

	type scratch struct {
		score   []int32
		touched []int32
	}
	pool := sync.Pool{New: func() any { return &scratch{score: make([]int32, len(cs))} }}
	par.For(len(cs), func(i int) {
		p := cs[i]
		sc := pool.Get().(*scratch)
		add := func(list []int32, w int32) {
			for _, q := range list {
				if q == int32(i) {
					continue
				}
				if sc.score[q] == 0 {
					sc.touched = append(sc.touched, q)
				}
				sc.score[q] += w
			}
		}
		for _, a := range p.Areas {
			add(areaIDs[a], weightArea)
		}
		for _, in := range p.Initiatives {
			add(initIDs[in], weightInitiative)
		}
		if p.Municipality != nil {
			add(munIDs[p.Municipality], weightMunicipality)
		}
		// Keep the best maxRelated: higher score, then newer, then path.
		type cand struct{ q, score int32 }
		better := func(a, b cand) bool {
			if a.score != b.score {
				return a.score > b.score
			}
			if day[a.q] != day[b.q] {
				return day[a.q] > day[b.q]
			}
			return cs[a.q].Path < cs[b.q].Path
		}
		var top [maxRelated]cand
		n := 0
		for _, q := range sc.touched {
			c := cand{q, sc.score[q]}
			sc.score[q] = 0
			if sameCounty(p, cs[q]) {
				c.score += weightCounty
			}
			if n == maxRelated && !better(c, top[n-1]) {
				continue
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
		sc.touched = sc.touched[:0]
		pool.Put(sc)
		out := make([]Related, n)
		for k := 0; k < n; k++ {
			q := cs[top[k].q]
			out[k] = Related{Page: q, Score: int(top[k].score), Reasons: reasons(p, q)}
		}
		p.Related = out
	})
}

// sameCounty is true for pages in different municipalities of one county.
func sameCounty(p, q *Page) bool {
	return p.Municipality != nil && q.Municipality != nil && p.Municipality != q.Municipality &&
		p.Municipality.Place.County == q.Municipality.Place.County
}

// reasons says, in the reader's words, what p and q share.
func reasons(p, q *Page) []string {
	var out []string
	for _, a := range q.Areas {
		if containsArea(p.Areas, a) {
			out = append(out, "samma område: "+a.Label)
		}
	}
	for _, in := range q.Initiatives {
		for _, mine := range p.Initiatives {
			if in == mine {
				out = append(out, "samma initiativ: "+in.Meta.Title)
			}
		}
	}
	if p.Municipality != nil && q.Municipality == p.Municipality {
		out = append(out, "samma kommun: "+p.Municipality.Name)
	} else if sameCounty(p, q) {
		out = append(out, "samma län: "+p.Municipality.Place.County.Name)
	}
	return out
}
