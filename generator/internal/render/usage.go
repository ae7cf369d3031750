package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/spelling"
)

// "Vem använder vad" (site.UsageURL) is one table, rendered once per order
// it can be sorted in: the default, by area, at site.UsageURL and every
// other below it (vem-anvander-vad/kommun/). A column's heading links to
// its order, so sorting works without JavaScript; with it, the theme's
// script reorders the rows in place by the ranks each row carries
// (UsageRow.Ranks), the same order the server wrote.

// UsageSort is one order of the table.
type UsageSort struct {
	Key string // "omrade", "kommun", …: the URL segment and the column's id
	URL string // the page sorted so
}

// UsageRow is one row with its rank in every order, in usageSorts order.
type UsageRow struct {
	Use   site.Use
	Ranks []int

	index int // its position in Site.Usage: the same row in every order
}

// usageRowPartial is the partial that renders one row of the table. The
// layout vem.html calls it as {{usageRow .}}, not {{template}}: a row is
// the same in every order, so RenderPages renders each row once and the
// six orders reuse it (the table is most of those pages' cost, and grows
// with the site).
const usageRowPartial = "usagerow.html"

// usageRows renders the rows of the table once each, on first use, with
// the theme's partial usagerow.html; safe for concurrent use. Two pages
// asking for the same row at once may both render it, and get the same
// bytes.
type usageRows struct {
	html []atomic.Pointer[template.HTML]
}

func newUsageRows(s *site.Site) *usageRows {
	return &usageRows{html: make([]atomic.Pointer[template.HTML], len(s.Usage))}
}

// row returns row r's HTML, rendering it with tmpl when not yet done.
func (u *usageRows) row(tmpl *template.Template, r UsageRow) (template.HTML, error) {
	if r.index < 0 || r.index >= len(u.html) {
		return "", fmt.Errorf("usageRow: not a row of this site's table")
	}
	if h := u.html[r.index].Load(); h != nil {
		return *h, nil
	}
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, usageRowPartial, r); err != nil {
		return "", err
	}
	h := template.HTML(b.String()) // html/template's escaped output
	u.html[r.index].Store(&h)
	return h, nil
}

// usageSorts are the columns the table sorts by, in column order. Each
// compares two rows; ties fall back to the default order (area, place,
// title), and rows without a value come last.
var usageSorts = []struct {
	key  string
	less func(a, b site.Use) int
}{
	{"omrade", func(a, b site.Use) int { return 0 }},
	{"kommun", func(a, b site.Use) int { return textOrder(a.Page.Where(), b.Page.Where()) }},
	{"status", func(a, b site.Use) int {
		return cmp.Compare(slices.Index(page.Statuses, a.Page.Meta.Status), slices.Index(page.Statuses, b.Page.Meta.Status))
	}},
	{"leverantor", func(a, b site.Use) int {
		return textOrder(procurement(a, func(p *page.Procurement) string { return p.Supplier + " " + p.Product }),
			procurement(b, func(p *page.Procurement) string { return p.Supplier + " " + p.Product }))
	}},
	{"upphandling", func(a, b site.Use) int {
		return textOrder(procurement(a, func(p *page.Procurement) string { return p.Form.Label() }),
			procurement(b, func(p *page.Procurement) string { return p.Form.Label() }))
	}},
	{"ar", func(a, b site.Use) int {
		y := func(u site.Use) string {
			return procurement(u, func(p *page.Procurement) string {
				if p.Year == 0 {
					return ""
				}
				return strconv.Itoa(p.Year) // four digits: as texts, years sort as numbers
			})
		}
		return textOrder(y(a), y(b))
	}},
}

func procurement(u site.Use, f func(*page.Procurement) string) string {
	if u.Procurement == nil {
		return ""
	}
	return strings.TrimSpace(f(u.Procurement))
}

// textOrder compares texts as a Swedish reader expects (case and
// diacritics folded first, then as written), empty texts last.
func textOrder(a, b string) int {
	if (a == "") != (b == "") {
		if a == "" {
			return 1
		}
		return -1
	}
	return cmp.Or(strings.Compare(spelling.Fold(strings.ToLower(a)), spelling.Fold(strings.ToLower(b))), strings.Compare(a, b))
}

// usagePages returns the table's rows in each order, with the URL of each.
func usagePages(s *site.Site) (sorts []UsageSort, orders [][]UsageRow) {
	n := len(usageSorts)
	ranks := make([][]int, len(s.Usage)) // row in s.Usage → its rank in each order
	for i := range ranks {
		ranks[i] = make([]int, n)
	}
	perm := make([][]int, n)
	for k, us := range usageSorts {
		idx := make([]int, len(s.Usage))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(i, j int) int { return us.less(s.Usage[i], s.Usage[j]) })
		for r, i := range idx {
			ranks[i][k] = r
		}
		perm[k] = idx
		url := site.UsageURL
		if k > 0 {
			url += us.key + "/"
		}
		sorts = append(sorts, UsageSort{Key: us.key, URL: url})
	}
	for k := range usageSorts {
		rows := make([]UsageRow, len(s.Usage))
		for r, i := range perm[k] {
			rows[r] = UsageRow{Use: s.Usage[i], Ranks: ranks[i], index: i}
		}
		orders = append(orders, rows)
	}
	return sorts, orders
}
