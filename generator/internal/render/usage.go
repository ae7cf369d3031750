package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/spelling"
)

// "Vem använder vad" (site.UsageURL) is one table, rendered once per order
// it can be sorted in: the default, by area, at site.UsageURL and every
// other below it (vem-anvander-vad/kommun/). A column's heading links to
// its order, so sorting works without JavaScript. A table of more rows
// than the site's TableSize is split into pages of that many, as a list
// of case studies is (vem-anvander-vad/kommun/sida/2/): one page of every
// row was 76 MB at 100,000 pages, more than a reader's browser can take.
// A table on one page carries each row's rank in every order
// (UsageRow.Ranks), and the theme's script reorders its rows in place by
// them, the same order the server wrote; a table in pages is sorted only
// by its links, since a page holds only part of each order. Each page of
// a table in pages lists every page of its order, named by the values of
// its first and last rows in that order (UsageJump, List.Jump).

// UsageSort is one order of the table.
type UsageSort struct {
	Key string // "omrade", "kommun", …: the URL segment and the column's id
	URL string // the page sorted so
}

// UsageRow is one row with its rank in every order, in usageSorts order
// (nil in a table in pages).
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

// row returns row r's HTML (its placeholder in frags), rendering it with
// the layout's templates when not yet done.
func (u *usageRows) row(l *layoutCopy, r UsageRow, frags *fragments) (template.HTML, error) {
	if r.index < 0 || r.index >= len(u.html) {
		return "", fmt.Errorf("usageRow: not a row of this site's table")
	}
	if h := u.html[r.index].Load(); h != nil {
		return *h, nil
	}
	b := getPartialBuffer()
	defer putPartialBuffer(b)
	if err := l.execute(b, usageRowPartial, r); err != nil {
		return "", err
	}
	h, err := frags.add(b.Bytes()) // html/template's escaped output
	if err != nil {
		return "", err
	}
	u.html[r.index].Store(&h)
	return h, nil
}

// release lets the rows' HTML go, here and in frags, once every page of
// the table is rendered: 75 MB at 100,000 pages, which the rest of the
// render stage would otherwise hold. A row asked for after it is rendered
// again.
func (u *usageRows) release(frags *fragments) {
	for i := range u.html {
		if h := u.html[i].Swap(nil); h != nil {
			frags.drop(*h)
		}
	}
}

// usageSorts are the columns the table sorts by, in column order. Each
// compares two rows by a text (textOrder) or a rank, each found once per
// row; ties fall back to the default order (area, place, title), which is
// the first column's (neither), and rows without a value come last.
var usageSorts = []struct {
	key  string
	text func(u site.Use) string // the text compared, folded once per row
	rank func(u site.Use) int    // when text is nil
	// label is the row's value in this order as the jump list of a table
	// in pages names it ("" when the case study does not say).
	label func(u site.Use) string
}{
	{"omrade", nil, nil, func(u site.Use) string { return u.Area.Label }},
	{"kommun", where, nil, where},
	{"status", nil, func(u site.Use) int { return slices.Index(page.Statuses, u.Page.Meta.Status) },
		func(u site.Use) string { return u.Page.Meta.Status.Label() }},
	{"leverantor", func(u site.Use) string {
		return procurement(u, func(p *page.Procurement) string { return p.Supplier + " " + p.Product })
	}, nil, func(u site.Use) string {
		return procurement(u, func(p *page.Procurement) string { return p.Supplier })
	}},
	{"upphandling", formLabel, nil, formLabel},
	{"ar", year, nil, year},
}

func where(u site.Use) string { return u.Page.Where() }

func formLabel(u site.Use) string {
	return procurement(u, func(p *page.Procurement) string { return p.Form.Label() })
}

func year(u site.Use) string {
	return procurement(u, func(p *page.Procurement) string {
		if p.Year == 0 {
			return ""
		}
		return strconv.Itoa(p.Year) // four digits: as texts, years sort as numbers
	})
}

func procurement(u site.Use, f func(*page.Procurement) string) string {
	if u.Procurement == nil {
		return ""
	}
	return strings.TrimSpace(f(u.Procurement))
}

// sortText is a text as textOrder compares it: folded once, not at every
// comparison (a sort of 10,000 rows makes about 130,000).
type sortText struct{ folded, text string }

func newSortText(text string) sortText {
	return sortText{spelling.Fold(strings.ToLower(text)), text}
}

// textOrder compares texts as a Swedish reader expects (case and
// diacritics folded first, then as written), empty texts last.
func textOrder(a, b sortText) int {
	if (a.text == "") != (b.text == "") {
		if a.text == "" {
			return 1
		}
		return -1
	}
	return cmp.Or(strings.Compare(a.folded, b.folded), strings.Compare(a.text, b.text))
}

// usageTable sorts the table's rows in every order once, when first asked
// for, and lists the rows of one order at a time; safe for concurrent use.
// A list of rows (a site.Use and its ranks, per row of the table) is made
// from the order when its page asks for it, and kept only until another
// order is asked for: the six pages are rendered one after another, and
// all six lists, held through the render stage, were 63 MB at 100,000
// pages, where the order and the ranks are a third of that.
//
// Once the six pages are rendered, RenderPages releases the table
// (release): its orders and the last list were 21 MB at 100,000 pages,
// held through the rest of the render stage.
type usageTable struct {
	site *site.Site

	mu    sync.Mutex
	perm  [][]int32  // per order of usageSorts, the rows' positions in site.Usage; nil until asked for
	ranks []int      // row i's rank in every order: ranks[i*len(usageSorts):][:len(usageSorts)]; nil for a table in pages
	rows  []UsageRow // the last order asked for, rowsK
	rowsK int
	jumps [][]UsageJump // per order, its jump list once asked for
}

// UsageJump is one page of an order of a table in pages, as its jump list
// shows it: the values of its first and last rows in that order ("" for
// a value the case study does not give), so that a reader looking for
// Västerås goes to the page that holds it, as a dictionary's guide words
// let one do.
type UsageJump struct {
	Number   int
	URL      string
	From, To string
}

// jump returns the pages of order k, whose first page is at url, TableSize
// rows to a page.
func (t *usageTable) jump(k int, url string) []UsageJump {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.jumps == nil {
		t.jumps = make([][]UsageJump, len(usageSorts))
	}
	if t.jumps[k] != nil {
		return t.jumps[k]
	}
	t.sortAll()
	perm, size, label := t.perm[k], t.site.Config.TableSize, usageSorts[k].label
	var out []UsageJump
	for first := 0; first < len(perm); first += size {
		last := min(first+size, len(perm)) - 1
		n := len(out) + 1
		out = append(out, UsageJump{Number: n, URL: pageURL(url, n), From: label(t.site.Usage[perm[first]]), To: label(t.site.Usage[perm[last]])})
	}
	t.jumps[k] = out
	return out
}

// sortAll sorts the rows in every order, once; t.mu is held.
func (t *usageTable) sortAll() {
	if t.perm == nil {
		paged := len(t.site.Usage) > t.site.Config.TableSize // rows in pages carry no ranks
		t.perm, t.ranks = usageOrders(t.site, !paged)
	}
}

// order returns the rows in order k of usageSorts.
func (t *usageTable) order(k int) []UsageRow {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sortAll()
	if t.rows != nil && t.rowsK == k {
		return t.rows
	}
	n := len(usageSorts)
	rows := make([]UsageRow, len(t.perm[k]))
	for r, i := range t.perm[k] {
		rows[r] = UsageRow{Use: t.site.Usage[i], index: int(i)}
		if t.ranks != nil {
			at := int(i) * n
			rows[r].Ranks = t.ranks[at : at+n : at+n]
		}
	}
	t.rows, t.rowsK = rows, k
	return rows
}

// release lets the orders and the last list go; order makes them again
// if asked for once more.
func (t *usageTable) release() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.perm, t.ranks, t.rows, t.jumps = nil, nil, nil, nil
}

// usageSortPages is each order's key and page.
func usageSortPages() []UsageSort {
	var sorts []UsageSort
	for k, us := range usageSorts {
		url := site.UsageURL
		if k > 0 {
			url += us.key + "/"
		}
		sorts = append(sorts, UsageSort{Key: us.key, URL: url})
	}
	return sorts
}

// usageOrders returns, for each order of usageSorts, the positions in
// s.Usage of the table's rows in that order, and, when ranked, each row's
// rank in every order (row i's at ranks[i*len(usageSorts):]).
func usageOrders(s *site.Site, ranked bool) (perm [][]int32, ranks []int) {
	n := len(usageSorts)
	if ranked {
		ranks = make([]int, len(s.Usage)*n)
	}
	perm = make([][]int32, n)
	for k, us := range usageSorts {
		idx := make([]int, len(s.Usage))
		for i := range idx {
			idx[i] = i
		}
		switch {
		case us.text != nil:
			texts := make([]sortText, len(s.Usage))
			for i, u := range s.Usage {
				texts[i] = newSortText(us.text(u))
			}
			slices.SortFunc(idx, func(i, j int) int { return cmp.Or(textOrder(texts[i], texts[j]), cmp.Compare(i, j)) })
		case us.rank != nil:
			keys := make([]int, len(s.Usage))
			for i, u := range s.Usage {
				keys[i] = us.rank(u)
			}
			slices.SortFunc(idx, func(i, j int) int { return cmp.Or(cmp.Compare(keys[i], keys[j]), cmp.Compare(i, j)) })
		}
		order := make([]int32, len(idx))
		for r, i := range idx {
			if ranked {
				ranks[i*n+k] = r
			}
			order[r] = int32(i)
		}
		perm[k] = order
	}
	return perm, ranks
}
