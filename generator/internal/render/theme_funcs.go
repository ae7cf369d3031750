package render

import (
	"fmt"
	"html/template"
	"strings"
	"sync"

	"kunskapsbanken/generator/internal/config"
	"kunskapsbanken/generator/internal/mapsvg"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/slug"
)

// themeFuncs are the template functions that serve one theme's design
// (the map, image variants …), kept apart from the functions every theme
// relies on.
//
// A function that reads more of the site's data than the values it is
// given (the map, the figures, the JSON-LD) says what in funcReads
// (reads.go), so that Fingerprints covers what it shows.
func themeFuncs(t *Theme, cfg config.Site) template.FuncMap {
	base := cfg.BasePath()
	var tagURLs sync.Map // keyword → its URL, for tagURL
	return template.FuncMap{
		"figures": siteFigures,
		// list and dict build arguments for partials.
		"list": func(items ...string) []string { return items },
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict wants pairs of key and value")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		// section is the first segment of a URL, "fallstudier" for
		// "fallstudier/lund/": which part of the site a page is in.
		"section": func(url string) string {
			s, _, _ := strings.Cut(url, "/")
			return s
		},
		// nav is the main navigation of the page at url: a link to each
		// section named, marked current when the page is that section's
		// first page ("page") or inside it ("true"). One call instead of a
		// range of comparisons in the header: the header is on every page.
		"nav": func(url string, sections ...string) []NavLink {
			in, _, _ := strings.Cut(url, "/")
			links := make([]NavLink, len(sections))
			for i, sec := range sections {
				links[i] = NavLink{URL: base + sec + "/", Label: t.tr("section." + sec)}
				switch {
				case url == sec+"/":
					links[i].Current = "page"
				case in == sec:
					links[i].Current = "true"
				}
			}
			return links
		},
		// tagURL is the page of a free keyword, as site.Assemble names it;
		// each keyword's slug made once, not on every page that shows it.
		"tagURL": func(tag string) string {
			if u, ok := tagURLs.Load(tag); ok {
				return u.(string)
			}
			u, _ := tagURLs.LoadOrStore(tag, site.TagsURL+slug.Make(tag)+"/")
			return u.(string)
		},
		"homeMap": func(s *site.Site, id string) (template.HTML, error) {
			return homeMap(t, s, base, id)
		},
		"jsonLD": func(d *Data) (template.JS, error) { return jsonLD(t, d) },
	}
}

// NavLink is one link of the main navigation (the function nav).
type NavLink struct {
	URL, Label string
	Current    string // aria-current: "page", "true", or "" when not current
}

// Figures are the numbers the home page opens with.
type Figures struct {
	CaseStudies, Municipalities, Counties, Areas int
}

// siteFigures counts what has case studies: municipalities and counties
// named only by an initiative, and areas nobody has written about, do not
// count.
func siteFigures(s *site.Site) Figures {
	f := Figures{CaseStudies: len(s.CaseStudies)}
	for _, m := range s.Municipalities {
		if len(m.CaseStudies) > 0 {
			f.Municipalities++
		}
	}
	for _, c := range s.Counties {
		if len(c.CaseStudies) > 0 {
			f.Counties++
		}
	}
	for _, a := range s.Areas {
		if len(a.Pages) > 0 {
			f.Areas++
		}
	}
	return f
}

// homeMap is Sweden's counties with a linked marker for every municipality
// that has case studies. Its texts are the theme's, escaped by mapsvg.
func homeMap(t *Theme, s *site.Site, base, id string) (template.HTML, error) {
	opt := mapsvg.Options{ID: id, Label: t.tr("map.label"), Highlight: map[string]bool{}}
	for _, m := range s.Municipalities {
		n := len(m.CaseStudies)
		if n == 0 {
			continue
		}
		key := "map.marker_many"
		if n == 1 {
			key = "map.marker_one"
		}
		opt.Highlight[m.County.Code] = true
		opt.Markers = append(opt.Markers, mapsvg.Marker{
			Lat: m.Place.Lat, Lon: m.Place.Lon, R: mapsvg.Radius(n),
			Href: base + m.URL, Label: fmt.Sprintf(t.tr(key), m.Name, swedishNumber(n)),
		})
	}
	return mapsvg.Sweden(opt)
}

// Schema.org types for jsonLD. Structs, not maps, so that the keys keep a
// readable order.
type (
	ldGraph struct {
		Context string `json:"@context"`
		Graph   []any  `json:"@graph"`
	}
	ldArticle struct {
		Type          string   `json:"@type"`
		Headline      string   `json:"headline"`
		Description   string   `json:"description,omitempty"`
		URL           string   `json:"url"`
		Published     string   `json:"datePublished,omitempty"`
		Modified      string   `json:"dateModified,omitempty"`
		Language      string   `json:"inLanguage"`
		Publisher     ldThing  `json:"publisher"`
		About         *ldPlace `json:"about,omitempty"`
		Keywords      []string `json:"keywords,omitempty"`
		IsPartOf      ldThing  `json:"isPartOf"`
		MainEntityURL string   `json:"mainEntityOfPage"`
	}
	ldThing struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	ldPlace struct {
		Type   string   `json:"@type"`
		Name   string   `json:"name"`
		URL    string   `json:"url,omitempty"`
		Within *ldPlace `json:"containedInPlace,omitempty"`
	}
	ldBreadcrumbs struct {
		Type  string    `json:"@type"`
		Items []ldCrumb `json:"itemListElement"`
	}
	ldCrumb struct {
		Type     string `json:"@type"`
		Position int    `json:"position"`
		Name     string `json:"name"`
		Item     string `json:"item"`
	}
)

// jsonLD describes a content page for search engines: an Article (for a
// case study; a WebPage otherwise) and its BreadcrumbList. It is written
// as json.Marshal writes it (appendJSONLD), whose output escapes <, > and
// & (and U+2028, U+2029), so it can never close the script element it is
// written into, and is given to the template as template.JS for that
// element.
func jsonLD(t *Theme, d *Data) (template.JS, error) {
	s := d.Site
	root := absURL(s, "")
	abs := func(rel string) string { return root + rel }
	g := ldGraph{Context: "https://schema.org"}
	if p := d.Page; p != nil {
		m := p.Meta
		a := ldArticle{
			Type: "WebPage", Headline: m.Title, Description: m.Summary, URL: abs(p.URL),
			Published: m.Published.String(), Language: s.Config.Language,
			Publisher:     ldThing{Type: "Organization", Name: s.Config.Title, URL: abs("")},
			IsPartOf:      ldThing{Type: "WebSite", Name: s.Config.Title, URL: abs("")},
			MainEntityURL: abs(p.URL),
		}
		if p.Kind == page.CaseStudy {
			a.Type = "Article"
		}
		a.Modified = a.Published
		if !m.Updated.IsZero() {
			a.Modified = m.Updated.String()
		}
		if mu := p.Municipality; mu != nil {
			a.About = &ldPlace{Type: "AdministrativeArea", Name: mu.Name, URL: abs(mu.URL),
				Within: &ldPlace{Type: "AdministrativeArea", Name: mu.County.Name, URL: abs(mu.County.URL)}}
		} else if m.Region != "" {
			a.About = &ldPlace{Type: "AdministrativeArea", Name: m.Region}
		}
		for _, ar := range p.Areas {
			a.Keywords = append(a.Keywords, ar.Label)
		}
		g.Graph = append(g.Graph, a)
	}
	if len(d.Crumbs) > 0 {
		bc := ldBreadcrumbs{Type: "BreadcrumbList"}
		for i, c := range d.Crumbs {
			bc.Items = append(bc.Items, ldCrumb{"ListItem", i + 1, c.Title, abs(c.URL)})
		}
		bc.Items = append(bc.Items, ldCrumb{"ListItem", len(d.Crumbs) + 1, d.Title, abs(d.URL)})
		g.Graph = append(g.Graph, bc)
	}
	if len(g.Graph) == 0 {
		return "", nil
	}
	buf := ldBuffers.Get().(*[]byte)
	defer ldBuffers.Put(buf)
	data, err := appendJSONLD((*buf)[:0], g) // escapes <, > and &: keep it so
	*buf = data
	if err != nil {
		return "", err
	}
	return template.JS(data), nil
}

// ldBuffers holds the bytes of a page's JSON-LD while they are written, as
// json.Marshal keeps its own: the string given to the template is their
// one allocation.
var ldBuffers = sync.Pool{New: func() any { return new([]byte) }}

// appendJSONLD is g as json.Marshal writes it (<, > and & escaped), but
// written field by field, without reflection: a page's JSON-LD was most of
// its template functions' allocations. TestJSONLDAsMarshal and
// FuzzJSONLD hold the two to the same bytes.
func appendJSONLD(b []byte, g ldGraph) ([]byte, error) {
	w := jsonWriter{b: b, escapeHTML: true}
	w.open('{')
	w.keyString("@context", g.Context)
	keyList(&w, "@graph", g.Graph, func(v *any) {
		switch v := (*v).(type) {
		case ldArticle:
			w.ldArticle(&v)
		case ldBreadcrumbs:
			w.ldBreadcrumbs(&v)
		default:
			w.encode(v)
		}
	})
	w.close('}')
	return w.b, w.err
}

func (w *jsonWriter) ldArticle(a *ldArticle) {
	w.open('{')
	w.keyString("@type", a.Type)
	w.keyString("headline", a.Headline)
	w.keyStringOmit("description", a.Description)
	w.keyString("url", a.URL)
	w.keyStringOmit("datePublished", a.Published)
	w.keyStringOmit("dateModified", a.Modified)
	w.keyString("inLanguage", a.Language)
	w.key("publisher")
	w.ldThing(&a.Publisher)
	if a.About != nil {
		w.key("about")
		w.ldPlace(a.About)
	}
	if len(a.Keywords) > 0 {
		w.keyStrings("keywords", a.Keywords)
	}
	w.key("isPartOf")
	w.ldThing(&a.IsPartOf)
	w.keyString("mainEntityOfPage", a.MainEntityURL)
	w.close('}')
}

func (w *jsonWriter) ldThing(t *ldThing) {
	w.open('{')
	w.keyString("@type", t.Type)
	w.keyString("name", t.Name)
	w.keyStringOmit("url", t.URL)
	w.close('}')
}

func (w *jsonWriter) ldPlace(p *ldPlace) {
	w.open('{')
	w.keyString("@type", p.Type)
	w.keyString("name", p.Name)
	w.keyStringOmit("url", p.URL)
	if p.Within != nil {
		w.key("containedInPlace")
		w.ldPlace(p.Within)
	}
	w.close('}')
}

func (w *jsonWriter) ldBreadcrumbs(bc *ldBreadcrumbs) {
	w.open('{')
	w.keyString("@type", bc.Type)
	keyList(w, "itemListElement", bc.Items, func(c *ldCrumb) {
		w.open('{')
		w.keyString("@type", c.Type)
		w.keyInt("position", c.Position)
		w.keyString("name", c.Name)
		w.keyString("item", c.Item)
		w.close('}')
	})
	w.close('}')
}
