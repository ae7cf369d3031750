package site

import (
	"cmp"
	"slices"

	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/yamldoc"
)

// Retitle gives case studies of the graph a new parse whose front matter
// differs from the last only in what the graph does not build on (the
// title, the summary, the contact, effects, sources …), in place, for the
// preview: the lists that order by title (newest first, ties by title),
// the backlinks that name them, the rows of "Vem använder vad" of their
// areas and the lessons gathered in those orders are sorted again, and
// nothing else of the graph changes (related pages are ranked by date and
// path, not title). It is then the graph Assemble, Relate and Link would
// give for the new parses.
//
// It reports false, changing nothing, when a page is not a case study of
// the graph or its new front matter changes what the graph is made of:
// then the graph must be assembled again. undo puts back what was.
func (s *Site) Retitle(pages []*page.Page) (undo func(), ok bool) {
	var sps []*Page
	var old []*page.Page
	for _, np := range pages {
		sp := s.byPath[np.Path]
		if sp == nil || sp.Kind != page.CaseStudy || np.Kind != page.CaseStudy || !sameGraph(sp.Meta, &np.Meta) {
			return nil, false
		}
		sps, old = append(sps, sp), append(old, sp.Source)
	}
	s.retitle(sps, pages)
	return func() { s.retitle(sps, old) }, true
}

// retitle gives each page of sps its parse of the same position in srcs
// and orders again what orders by title.
func (s *Site) retitle(sps []*Page, srcs []*page.Page) {
	for i, sp := range sps {
		sp.Source, sp.Meta = srcs[i], &srcs[i].Meta
		sp.Lessons = sp.ownLessons()
	}
	areas := map[*Area]bool{}
	muns := map[*Municipality]bool{}
	var lists [][]*Page
	for _, sp := range sps {
		for _, a := range sp.Areas {
			if !areas[a] {
				areas[a] = true
				lists = append(lists, a.Pages)
			}
		}
		if m := sp.Municipality; m != nil && !muns[m] {
			muns[m] = true
			lists = append(lists, m.CaseStudies, m.County.CaseStudies)
		}
		for _, in := range sp.Initiatives {
			lists = append(lists, in.Members)
		}
		for _, st := range s.Statuses {
			if st.ID == sp.Meta.Status {
				lists = append(lists, st.Pages)
			}
		}
		for _, t := range s.Tags {
			if slices.Contains(sp.Meta.Tags, t.Name) {
				lists = append(lists, t.Pages)
			}
		}
	}
	lists = append(lists, s.CaseStudies)
	retitled := map[*Page]bool{}
	for _, sp := range sps {
		retitled[sp] = true
	}
	for _, l := range lists {
		resortNewest(l, retitled) // a list sorted again twice is sorted once
	}
	for _, p := range s.Pages {
		if slices.ContainsFunc(p.Backlinks, func(q *Page) bool { return retitled[q] }) {
			sortByTitle(p.Backlinks)
		}
	}
	for a := range areas {
		a.Lessons = groupLessons(a.Pages)
	}
	for m := range muns {
		m.Lessons = groupLessons(m.CaseStudies)
	}
	for i := 0; i < len(s.Usage); {
		j := i + 1
		for j < len(s.Usage) && s.Usage[j].Area == s.Usage[i].Area {
			j++
		}
		if areas[s.Usage[i].Area] {
			for k := i; k < j; k++ {
				if u := &s.Usage[k]; retitled[u.Page] {
					u.Procurement = u.Page.Meta.Procurement
				}
			}
			sortUsage(s.Usage[i:j])
		}
		i = j
	}
}

// resortNewest puts l in SortNewest's order again when only the pages of
// moved may be out of it: the others keep their order, and each moved page
// is put back where a binary search among them finds its place. So a
// title edit costs the list a copy, not a comparison of every page (the
// list of all case studies is the size of the site).
func resortNewest(l []*Page, moved map[*Page]bool) {
	var out []*Page
	kept := l[:0]
	for _, p := range l {
		if moved[p] {
			out = append(out, p)
		} else {
			kept = append(kept, p)
		}
	}
	for _, p := range out {
		i, _ := slices.BinarySearchFunc(kept, p, newest)
		kept = slices.Insert(kept, i, p) // within l's length: p was taken out of it
	}
}

// sameGraph reports whether two parses of a case study's front matter give
// the same graph: everything Assemble and Relate read, with the positions
// its messages give, is equal.
func sameGraph(a, b *page.Meta) bool {
	item := func(x, y yamldoc.Item) bool { return x.Value == y.Value && x.Line == y.Line && x.Col == y.Col }
	itemPtr := func(x, y *yamldoc.Item) bool { return (x == nil) == (y == nil) && (x == nil || item(*x, *y)) }
	procurement := func(x, y *page.Procurement) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return itemPtr(a.Municipality, b.Municipality) && a.Region == b.Region &&
		slices.EqualFunc(a.Initiatives, b.Initiatives, item) && slices.EqualFunc(a.Areas, b.Areas, item) &&
		slices.EqualFunc(a.Municipalities, b.Municipalities, item) &&
		a.Status == b.Status && a.Published.Equal(b.Published.Time) && a.Draft == b.Draft &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Lessons, b.Lessons) && procurement(a.Procurement, b.Procurement)
}

// sortUsage orders one area's rows of "Vem använder vad": by place, title
// and path. Like SortNewest, it sorts the places and titles copied side by
// side with the rows, not read through the pages' pointers.
func sortUsage(rows []Use) {
	type keyed struct {
		where, title string
		row          Use
	}
	keys := make([]keyed, len(rows))
	for i, u := range rows {
		keys[i] = keyed{u.Page.Where(), u.Page.Meta.Title, u}
	}
	slices.SortFunc(keys, func(x, y keyed) int {
		// Not cmp.Or, which would compare titles and paths on every call.
		if c := cmp.Compare(x.where, y.where); c != 0 {
			return c
		}
		if c := cmp.Compare(x.title, y.title); c != 0 {
			return c
		}
		return cmp.Compare(x.row.Page.Path, y.row.Page.Path)
	})
	for i, k := range keys {
		rows[i] = k.row
	}
}
