package render

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/yamldoc"
)

// Paths of the machine-readable files, under the site root.
const (
	OpenDataJSON = "data/fallstudier.json"
	OpenDataCSV  = "data/fallstudier.csv"
	FeedPath     = "fallstudier/atom.xml"
	SitemapPath  = "sitemap.xml"
	RobotsPath   = "robots.txt"
)

// feedSize is how many case studies the Atom feed carries.
const feedSize = 50

// OpenCase is one case study in the open data: the front matter with what
// the site derives (county, codes, URL), under stable names. The id is the
// slug, which never changes once published. ARCHITECTURE.md documents the
// fields; version 1 only ever gains fields.
type OpenCase struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	Summary       string       `json:"summary"`
	Municipality  *OpenPlace   `json:"municipality,omitempty"`
	County        *OpenPlace   `json:"county,omitempty"`
	Region        string       `json:"region,omitempty"`
	Organisations []string     `json:"organisations"`
	Areas         []OpenArea   `json:"areas"`
	Status        string       `json:"status"`
	StatusLabel   string       `json:"statusLabel"`
	Started       string       `json:"started,omitempty"`
	Published     string       `json:"published"`
	Updated       string       `json:"updated,omitempty"`
	Tags          []string     `json:"tags"`
	Initiatives   []string     `json:"initiatives"`
	Sources       []OpenSource `json:"sources"`

	// Added in version 1 with issue 17: what the case study learnt.
	Lessons     []OpenLesson     `json:"lessons"`
	Effects     []OpenEffect     `json:"effects"`
	Procurement *OpenProcurement `json:"procurement,omitempty"`
}

// OpenLesson is one lesson; kind is worked, did-not-work, advice or "".
type OpenLesson struct {
	Text      string `json:"text"`
	Kind      string `json:"kind,omitempty"`
	KindLabel string `json:"kindLabel,omitempty"`
}

// OpenEffect is one outcome; value, unit, period and basis (measured or
// estimated) only when the case study gives a number.
type OpenEffect struct {
	Text   string   `json:"text"`
	Value  *float64 `json:"value,omitempty"`
	Unit   string   `json:"unit,omitempty"`
	Period string   `json:"period,omitempty"`
	Basis  string   `json:"basis,omitempty"`
}

// OpenProcurement is how the technology was bought; form is one of
// own-procurement, framework-call-off, direct-award, pilot-agreement,
// other, or "".
type OpenProcurement struct {
	Supplier  string `json:"supplier"`
	Product   string `json:"product,omitempty"`
	Form      string `json:"form,omitempty"`
	FormLabel string `json:"formLabel,omitempty"`
	Year      int    `json:"year,omitempty"`
}

// OpenPlace is a municipality or county with its official code (SCB).
type OpenPlace struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// OpenArea is a technology area of content/omraden.yaml.
type OpenArea struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// OpenSource is one source of a case study.
type OpenSource struct {
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Date      string `json:"date,omitempty"`
	URL       string `json:"url,omitempty"`
}

// OpenData is the whole file.
type OpenData struct {
	Version     int        `json:"version"`
	Site        string     `json:"site"`
	License     string     `json:"license"`
	CaseStudies []OpenCase `json:"fallstudier"`
}

// absURL is rel as an absolute URL. It parses the base URL: a loop over
// pages takes absURL(s, "") once and appends each page's URL.
func absURL(s *site.Site, rel string) string { return s.Config.Origin() + s.Config.BasePath() + rel }

func openCases(s *site.Site) []OpenCase {
	out := make([]OpenCase, 0, len(s.CaseStudies))
	root := absURL(s, "")
	for _, p := range s.CaseStudies {
		m := p.Meta
		c := OpenCase{
			ID: p.Slug, URL: root + p.URL, Title: m.Title, Summary: m.Summary, Region: m.Region,
			Organisations: nonNil(m.Organisations), Status: string(m.Status), StatusLabel: m.Status.Label(),
			Started: m.Started, Published: m.Published.String(), Updated: m.Updated.String(),
			Tags: nonNil(m.Tags), Areas: []OpenArea{}, Initiatives: []string{}, Sources: []OpenSource{},
			Lessons: []OpenLesson{}, Effects: []OpenEffect{},
		}
		for _, l := range m.Lessons {
			c.Lessons = append(c.Lessons, OpenLesson{Text: l.Text, Kind: string(l.Kind)})
			if l.Kind != "" {
				c.Lessons[len(c.Lessons)-1].KindLabel = l.Kind.Label()
			}
		}
		for _, e := range m.Effects {
			oe := OpenEffect{Text: e.Text, Unit: e.Unit, Period: e.Period, Basis: string(e.Basis)}
			if e.HasValue {
				v := e.Value
				oe.Value = &v
			}
			c.Effects = append(c.Effects, oe)
		}
		if pr := m.Procurement; pr != nil {
			c.Procurement = &OpenProcurement{Supplier: pr.Supplier, Product: pr.Product, Form: string(pr.Form), FormLabel: pr.Form.Label(), Year: pr.Year}
		}
		if mu := p.Municipality; mu != nil {
			c.Municipality = &OpenPlace{mu.Code, mu.Name}
			c.County = &OpenPlace{mu.Place.County.Code, mu.Place.County.Name}
		}
		for _, a := range p.Areas {
			c.Areas = append(c.Areas, OpenArea{a.ID, a.Label})
		}
		for _, in := range p.Initiatives {
			c.Initiatives = append(c.Initiatives, in.Slug)
		}
		for _, src := range m.Sources {
			c.Sources = append(c.Sources, OpenSource{src.Title, src.Publisher, src.Date.String(), src.URL})
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// openDataCSV is the same data (cases, openCases) as one row a case
// study; lists are joined with "; ". Cells a spreadsheet would run as a
// formula are neutralised (spreadsheetSafe); the JSON keeps the text as
// written.
func openDataCSV(cases []OpenCase) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\ufeff") // spreadsheet programs read UTF-8 correctly only with a byte-order mark
	w := csv.NewWriter(&b)
	w.Write([]string{"id", "url", "title", "summary", "municipality_code", "municipality", "county_code", "county", "region", "organisations", "areas", "status", "started", "published", "updated", "tags", "initiatives", "sources",
		"lessons", "effects", "supplier", "product", "procurement_form", "procurement_year"})
	for _, c := range cases {
		var mc, mn, cc, cn string
		if c.Municipality != nil {
			mc, mn, cc, cn = c.Municipality.Code, c.Municipality.Name, c.County.Code, c.County.Name
		}
		var areas, sources, lessons, effects []string
		for _, l := range c.Lessons {
			if l.Kind != "" {
				lessons = append(lessons, l.Text+" ("+l.Kind+")")
			} else {
				lessons = append(lessons, l.Text)
			}
		}
		for _, e := range c.Effects {
			if e.Value == nil {
				effects = append(effects, e.Text)
				continue
			}
			what := strings.Join(nonEmpty(strings.Replace(strconv.FormatFloat(*e.Value, 'f', -1, 64), ".", ",", 1), e.Unit, e.Period), " ")
			if e.Basis != "" {
				what += ", " + e.Basis
			}
			effects = append(effects, e.Text+" ("+what+")")
		}
		var supplier, product, form, year string
		if pr := c.Procurement; pr != nil {
			supplier, product, form = pr.Supplier, pr.Product, pr.Form
			if pr.Year != 0 {
				year = strconv.Itoa(pr.Year)
			}
		}
		for _, a := range c.Areas {
			areas = append(areas, a.ID)
		}
		for _, src := range c.Sources {
			sources = append(sources, src.Publisher+": "+src.Title)
		}
		row := []string{c.ID, c.URL, c.Title, c.Summary, mc, mn, cc, cn, c.Region, strings.Join(c.Organisations, "; "),
			strings.Join(areas, "; "), c.Status, c.Started, c.Published, c.Updated, strings.Join(c.Tags, "; "),
			strings.Join(c.Initiatives, "; "), strings.Join(sources, "; "),
			strings.Join(lessons, "; "), strings.Join(effects, "; "), supplier, product, form, year}
		for i := range row {
			row[i] = spreadsheetSafe(row[i])
		}
		w.Write(row)
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// spreadsheetSafe keeps a spreadsheet from running a cell as a formula
// (CSV injection): a cell that begins with = + - @, a tab or a carriage
// return, or with the full-width = + - @ that some spreadsheets also take,
// gets a leading apostrophe, as OWASP recommends. The apostrophe shows in
// the cell; the text after it is the text as written.
func spreadsheetSafe(cell string) string {
	r, _ := utf8.DecodeRuneInString(cell)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + cell
	}
	return cell
}

// atomFeed is the newest case studies as an Atom feed. Its updated time is
// the newest date in it, not the time of the build, so that the same
// content gives the same bytes.
func atomFeed(s *site.Site) ([]byte, error) {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
	}
	type entry struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Link      link   `xml:"link"`
		Published string `xml:"published"`
		Updated   string `xml:"updated"`
		Summary   string `xml:"summary"`
		Author    string `xml:"author>name"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string   `xml:"xml:lang,attr"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Entries []entry  `xml:"entry"`
	}
	stamp := func(d yamldoc.Date) string { return d.Format("2006-01-02T15:04:05Z") }
	f := feed{Lang: s.Config.Language, Title: s.Config.Title, ID: absURL(s, ""), Author: s.Config.Title,
		Links: []link{{Href: absURL(s, FeedPath), Rel: "self", Type: "application/atom+xml"}, {Href: absURL(s, "fallstudier/")}}}
	var newest yamldoc.Date
	for i, p := range s.CaseStudies {
		if i == feedSize {
			break
		}
		updated := p.Meta.Published
		if !p.Meta.Updated.IsZero() {
			updated = p.Meta.Updated
		}
		if updated.After(newest.Time) {
			newest = updated
		}
		author := s.Config.Title
		if p.Municipality != nil {
			author = p.Municipality.Name + "s kommun"
			if strings.HasSuffix(p.Municipality.Name, "s") {
				author = p.Municipality.Name + " kommun"
			}
		}
		f.Entries = append(f.Entries, entry{Title: p.Meta.Title, ID: absURL(s, p.URL), Link: link{Href: absURL(s, p.URL)},
			Published: stamp(p.Meta.Published), Updated: stamp(updated), Summary: p.Meta.Summary, Author: author})
	}
	f.Updated = stamp(newest)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	err := enc.Encode(f)
	b.WriteString("\n")
	return b.Bytes(), err
}

// The sitemap protocol's limits for one file: at most 50,000 URLs and
// 50 MiB (sitemaps.org; search engines ignore a larger file whole). A site
// beyond them gets its URLs in parts, sitemap-1.xml and on, and at
// SitemapPath an index of the parts, where robots.txt points.
const (
	sitemapURLs  = 50_000
	sitemapBytes = 50 << 20
)

// SitemapPart is the path of the n-th part (from 1) of a sitemap split in
// parts.
func SitemapPart(n int) string { return "sitemap-" + strconv.Itoa(n) + ".xml" }

// IsSitemapPart reports whether path is a sitemap part's (SitemapPart).
func IsSitemapPart(path string) bool {
	n, ok := strings.CutPrefix(path, "sitemap-")
	if !ok {
		return false
	}
	if n, ok = strings.CutSuffix(n, ".xml"); !ok || n == "" || n[0] == '0' {
		return false
	}
	return strings.Trim(n, "0123456789") == ""
}

// sitemapFile is one file of the sitemap: its path under the site root
// and its bytes.
type sitemapFile struct {
	path string
	data []byte
}

// sitemap lists every HTML page, with the date of its content where it has
// one; not the 404 page, nor the search page, whose results are no page of
// their own. Within the protocol's limits it is one file, SitemapPath;
// beyond them, parts and their index (sitemapParts).
func sitemap(s *site.Site, jobs []*Data) []sitemapFile {
	return sitemapParts(s, jobs, sitemapURLs, sitemapBytes)
}

// sitemapParts is sitemap with at most maxURLs URLs and maxBytes bytes in
// a file.
func sitemapParts(s *site.Site, jobs []*Data, maxURLs, maxBytes int) []sitemapFile {
	const (
		head = xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n"
		tail = "</urlset>\n"
	)
	type part struct {
		b      bytes.Buffer
		urls   int
		newest yamldoc.Date // the latest lastmod of its URLs
	}
	var parts []*part
	cur := &part{}
	cur.b.WriteString(head)
	root := absURL(s, "")
	var entry bytes.Buffer
	for _, d := range jobs {
		if d.Layout == "404" || d.Layout == "sok" {
			continue
		}
		entry.Reset()
		entry.WriteString("<url><loc>")
		xml.EscapeText(&entry, []byte(root+d.URL))
		entry.WriteString("</loc>")
		var last yamldoc.Date
		if p := d.Page; p != nil {
			last = p.Meta.Updated
			if last.IsZero() {
				last = p.Meta.Published
			}
			if !last.IsZero() {
				entry.WriteString("<lastmod>" + last.String() + "</lastmod>")
			}
		}
		entry.WriteString("</url>\n")
		if cur.urls > 0 && (cur.urls == maxURLs || cur.b.Len()+entry.Len()+len(tail) > maxBytes) {
			cur.b.WriteString(tail)
			parts = append(parts, cur)
			cur = &part{}
			cur.b.WriteString(head)
		}
		cur.b.Write(entry.Bytes())
		cur.urls++
		if last.After(cur.newest.Time) {
			cur.newest = last
		}
	}
	cur.b.WriteString(tail)
	parts = append(parts, cur)
	if len(parts) == 1 {
		return []sitemapFile{{SitemapPath, cur.b.Bytes()}}
	}
	var index bytes.Buffer
	index.WriteString(xml.Header + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	files := []sitemapFile{{SitemapPath, nil}}
	for i, p := range parts {
		path := SitemapPart(i + 1)
		index.WriteString("<sitemap><loc>")
		xml.EscapeText(&index, []byte(root+path))
		index.WriteString("</loc>")
		if !p.newest.IsZero() {
			index.WriteString("<lastmod>" + p.newest.String() + "</lastmod>")
		}
		index.WriteString("</sitemap>\n")
		files = append(files, sitemapFile{path, p.b.Bytes()})
	}
	index.WriteString("</sitemapindex>\n")
	files[0].data = index.Bytes()
	return files
}

// robots allows everything and names the sitemap, whose URL must be
// absolute: without a host in baseURL it is left out.
func robots(s *site.Site) []byte {
	if s.Config.Origin() == "" {
		return []byte("User-agent: *\nAllow: /\n")
	}
	return []byte("User-agent: *\nAllow: /\nSitemap: " + absURL(s, SitemapPath) + "\n")
}
