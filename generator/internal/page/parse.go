package page

import (
	"regexp"
	"slices"
	"strings"
	"unique"

	"gopkg.in/yaml.v3"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/yamldoc"
)

// Keys each kind accepts, in the order CONTENT.md documents them.
var Keys = map[Kind][]string{
	CaseStudy:  {"title", "summary", "municipality", "region", "organisations", "initiatives", "areas", "status", "started", "published", "updated", "tags", "contact", "lessons", "effects", "procurement", "sources", "draft"},
	Initiative: {"title", "summary", "published", "updated", "period", "owner", "budget", "municipalities", "areas", "tags", "sources", "draft"},
	Profile:    {"title", "summary", "municipality", "published", "updated", "sources", "draft"},
	Free:       {"title", "summary", "published", "updated", "sources", "draft"},
}

var required = map[Kind][]string{
	CaseStudy:  {"title", "summary", "areas", "status", "published"},
	Initiative: {"title", "summary", "published"},
	Profile:    {"title", "municipality"},
	Free:       {"title"},
}

// examples show, in messages, what a key's value looks like.
var examples = map[string]string{
	"title":        `title: "Digitala lås i Lunds hemtjänst"`,
	"summary":      `summary: "En eller två meningar om vad som gjordes och vad det gav."`,
	"municipality": "municipality: Lund",
	"areas":        "areas: [digitala-las]",
	"status":       "status: pilot",
	"published":    "published: 2020-06-01",
}

// Limits of CONTENT.md.
const (
	MaxTitle   = 120
	MaxSummary = 300
)

var (
	yearRE    = regexp.MustCompile(`^(19|20)\d\d$`)
	periodRE  = regexp.MustCompile(`^(19|20)\d\d(-((19|20)\d\d)?)?$`)
	emailRE   = regexp.MustCompile(`[^\s@]+@[^\s@]+\.[a-z]{2,}`)
	phoneRE   = regexp.MustCompile(`\d[\d\s-]{6,}\d`)
	statusIDs = func() []string {
		s := make([]string, len(Statuses))
		for i, x := range Statuses {
			s[i] = string(x)
		}
		return s
	}()
)

// Parse decodes f's front matter. It returns the page (nil when the file
// has no usable front matter) and every problem it found.
func Parse(f *File) (*Page, diag.List) {
	return ParseInto(nil, f)
}

// ParseInto is Parse with the page's Body in buf's memory (appended to
// buf[:0]) rather than new memory, for a caller that copies the body
// elsewhere before it reuses buf: kb build, which puts it in its spool at
// once. A body in new memory, zeroed first and collected later, cost a
// fifth of Parse.
func ParseInto(buf []byte, f *File) (*Page, diag.List) {
	var diags diag.List
	src, serr := Normalize(f.Data)
	if serr != nil {
		diags.Errorf(f.Path, serr.Line, serr.Col, "%s", serr.Message)
		return nil, diags
	}
	fm, body, serr := SplitInto(buf, src)
	if serr != nil {
		diags.Errorf(f.Path, serr.Line, serr.Col, "%s", serr.Message)
		return nil, diags
	}
	r := &yamldoc.Reader{Path: f.Path, LineOffset: 1, Diags: &diags}
	root := r.Parse(fm)
	if root == nil {
		return nil, diags
	}
	// Keys that are missing are reported at the opening "---", line 1.
	start := &yaml.Node{Line: 1 - r.LineOffset, Column: 1}
	p := &Page{File: f, Body: body}
	fields := r.Fields(root, Keys[f.Kind])
	m := &p.Meta
	present := map[string]bool{}
	var emptyMunicipality *yaml.Node
	for _, fl := range fields {
		present[fl.Key] = true
		// A key left empty is absent: kb new writes optional keys empty for
		// the editor to fill in or delete. A required one is reported here,
		// at its own line.
		if isEmpty(fl.Value) {
			if contains(required[f.Kind], fl.Key) {
				r.Errorf(fl.Value, "%s är tom men krävs; skriv till exempel %s", fl.Key, example(fl.Key))
			} else if fl.Key == "municipality" && f.Kind == CaseStudy {
				emptyMunicipality = fl.Value // an error unless region is given, which may come later
			}
			continue
		}
		switch fl.Key {
		case "title":
			m.Title, _ = r.String(fl, MaxTitle)
		case "summary":
			m.Summary, _ = r.String(fl, MaxSummary)
		case "municipality":
			if list, ok := r.Strings(fl); ok {
				if len(list) > 1 {
					r.Errorf(fl.Value, "municipality tar en kommun; för arbete i flera kommuner, skriv region eller en initiativsida")
				}
				m.Municipality = &list[0]
			}
		case "region":
			m.Region, _ = r.String(fl, 100)
		case "organisations":
			m.Organisations = values(r.Strings(fl))
		case "initiatives":
			m.Initiatives, _ = r.Strings(fl)
		case "areas":
			m.Areas, _ = r.Strings(fl)
			if len(m.Areas) == 0 && fl.Value.Kind != 0 {
				r.Errorf(fl.Value, "areas behöver minst ett område från content/omraden.yaml")
			}
		case "municipalities":
			m.Municipalities, _ = r.Strings(fl)
		case "status":
			if s, ok := r.String(fl, 0); ok {
				if i := slices.Index(statusIDs, s); i < 0 {
					r.Errorf(fl.Value, "okänd status %q%s; status är en av %s", s, diag.DidYouMean(s, statusIDs), strings.Join(statusIDs, ", "))
				} else {
					m.Status = Statuses[i] // the constant's string, not the page's copy
				}
			}
		case "started":
			if s, ok := r.String(fl, 0); ok {
				if _, err := yamldoc.ParseDate(s); err != nil && !yearRE.MatchString(s) {
					r.Errorf(fl.Value, "started: %q är varken ett år eller ett datum; skriv till exempel 2019 eller 2019-09-01", s)
				} else {
					m.Started = s
				}
			}
		case "published":
			m.Published, _ = r.Date(fl)
		case "updated":
			m.Updated, _ = r.Date(fl)
		case "tags":
			items, _ := r.Strings(fl)
			if len(items) > 0 {
				m.Tags = make([]string, 0, len(items)) // kept to the end of a build: made at its size
			}
			for _, it := range items {
				// Lower case, so "Nattillsyn" and "nattillsyn" are one tag page.
				if lower := strings.ToLower(it.Value); lower != it.Value {
					r.Errorf(it.Node, "taggar skrivs med små bokstäver: skriv %q i stället för %q", lower, it.Value)
				}
				m.Tags = append(m.Tags, it.Value)
			}
		case "contact":
			if s, ok := r.String(fl, 200); ok {
				m.Contact = s
				if emailRE.MatchString(s) || phoneRE.MatchString(s) {
					r.Diags.Warnf(f.Path, fl.Value.Line+r.LineOffset, fl.Value.Column, "contact ser ut att innehålla en e-postadress eller ett telefonnummer; ange en förvaltning eller funktion, aldrig en privatpersons uppgifter")
				}
			}
		case "lessons":
			m.Lessons = parseLessons(r, fl)
		case "effects":
			m.Effects = parseEffects(r, fl)
		case "procurement":
			m.Procurement = parseProcurement(r, fl)
		case "sources":
			m.Sources = parseSources(r, fl)
		case "draft":
			m.Draft, _ = r.Bool(fl)
		case "period":
			if s, ok := r.String(fl, 0); ok {
				if !periodRE.MatchString(s) {
					r.Errorf(fl.Value, "period: skriv ett år eller ett spann av år, till exempel 2020-2022")
				}
				m.Period = s
			}
		case "owner":
			m.Owner, _ = r.String(fl, 200)
		case "budget":
			m.Budget, _ = r.String(fl, 200)
		}
	}
	for _, k := range required[f.Kind] {
		if !present[k] {
			r.Errorf(start, "nyckeln %s saknas men krävs; lägg till till exempel %s", k, example(k))
		}
	}
	if f.Kind == CaseStudy && m.Region == "" {
		if emptyMunicipality != nil {
			r.Errorf(emptyMunicipality, "municipality är tom men krävs; skriv kommunen, till exempel municipality: Lund, eller region för regionalt arbete")
		} else if !present["municipality"] {
			r.Errorf(start, "nyckeln municipality saknas; skriv kommunen (till exempel municipality: Lund), eller region för regionalt arbete")
		}
	}
	if !m.Updated.IsZero() && !m.Published.IsZero() && m.Updated.Before(m.Published.Time) {
		r.Errorf(fieldNode(fields, "updated"), "updated (%s) ligger före published (%s); updated är när sidan senast ändrades", m.Updated, m.Published)
	}
	m.dropNodes()
	m.shareStrings()
	return p, diags
}

// shareStrings makes the values that many pages repeat (municipalities,
// organisations, areas, tags, publishers…) share one string each: every
// page is held to the end of a build, and its own copies of those values
// were a million small objects at 100,000 pages (about 25 MB), which the
// collector marks on each of its cycles. Titles, summaries and other
// texts a page has to itself stay as they are.
func (m *Meta) shareStrings() {
	if m.Municipality != nil {
		m.Municipality.Value = share(m.Municipality.Value)
	}
	for _, items := range [][]yamldoc.Item{m.Initiatives, m.Areas, m.Municipalities} {
		for i := range items {
			items[i].Value = share(items[i].Value)
		}
	}
	for _, list := range [][]string{m.Organisations, m.Tags} {
		for i := range list {
			list[i] = share(list[i])
		}
	}
	m.Region, m.Started, m.Contact = share(m.Region), share(m.Started), share(m.Contact)
	m.Period, m.Owner, m.Budget = share(m.Period), share(m.Owner), share(m.Budget)
	for i := range m.Effects {
		e := &m.Effects[i]
		e.Unit, e.Period = share(e.Unit), share(e.Period)
	}
	if pr := m.Procurement; pr != nil {
		pr.Supplier, pr.Product = share(pr.Supplier), share(pr.Product)
	}
	for i := range m.Sources {
		m.Sources[i].Publisher = share(m.Sources[i].Publisher)
	}
}

// share returns s as one string shared by every equal one (unique.Make
// keeps them while any is in use; pages are parsed on every core).
func share(s string) string {
	if s == "" {
		return s
	}
	return unique.Make(s).Value()
}

// dropNodes lets the YAML tree go once Parse is done with it: later stages
// point at an item by its line and column, and the nodes of every page's
// front matter would otherwise be held to the end of a build (about 1 KB a
// page).
func (m *Meta) dropNodes() {
	if m.Municipality != nil {
		m.Municipality.Node = nil
	}
	for _, items := range [][]yamldoc.Item{m.Initiatives, m.Areas, m.Municipalities} {
		for i := range items {
			items[i].Node = nil
		}
	}
}

func isEmpty(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && (n.Tag == "!!null" || strings.TrimSpace(n.Value) == "")
}

func example(key string) string {
	if e, ok := examples[key]; ok {
		return e
	}
	return key + ": …"
}

func values(items []yamldoc.Item, _ bool) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Value
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func fieldNode(fields []yamldoc.Field, key string) *yaml.Node {
	for _, f := range fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

func parseSources(r *yamldoc.Reader, f yamldoc.Field) []Source {
	items, ok := r.Sequence(f)
	if !ok {
		return nil
	}
	var out []Source
	for _, item := range items {
		m, ok := r.Mapping(yamldoc.Field{Key: "varje källa i sources", Value: item})
		if !ok {
			continue
		}
		fields := r.Fields(m, []string{"title", "publisher", "date", "url"})
		r.Require(fields, m, "title", "publisher")
		var s Source
		for _, fl := range fields {
			if isEmpty(fl.Value) {
				if what := map[string]string{"title": "titel", "publisher": "utgivare"}[fl.Key]; what != "" {
					r.Errorf(fl.Value, "källans %s är tom men krävs; skriv till exempel %s: %s", fl.Key, fl.Key, map[string]string{"title": `"Lund i framkant med digital utveckling"`, "publisher": "Lunds kommun"}[fl.Key])
				}
				continue
			}
			switch fl.Key {
			case "title":
				s.Title, _ = r.String(fl, 300)
			case "publisher":
				s.Publisher, _ = r.String(fl, 200)
			case "date":
				s.Date, _ = r.Date(fl)
			case "url":
				s.URL, _ = r.URL(fl)
				s.URLLine, s.URLCol = r.Pos(fl.Value)
			}
		}
		out = append(out, s)
	}
	return out
}

// Label returns the Swedish display label of a status, as CONTENT.md gives them.
func (s Status) Label() string {
	switch s {
	case "planned":
		return "Planerad"
	case "pilot":
		return "Pilot"
	case "implemented":
		return "Införd"
	case "scaled":
		return "Spridd"
	case "ended":
		return "Avslutad"
	}
	return string(s)
}
