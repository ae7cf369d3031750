package site

import (
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/yamldoc"
)

// LessonGroup is the lessons of one kind (worked, did not work, advice, or
// not marked) gathered from several case studies.
type LessonGroup struct {
	Kind    page.LessonKind
	Label   string // "Det här fungerade"
	Lessons []LessonRef
}

// LessonRef is one lesson with the case study it comes from.
type LessonRef struct {
	Text string
	Page *Page // the case study, whose Municipality may be nil (regional work)
}

// Use is one row of "Vem använder vad": a case study in one area, with who
// did it and how it was bought.
type Use struct {
	Area        *Area
	Page        *Page
	Procurement *page.Procurement // nil when the case study does not say
}

// UsageURL is the page "Vem använder vad"; its sorted variants are below it.
const UsageURL = "vem-anvander-vad/"

// groupLessons gathers the lessons of pages (in their order), one group per
// kind that has any, in page.LessonKinds order, unmarked lessons last.
func groupLessons(pages []*Page) []LessonGroup {
	var out []LessonGroup
	for i := range len(page.LessonKinds) + 1 {
		var k page.LessonKind // unmarked, after the kinds
		if i < len(page.LessonKinds) {
			k = page.LessonKinds[i]
		}
		g := LessonGroup{Kind: k, Label: k.Label()}
		for _, p := range pages {
			for _, l := range p.Meta.Lessons {
				if l.Kind == k {
					g.Lessons = append(g.Lessons, LessonRef{Text: l.Text, Page: p})
				}
			}
		}
		if len(g.Lessons) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// ownLessons is a case study's own lessons, grouped.
func (p *Page) ownLessons() []LessonGroup {
	if len(p.Meta.Lessons) == 0 {
		return nil
	}
	return groupLessons([]*Page{p})
}

// experience fills in, once the lists are final, each area's and
// municipality's lessons, each case study's own, and the rows of
// "Vem använder vad": by area in vocabulary order, then municipality (or
// region) and title.
func (s *Site) experience() {
	rows := 0
	for _, a := range s.Areas {
		rows += len(a.Pages)
	}
	s.Usage = make([]Use, 0, rows)
	for _, a := range s.Areas {
		a.Lessons = groupLessons(a.Pages)
		for _, p := range a.Pages {
			s.Usage = append(s.Usage, Use{Area: a, Page: p, Procurement: p.Meta.Procurement})
		}
	}
	for _, m := range s.Municipalities {
		m.Lessons = groupLessons(m.CaseStudies)
	}
	for _, p := range s.CaseStudies {
		p.Lessons = p.ownLessons()
	}
	// The rows are in the areas' order already; within an area a page is
	// one row, so place, title and path order them fully (no stable sort
	// needed, which costs a third of assembling at 10,000 pages).
	for i := 0; i < len(s.Usage); {
		j := i + 1
		for j < len(s.Usage) && s.Usage[j].Area == s.Usage[i].Area {
			j++
		}
		sortUsage(s.Usage[i:j])
		i = j
	}
}

// Where is where a case study's work was done: its municipality's name, or
// its region.
func (p *Page) Where() string {
	if p.Municipality != nil {
		return p.Municipality.Name
	}
	return p.Meta.Region
}

// Changed is when the area's case studies last changed: the latest of
// their published and updated dates (zero without case studies).
func (a *Area) Changed() yamldoc.Date {
	var d yamldoc.Date
	for _, p := range a.Pages {
		for _, x := range []yamldoc.Date{p.Meta.Published, p.Meta.Updated} {
			if x.After(d.Time) {
				d = x
			}
		}
	}
	return d
}
