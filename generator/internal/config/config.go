// Package config reads site.yaml, the site's settings.
package config

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/yamldoc"
)

// Site is the settings of site.yaml.
type Site struct {
	Title       string // the site's name
	Description string // one sentence for the home page and search engines
	BaseURL     string // absolute URL of the site's root, ending in "/": "https://example.org/kunskapsbank/"
	Language    string // "sv"
	Repository  string // web URL of the repository, for "edit this page" links; may be empty
	Branch      string // the branch edit links point at
	Theme       string // folder under themes/; kb embeds default
	PageSize    int    // entries on one page of a list
	TableSize   int    // rows on one page of the table "Vem använder vad"

	// ThemeLine and ThemeCol are where site.yaml names the theme, for
	// messages about it; 0 when it does not.
	ThemeLine, ThemeCol int

	// SearchWeights are the search ranking's weights (search.weights),
	// by name: titel, sammanfattning, amnen, rubriker, lardomar, text, delar, exakt,
	// prefix, folded, typo. A name left out keeps its default.
	SearchWeights map[string]float64

	// Publisher is who publishes the site's open data, for its metadata in
	// DCAT-AP-SE (data/dcat.rdf, which Sveriges dataportal harvests); nil
	// when site.yaml names none.
	Publisher *Publisher
}

// Publisher is the publisher and contact point of the open data.
type Publisher struct {
	Name               string // "Lunds kommun"
	OrganisationNumber string // ten digits, without the hyphen: "2120001124"
	Type               string // an ADMS publisher type, one of PublisherTypes: "LocalAuthority"
	ContactName        string // the contact point, an office: "Öppna data, Lunds kommun"
	ContactEmail       string
}

// PublisherTypes are the ADMS publisher types that DCAT-AP-SE lets a
// publisher be (http://purl.org/adms/publishertype/<type>).
var PublisherTypes = []string{"Academia-ScientificOrganisation", "Company", "IndustryConsortium", "LocalAuthority",
	"NationalAuthority", "NonGovernmentalOrganisation", "NonProfitOrganisation", "PrivateIndividual(s)",
	"RegionalAuthority", "StandardisationBody", "SupraNationalAuthority"}

// SearchWeightNames are the keys of search.weights.
var SearchWeightNames = []string{"titel", "sammanfattning", "amnen", "rubriker", "lardomar", "text", "delar", "exakt", "prefix", "folded", "typo"}

// BasePath is the path part of BaseURL, "/kunskapsbank/" or "/": every link
// in the site starts with it, so the site works under a sub-path.
func (s Site) BasePath() string {
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// Origin is the scheme and host of BaseURL, "https://example.org", or ""
// when BaseURL is only a path. Absolute URLs (canonical links, feeds) are
// Origin + BasePath + a page's URL.
func (s Site) Origin() string {
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// Default is what a key left out of site.yaml means.
var Default = Site{
	Title:     "Kunskapsbanken",
	BaseURL:   "/",
	Language:  "sv",
	Branch:    "main",
	Theme:     "default",
	PageSize:  20,
	TableSize: 1000,
}

var keys = []string{"title", "description", "baseURL", "language", "repository", "branch", "theme", "pageSize", "tableSize", "search", "publisher"}

// wholeNumber reads f, a whole number from 1 to max, into *n; anything
// else is an error at its value, and *n keeps what it was.
func wholeNumber(r *yamldoc.Reader, f yamldoc.Field, max int, n *int) {
	var v int
	if err := f.Value.Decode(&v); err != nil || v < 1 || v > max {
		r.Errorf(f.Value, "%s ska vara ett heltal mellan 1 och %d", f.Key, max)
		return
	}
	*n = v
}

// Parse reads site.yaml.
func Parse(path string, src []byte, diags *diag.List) Site {
	s := Default
	r := &yamldoc.Reader{Path: path, Diags: diags}
	root := r.Parse(src)
	if root == nil {
		return s
	}
	for _, f := range r.Fields(root, keys) {
		switch f.Key {
		case "title":
			s.Title, _ = r.String(f, 120)
		case "description":
			s.Description, _ = r.String(f, 300)
		case "baseURL":
			if v, ok := r.String(f, 0); ok {
				if base, msg := NormalizeBaseURL(v); msg != "" {
					r.Errorf(f.Value, "baseURL: %s", msg)
				} else {
					s.BaseURL = base
				}
			}
		case "language":
			s.Language, _ = r.String(f, 10)
		case "repository":
			if v, ok := r.URL(f); ok {
				s.Repository = strings.TrimSuffix(v, "/")
			}
		case "branch":
			s.Branch, _ = r.String(f, 100)
		case "theme":
			s.Theme, _ = r.String(f, 100)
			s.ThemeLine, s.ThemeCol = r.Pos(f.Value)
		case "pageSize":
			wholeNumber(r, f, 1000, &s.PageSize)
		case "tableSize":
			wholeNumber(r, f, 10000, &s.TableSize)
		case "search":
			s.SearchWeights = parseSearch(r, f)
		case "publisher":
			s.Publisher = parsePublisher(r, f)
		}
	}
	return s
}

// parseSearch reads the search mapping: weights, each a number from 0 to 100.
func parseSearch(r *yamldoc.Reader, f yamldoc.Field) map[string]float64 {
	m, ok := r.Mapping(f)
	if !ok {
		return nil
	}
	var out map[string]float64
	for _, sf := range r.Fields(m, []string{"weights"}) {
		wm, ok := r.Mapping(sf)
		if !ok {
			continue
		}
		for _, wf := range r.Fields(wm, SearchWeightNames) {
			var v float64
			if err := wf.Value.Decode(&v); err != nil || v < 0 || v > 100 {
				r.Errorf(wf.Value, "search.weights.%s ska vara ett tal mellan 0 och 100", wf.Key)
				continue
			}
			if out == nil {
				out = map[string]float64{}
			}
			out[wf.Key] = v
		}
	}
	return out
}

var (
	orgNumberRE = regexp.MustCompile(`^[0-9]{6}-?[0-9]{4}$`)
	emailRE     = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// parsePublisher reads the publisher mapping: name, organisationNumber,
// type and contact (name, email), all required. It returns nil when any is
// missing or wrong.
func parsePublisher(r *yamldoc.Reader, f yamldoc.Field) *Publisher {
	m, ok := r.Mapping(f)
	if !ok {
		return nil
	}
	p := &Publisher{}
	ok = true
	fields := r.Fields(m, []string{"name", "organisationNumber", "type", "contact"})
	r.Require(fields, f.KeyAt, "name", "organisationNumber", "type", "contact")
	if len(fields) < 4 {
		ok = false
	}
	for _, pf := range fields {
		var good bool
		switch pf.Key {
		case "name":
			p.Name, good = r.String(pf, 200)
		case "organisationNumber":
			var v string
			if v, good = r.String(pf, 0); good {
				if good = orgNumberRE.MatchString(v) && luhn(strings.ReplaceAll(v, "-", "")); good {
					p.OrganisationNumber = strings.ReplaceAll(v, "-", "")
				} else {
					r.Errorf(pf.Value, "organisationNumber %q är inget organisationsnummer; skriv tio siffror som 212000-1124, så som Bolagsverket eller SCB anger det", v)
				}
			}
		case "type":
			if p.Type, good = r.String(pf, 0); good && !slices.Contains(PublisherTypes, p.Type) {
				good = false
				r.Errorf(pf.Value, "type %q är ingen av DCAT-AP-SE:s utgivartyper; skriv en av %s (en kommun är LocalAuthority, en region RegionalAuthority, en myndighet NationalAuthority)%s", p.Type, strings.Join(PublisherTypes, ", "), diag.DidYouMean(p.Type, PublisherTypes))
			}
		case "contact":
			cm, isMap := r.Mapping(pf)
			if good = isMap; !good {
				break
			}
			cfields := r.Fields(cm, []string{"name", "email"})
			r.Require(cfields, pf.KeyAt, "name", "email")
			good = len(cfields) == 2
			for _, cf := range cfields {
				switch cf.Key {
				case "name":
					var g bool
					p.ContactName, g = r.String(cf, 200)
					good = good && g
				case "email":
					v, g := r.String(cf, 200)
					if g && !emailRE.MatchString(v) {
						g = false
						r.Errorf(cf.Value, "email %q är ingen e-postadress; skriv en funktionsadress som oppnadata@kommun.se", v)
					}
					p.ContactEmail = v
					good = good && g
				}
			}
		}
		ok = ok && good
	}
	if !ok {
		return nil
	}
	return p
}

// luhn checks the last digit of a Swedish organisation number, which is
// the Luhn checksum of the first nine.
func luhn(digits string) bool {
	sum := 0
	for i, c := range digits {
		d := int(c - '0')
		if i%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// NormalizeBaseURL checks a base URL (absolute, or a path such as
// "/kunskapsbank/") and returns it ending in "/". msg says what is wrong.
func NormalizeBaseURL(v string) (base, msg string) {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "" && u.Scheme != "https" && u.Scheme != "http") || (u.Scheme == "" && !strings.HasPrefix(v, "/")) || u.RawQuery != "" || u.Fragment != "" {
		return "", "skriv en adress som https://example.org/kunskapsbank/ eller en sökväg som /kunskapsbank/"
	}
	if !strings.HasSuffix(v, "/") {
		v += "/"
	}
	return v, ""
}
