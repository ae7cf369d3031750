// Package statement reads the facts of the site's accessibility statement
// (tillgänglighetsredogörelse), content/tillganglighet.yaml, strictly and
// with positions, as page reads front matter. The theme's layout
// tillganglighet.html turns the facts into the statement page, under the
// headings of DIGG's model statement; editors keep the facts, not the prose.
//
// What DIGG (Myndigheten för digital förvaltning) requires a statement under
// lag (2018:1937) om tillgänglighet till digital offentlig service to hold,
// and where each comes from:
//
//	the public body and the service         organisation, service
//	compliance, in one of three phrases      compliance: helt förenlig | delvis förenlig | inte förenlig
//	content that is not accessible, and why  gaps (content, reason, criteria); required unless helt förenlig
//	the date of the assessment               assessed
//	the date of the last update              updated
//	how it was assessed                      method
//	how to give feedback or ask for content  contact (email, phone, url, text: at least one)
//	DIGG's form for reporting                ReportURL, always shown
//	exemptions for disproportionate burden   exemptions (content, reason)
//	content outside the law's scope          outOfScope (content, reason)
//
// Every problem is an error at its line and column with the fix, in
// Swedish; a misspelt key gets "did you mean". Parse is the entry point.
package statement

import (
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/yamldoc"
)

// URL is the statement page, relative to the site root.
const URL = "tillganglighet/"

// ReportURL is DIGG's form for reporting a lack of accessibility, which
// every statement must link to.
const ReportURL = "https://www.digg.se/tdosanmalan"

// Compliance is how far the service meets the law, in the words the law's
// regulations prescribe.
type Compliance string

// The three levels.
const (
	Full    Compliance = "helt förenlig"
	Partial Compliance = "delvis förenlig"
	None    Compliance = "inte förenlig"
)

// Levels lists the levels in the order messages name them.
var Levels = []Compliance{Full, Partial, None}

// Statement is the facts of the accessibility statement.
type Statement struct {
	Organisation string // the public body responsible
	Service      string // the digital service the statement covers: the site's name
	Contact      Contact
	Compliance   Compliance
	Standard     string // what was assessed against, such as "WCAG 2.1 nivå AA"; may be empty
	Assessed     yamldoc.Date
	Updated      yamldoc.Date
	Method       string // how the assessment was made
	Gaps         []Item // content that is not accessible, with why
	Exemptions   []Item // disproportionate burden (12 §), with why
	OutOfScope   []Item // content outside the law's scope (9 §), with why
}

// Contact is how a reader gives feedback or asks for content in another
// form; at least one of the four is set.
type Contact struct {
	Email        string
	Phone        string
	URL          string
	Text         string // the way in words, such as where to write
	ResponseTime string // how soon an answer comes; may be empty
}

// Item is one entry of gaps, exemptions or outOfScope.
type Item struct {
	Content  string   // what
	Reason   string   // why
	Criteria []string // WCAG success criteria, such as "1.4.3"; gaps only
}

var (
	keys        = []string{"organisation", "service", "contact", "compliance", "standard", "assessed", "method", "updated", "gaps", "exemptions", "outOfScope"}
	required    = []string{"organisation", "service", "contact", "compliance", "assessed", "method", "updated"}
	contactKeys = []string{"email", "phone", "url", "text", "responseTime"}
	gapKeys     = []string{"content", "reason", "criteria"}
	itemKeys    = []string{"content", "reason"}
	criterionRE = regexp.MustCompile(`^[1-4]\.[1-9][0-9]?\.[1-9][0-9]?$`)
	emailRE     = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
	phoneRE     = regexp.MustCompile(`^\+?[0-9][0-9 \-]{5,20}$`)
)

// Parse reads the facts file src (at path, for messages). It returns nil
// when the file is no YAML mapping at all; otherwise the facts it could
// read, with every problem in diags.
func Parse(path string, src []byte, diags *diag.List) *Statement {
	r := &yamldoc.Reader{Path: path, Diags: diags}
	root := r.Parse(src)
	if root == nil {
		return nil
	}
	s := &Statement{}
	fields := r.Fields(root, keys)
	at := root
	if len(root.Content) > 0 {
		at = root.Content[0]
	}
	r.Require(fields, at, required...)
	var complianceAt, gapsAt *yaml.Node
	for _, f := range fields {
		switch f.Key {
		case "organisation":
			s.Organisation, _ = r.String(f, 200)
		case "service":
			s.Service, _ = r.String(f, 200)
		case "contact":
			s.Contact = parseContact(r, f)
		case "compliance":
			complianceAt = f.Value
			if v, ok := r.String(f, 0); ok {
				s.Compliance, _ = parseCompliance(r, f.Value, v)
			}
		case "standard":
			s.Standard, _ = r.String(f, 100)
		case "assessed":
			s.Assessed, _ = r.Date(f)
		case "updated":
			s.Updated, _ = r.Date(f)
		case "method":
			s.Method, _ = r.String(f, 1000)
		case "gaps":
			gapsAt = f.KeyAt
			s.Gaps = parseItems(r, f, gapKeys)
		case "exemptions":
			s.Exemptions = parseItems(r, f, itemKeys)
		case "outOfScope":
			s.OutOfScope = parseItems(r, f, itemKeys)
		}
	}
	switch {
	case s.Compliance == Full && len(s.Gaps) > 0:
		r.Errorf(gapsAt, "compliance är %q men gaps listar innehåll som inte är tillgängligt; skriv compliance: delvis förenlig, eller ta bort gaps om bristerna är åtgärdade", Full)
	case s.Compliance != "" && s.Compliance != Full && len(s.Gaps) == 0 && gapsAt == nil:
		r.Errorf(complianceAt, "compliance är %q men gaps saknas; lagen kräver en förteckning över innehåll som inte är tillgängligt och varför: lägg till gaps med content och reason", s.Compliance)
	}
	if !s.Assessed.IsZero() && !s.Updated.IsZero() && s.Updated.Before(s.Assessed.Time) {
		for _, f := range fields {
			if f.Key == "updated" {
				r.Errorf(f.Value, "updated (%s) är före assessed (%s); redogörelsen uppdateras när eller efter att webbplatsen bedömts", s.Updated, s.Assessed)
			}
		}
	}
	return s
}

// parseCompliance accepts one of the three phrases, in any case; anything
// else is an error naming them, with the closest first.
func parseCompliance(r *yamldoc.Reader, n *yaml.Node, v string) (Compliance, bool) {
	c := Compliance(strings.ToLower(strings.Join(strings.Fields(v), " ")))
	for _, l := range Levels {
		if c == l {
			return l, true
		}
	}
	names := make([]string, len(Levels))
	for i, l := range Levels {
		names[i] = string(l)
	}
	hint := ""
	if best := diag.Closest(string(c), names, 1); len(best) == 1 {
		hint = fmt.Sprintf("; menade du %q?", best[0])
	}
	r.Errorf(n, "compliance %q är ingen av lagens formuleringar; skriv en av %q, %q eller %q%s", v, Full, Partial, None, hint)
	return "", false
}

func parseContact(r *yamldoc.Reader, f yamldoc.Field) Contact {
	var c Contact
	m, ok := r.Mapping(f)
	if !ok {
		return c
	}
	for _, cf := range r.Fields(m, contactKeys) {
		switch cf.Key {
		case "email":
			if v, ok := r.String(cf, 200); ok {
				if emailRE.MatchString(v) {
					c.Email = v
				} else {
					r.Errorf(cf.Value, "email %q är ingen e-postadress; skriv till exempel tillganglighet@kommun.se", v)
				}
			}
		case "phone":
			if v, ok := r.String(cf, 40); ok {
				if phoneRE.MatchString(v) {
					c.Phone = v
				} else {
					r.Errorf(cf.Value, "phone %q är inget telefonnummer; skriv siffror, mellanslag och bindestreck, till exempel 010-123 45 67", v)
				}
			}
		case "url":
			c.URL, _ = r.URL(cf)
		case "text":
			c.Text, _ = r.String(cf, 500)
		case "responseTime":
			c.ResponseTime, _ = r.String(cf, 200)
		}
	}
	if c.Email == "" && c.Phone == "" && c.URL == "" && c.Text == "" {
		r.Errorf(f.KeyAt, "contact behöver minst ett sätt att nå er: email, phone, url eller text; läsare ska kunna påtala brister och be om innehåll i annan form")
	}
	return c
}

// parseItems reads a list of entries, each with content and reason (and,
// when keys allows, criteria).
func parseItems(r *yamldoc.Reader, f yamldoc.Field, keys []string) []Item {
	list, ok := r.Sequence(f)
	if !ok {
		return nil
	}
	var out []Item
	for _, n := range list {
		if n.Kind != yaml.MappingNode {
			r.Errorf(n, "varje post i %s ska ha content: (vad) och reason: (varför) på egna rader", f.Key)
			continue
		}
		fields := r.Fields(n, keys)
		r.Require(fields, n.Content[0], "content", "reason")
		var it Item
		for _, ef := range fields {
			switch ef.Key {
			case "content":
				it.Content, _ = r.String(ef, 1000)
			case "reason":
				it.Reason, _ = r.String(ef, 1000)
			case "criteria":
				items, _ := r.Strings(ef)
				for _, c := range items {
					if !criterionRE.MatchString(c.Value) {
						r.Diags.Errorf(r.Path, c.Line, c.Col, "criteria: %q är inget WCAG-kriterium; skriv numret, till exempel 1.4.3", c.Value)
						continue
					}
					it.Criteria = append(it.Criteria, c.Value)
				}
			}
		}
		if it.Content != "" && it.Reason != "" {
			out = append(out, it)
		}
	}
	return out
}
