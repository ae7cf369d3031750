package site

import (
	"sort"

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
// not from every pair, so the cost grows with the size of those lists.
func (s *Site) relate() {
	cs := s.CaseStudies
	par.For(len(cs), func(i int) {
		p := cs[i]
		score := map[*Page]int{}
		add := func(list []*Page, w int) {
			for _, q := range list {
				if q != p {
					score[q] += w
				}
			}
		}
		for _, a := range p.Areas {
			add(a.Pages, weightArea)
		}
		for _, in := range p.Initiatives {
			add(in.Members, weightInitiative)
		}
		if p.Municipality != nil {
			add(p.Municipality.CaseStudies, weightMunicipality)
		}
		out := make([]Related, 0, len(score))
		for q, sc := range score {
			if sameCounty(p, q) {
				sc += weightCounty
			}
			out = append(out, Related{Page: q, Score: sc})
		}
		sort.Slice(out, func(a, b int) bool {
			x, y := out[a], out[b]
			if x.Score != y.Score {
				return x.Score > y.Score
			}
			if !x.Page.Meta.Published.Equal(y.Page.Meta.Published.Time) {
				return x.Page.Meta.Published.After(y.Page.Meta.Published.Time)
			}
			return x.Page.Path < y.Page.Path
		})
		if len(out) > maxRelated {
			out = out[:maxRelated]
		}
		for k := range out {
			out[k].Reasons = reasons(p, out[k].Page)
		}
		p.Related = out
	})
}

// sameCounty is true for pages in different municipalities of one county.
func sameCounty(p, q *Page) bool {
	return p.Municipality != nil && q.Municipality != nil && p.Municipality != q.Municipality &&
		p.Municipality.Municipality.County == q.Municipality.Municipality.County
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
		out = append(out, "samma län: "+p.Municipality.Municipality.County.Name)
	}
	return out
}
