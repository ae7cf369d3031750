package render

import (
	"kunskapsbanken/generator/internal/site"
)

// Retitled is what Jobs would give for s once site.Retitle has given the
// case studies pages new titles in place (the preview), made from jobs,
// Jobs' list before: the same output pages in the same order, each the
// same Data but the pages' own, which carry their title, and the pages of
// "Vem använder vad", whose table of rows is listed again when first
// read. A list page shows the pages through slices of the graph's lists,
// which Retitle sorted again in place, so it shows the new order as it
// is. jobs itself is left as it was: it is the published site until the
// new one is.
func Retitled(jobs []*Data, s *site.Site, pages []*site.Page) []*Data {
	retitled := make(map[*site.Page]bool, len(pages))
	for _, p := range pages {
		retitled[p] = true
	}
	out := make([]*Data, len(jobs))
	var table *usageTable
	for i, d := range jobs {
		switch {
		case d.Page != nil && retitled[d.Page]:
			c := *d
			c.Title = d.Page.Meta.Title
			d = &c
		case d.List != nil && d.List.usage != nil:
			if table == nil {
				table = &usageTable{site: s}
			}
			l := *d.List
			l.usage = table
			c := *d
			c.List = &l
			d = &c
		}
		out[i] = d
	}
	return out
}
