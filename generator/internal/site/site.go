// Package site assembles pages into the site graph: every page's URL, the
// municipalities, counties, areas, statuses, initiatives and tags that list
// pages, backlinks and related case studies. It checks what only the whole
// site can tell: whether a named municipality, area, initiative or linked
// page exists.
//
// Entry points, in pipeline order:
//
//	s, diags := site.Assemble(pages, others, cfg, areas, geo, drafts)  // graph from front matter
//	s.Relate(nil, nil)                                         // related case studies
//	url, problem := s.Resolver(p).Resolve(dest, isImage)      // for the Markdown stage
//	s.Link(docs)                                               // backlinks, from the rendered links
//
// The preview patches a published graph in place rather than assemble it
// again when case studies' front matter changed only in what is shown of
// them (title, summary …): undo, ok := s.Retitle(pages) (retitle.go).
//
// Everything in a Site is sorted, so templates iterate deterministically.
package site

import (
	"cmp"
	"path"
	"slices"
	"sort"
	"strings"

	"kunskapsbanken/generator/internal/config"
	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/markdown"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/slug"
	"kunskapsbanken/generator/internal/statement"
	"kunskapsbanken/generator/internal/vocab"
)

// Site is the whole site graph.
type Site struct {
	Config config.Site
	Geo    *vocab.Geography
	Vocab  *vocab.Areas

	Pages       []*Page // every published page, by path
	CaseStudies []*Page // newest first
	Initiatives []*Page // by title
	Free        []*Page // by title

	Areas          []*Area         // vocabulary order; every area, with or without pages
	Municipalities []*Municipality // code order; those named by any page
	Counties       []*County       // code order; those with a municipality above
	Statuses       []*Status       // page.Statuses order
	Tags           []*Tag          // by name
	Usage          []Use           // "Vem använder vad": a row per area and case study (experience.go)

	// Statement is the accessibility statement's facts
	// (content/tillganglighet.yaml), set by the pipeline after Assemble;
	// nil when the site has none.
	Statement *statement.Statement

	byPath    map[string]*Page
	resources map[string]resource // NFC content path of a bundle resource
	drafts    map[string]bool     // content paths of drafts left out of this build
	munByName map[string]*Municipality
}

// Page is a published page with what the site knows about it.
//
// The site's types name their fields rather than embed the stage types:
// templates look fields up by name through reflect, which is fast for a
// struct's own fields and slow, and allocating, for promoted ones.
type Page struct {
	Source *page.Page // the parsed file
	Path   string     // "content/fallstudier/lund.md"
	Kind   page.Kind
	Slug   string
	Meta   *page.Meta
	URL    string // relative to the site root, "fallstudier/lund-digitala-las/"

	Doc markdown.Result // set by the Markdown stage; its HTML may be stored elsewhere (BodyHTML)
	// storedHTML gives Doc.HTML back when kb build keeps it on disk (StoreHTML).
	storedHTML func(dst []byte) ([]byte, error)

	Municipality *Municipality // case studies and profiles
	Areas        []*Area
	Initiatives  []*Page         // initiative pages a case study belongs to
	Covers       []*Municipality // an initiative's municipalities
	Members      []*Page         // an initiative's case studies
	Related      []Related       // case studies only
	Backlinks    []*Page         // pages whose body links here, by title
	Lessons      []LessonGroup   // a case study's own lessons, grouped
}

// Related is a case study related to another, with why.
type Related struct {
	Page    *Page
	Score   int
	Reasons []string // "samma område: Digitala lås", "samma kommun", …
}

// Area is a technology area with its case studies (newest first).
type Area struct {
	ID, Label, Description string
	Synonyms               []string
	URL                    string
	Pages                  []*Page
	Lessons                []LessonGroup // of its case studies, grouped by kind
}

// Municipality is a municipality some page names.
type Municipality struct {
	Code, Name, Slug string
	Place            *vocab.Municipality
	URL              string
	County           *County
	Profile          *Page         // content/kommuner/<slug>.md, if written
	CaseStudies      []*Page       // newest first
	Initiatives      []*Page       // initiatives that cover it
	Lessons          []LessonGroup // of its case studies, grouped by kind
}

// County is a county with the municipalities above in it.
type County struct {
	Code, Name, Slug string
	URL              string
	Municipalities   []*Municipality
	CaseStudies      []*Page
}

// Status lists the case studies with one status.
type Status struct {
	ID    page.Status
	Label string // "Införd"
	URL   string
	Pages []*Page
}

// Tag lists the pages with one free keyword.
type Tag struct {
	Name  string
	URL   string
	Pages []*Page
}

// URL segments of the list pages. Pages of a kind live under the kind's
// folder name (fallstudier/, initiativ/, kommuner/, sidor/).
const (
	AreasURL    = "omraden/"
	CountiesURL = "lan/"
	StatusURL   = "status/"
	TagsURL     = "taggar/"
)

// PageURL is the URL of the page of kind with slug.
func PageURL(kind page.Kind, s string) string { return string(kind) + "/" + s + "/" }

// Assemble builds the graph from parsed pages. Drafts are left out unless
// drafts is set; links to them are then reported.
//
// others are pages known only by their file, not parsed: when checking a
// few changed files, links and references to the rest of the site must
// still resolve. They are not in any list of the site.
func Assemble(pages []*page.Page, others []*page.File, cfg config.Site, areas *vocab.Areas, geo *vocab.Geography, drafts bool) (*Site, diag.List) {
	var diags diag.List
	s := &Site{
		Config:    cfg,
		Geo:       geo,
		Vocab:     areas,
		byPath:    make(map[string]*Page, len(pages)+len(others)),
		resources: map[string]resource{},
		drafts:    map[string]bool{},
		munByName: map[string]*Municipality{},
	}
	for _, p := range pages {
		if p.Meta.Draft && !drafts {
			s.drafts[p.Path] = true
			continue
		}
		sp := &Page{Source: p, Path: p.Path, Kind: p.Kind, Slug: p.Slug, Meta: &p.Meta, URL: PageURL(p.Kind, p.Slug)}
		s.Pages = append(s.Pages, sp)
		s.byPath[p.Path] = sp
		for _, r := range p.Resources {
			s.resources[p.Dir()+r.Name] = resource{url: sp.URL + r.Name, disk: r.Disk}
		}
		switch p.Kind { // case studies: below, newest first
		case page.Initiative:
			s.Initiatives = append(s.Initiatives, sp)
		case page.Free:
			s.Free = append(s.Free, sp)
		}
	}
	sort.SliceStable(s.Pages, func(i, j int) bool { return s.Pages[i].Path < s.Pages[j].Path })
	newest := slices.Clone(s.Pages)
	SortNewest(newest)
	for _, p := range newest { // taken from newest, not sorted again
		if p.Kind == page.CaseStudy {
			s.CaseStudies = append(s.CaseStudies, p)
		}
	}
	sortByTitle(s.Initiatives)
	sortByTitle(s.Free)

	areaByID := map[string]*Area{}
	for _, a := range areas.List {
		x := &Area{ID: a.ID, Label: a.Label, Description: a.Description, Synonyms: a.Synonyms, URL: AreasURL + a.ID + "/"}
		s.Areas = append(s.Areas, x)
		areaByID[a.ID] = x
	}
	initiativeBySlug := map[string]*Page{}
	for _, p := range s.Initiatives {
		initiativeBySlug[p.Slug] = p
	}
	for _, f := range others {
		stub := &Page{Source: &page.Page{File: f}, Path: f.Path, Kind: f.Kind, Slug: f.Slug, Meta: &page.Meta{}, URL: PageURL(f.Kind, f.Slug)}
		s.byPath[f.Path] = stub
		if f.Kind == page.Initiative {
			initiativeBySlug[f.Slug] = stub
		}
		for _, r := range f.Resources {
			s.resources[f.Dir()+r.Name] = resource{url: stub.URL + r.Name, disk: r.Disk}
		}
	}
	statusOf := map[page.Status]*Status{}
	for _, st := range page.Statuses {
		x := &Status{ID: st, Label: st.Label(), URL: StatusURL + string(st) + "/"}
		s.Statuses = append(s.Statuses, x)
		statusOf[st] = x
	}
	tagOf := map[string]*Tag{}

	// Walking the pages newest first fills every list below (area,
	// municipality, status, tag, initiative) already in its final order.
	for _, p := range newest {
		m := p.Meta
		if m.Municipality != nil {
			p.Municipality = s.municipality(m.Municipality.Value)
			if p.Municipality == nil {
				diags.Errorf(p.Path, m.Municipality.Line, m.Municipality.Col,
					"okänd kommun %q%s", m.Municipality.Value, suggestNames(m.Municipality.Value, geo.Names()))
			} else if p.Kind == page.Profile && p.Slug != p.Municipality.Slug {
				diags.Errorf(p.Path, m.Municipality.Line, m.Municipality.Col,
					"profilen för %s ska heta content/kommuner/%s.md, så att den hittas från kommunens sida", p.Municipality.Name, p.Municipality.Slug)
			}
		}
		for _, it := range m.Areas {
			a := areaByID[it.Value]
			if a == nil {
				diags.Errorf(p.Path, it.Line, it.Col, "okänt område %q%s; områdena finns i content/omraden.yaml", it.Value, diag.DidYouMean(it.Value, areas.IDs()))
				continue
			}
			if !containsArea(p.Areas, a) {
				p.Areas = append(p.Areas, a)
			}
		}
		for _, it := range m.Initiatives {
			in := initiativeBySlug[it.Value]
			if in == nil {
				msg := "okänt initiativ %q%s; ett initiativ är namnet på en fil i content/initiativ/ utan .md"
				if s.drafts["content/initiativ/"+it.Value+".md"] {
					msg = "initiativet %q är ett utkast (draft: true) och publiceras inte%s"
				}
				diags.Errorf(p.Path, it.Line, it.Col, msg, it.Value, diag.DidYouMean(it.Value, keys(initiativeBySlug)))
				continue
			}
			if !slices.Contains(p.Initiatives, in) { // named twice counts once, like an area
				p.Initiatives = append(p.Initiatives, in)
				in.Members = append(in.Members, p)
			}
		}
		for _, it := range m.Municipalities {
			mu := s.municipality(it.Value)
			if mu == nil {
				diags.Errorf(p.Path, it.Line, it.Col, "okänd kommun %q%s", it.Value, suggestNames(it.Value, geo.Names()))
				continue
			}
			p.Covers = append(p.Covers, mu)
			mu.Initiatives = append(mu.Initiatives, p)
		}
		for _, t := range m.Tags {
			x := tagOf[t]
			if x == nil {
				x = &Tag{Name: t, URL: TagsURL + slug.Make(t) + "/"}
				tagOf[t] = x
				s.Tags = append(s.Tags, x)
			}
			x.Pages = append(x.Pages, p)
		}
		switch p.Kind {
		case page.CaseStudy:
			for _, a := range p.Areas {
				a.Pages = append(a.Pages, p)
			}
			if p.Municipality != nil {
				p.Municipality.CaseStudies = append(p.Municipality.CaseStudies, p)
			}
			if st := statusOf[m.Status]; st != nil {
				st.Pages = append(st.Pages, p)
			}
		case page.Profile:
			if p.Municipality != nil {
				p.Municipality.Profile = p
			}
		}
	}

	// Counties and municipalities in code order; lists newest first.
	for _, vm := range geo.Municipalities {
		if m := s.munByName[vm.Name]; m != nil {
			s.Municipalities = append(s.Municipalities, m)
			sortByTitle(m.Initiatives)
		}
	}
	countyOf := map[*vocab.County]*County{}
	for _, m := range s.Municipalities {
		vc := m.Place.County
		c := countyOf[vc]
		if c == nil {
			c = &County{Code: vc.Code, Name: vc.Name, Slug: vc.Slug, URL: CountiesURL + vc.Slug + "/"}
			countyOf[vc] = c
			s.Counties = append(s.Counties, c)
		}
		m.County = c
		c.Municipalities = append(c.Municipalities, m)
	}
	for _, p := range s.CaseStudies { // newest first, so each county's list is too
		if p.Municipality != nil {
			p.Municipality.County.CaseStudies = append(p.Municipality.County.CaseStudies, p)
		}
	}
	sort.Slice(s.Tags, func(i, j int) bool { return s.Tags[i].Name < s.Tags[j].Name })
	s.experience()
	return s, diags
}

// municipality returns the node for a municipality name, creating it on
// first use, or nil if there is no such municipality.
func (s *Site) municipality(name string) *Municipality {
	if m := s.munByName[name]; m != nil {
		return m
	}
	vm := s.Geo.Municipality(name)
	if vm == nil {
		return nil
	}
	m := &Municipality{Code: vm.Code, Name: vm.Name, Slug: vm.Slug, Place: vm, URL: string(page.Profile) + "/" + vm.Slug + "/"}
	s.munByName[name] = m
	return m
}

// suggestNames adds the closest real municipality names, or a pointer to
// the list when nothing is close.
func suggestNames(name string, names []string) string {
	if s := diag.DidYouMean(strings.TrimSuffix(strings.TrimSuffix(name, " kommun"), "s"), names); s != "" {
		return s
	}
	return "; skriv kommunens namn som SCB gör, utan ordet kommun (till exempel Lund, Upplands Väsby)"
}

func containsArea(list []*Area, a *Area) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}

func keys(m map[string]*Page) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// SortNewest orders pages by publication date, newest first, then by title
// and path so that equal dates keep one order.
//
// It sorts the dates copied side by side, and reads the pages only for
// equal dates: at 100,000 pages, comparing through the pages' pointers
// missed the processor's caches on almost every comparison.
func SortNewest(pages []*Page) {
	type dated struct {
		sec int64 // the day, in seconds; newest decides within a second
		p   *Page
	}
	keyed := make([]dated, len(pages))
	for i, p := range pages {
		keyed[i] = dated{p.Meta.Published.Unix(), p}
	}
	slices.SortFunc(keyed, func(a, b dated) int {
		if a.sec != b.sec {
			return cmp.Compare(b.sec, a.sec)
		}
		return newest(a.p, b.p)
	})
	for i, k := range keyed {
		pages[i] = k.p
	}
}

// newest is SortNewest's order.
func newest(a, b *Page) int {
	if c := b.Meta.Published.Compare(a.Meta.Published.Time); c != 0 {
		return c
	}
	if c := strings.Compare(a.Meta.Title, b.Meta.Title); c != 0 {
		return c
	}
	return strings.Compare(a.Path, b.Path)
}

func sortByTitle(pages []*Page) {
	sort.SliceStable(pages, func(i, j int) bool {
		if pages[i].Meta.Title != pages[j].Meta.Title {
			return pages[i].Meta.Title < pages[j].Meta.Title
		}
		return pages[i].Path < pages[j].Path
	})
}

// ByPath returns the published page at a content path, or nil.
func (s *Site) ByPath(p string) *Page { return s.byPath[p] }

type resource struct{ url, disk string }

// Resource is a bundle's file as published.
type Resource struct {
	Disk string // where to read it in the project
	URL  string // where it is published, relative to the site root
}

// Resources returns every bundle resource of the published pages, sorted
// by URL.
func (s *Site) Resources() []Resource {
	out := make([]Resource, 0, len(s.resources))
	for _, r := range s.resources {
		out = append(out, Resource{Disk: r.disk, URL: r.url})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

// cleanJoin resolves a relative reference against a folder.
func cleanJoin(dir, ref string) string { return path.Clean(path.Join(dir, ref)) }
