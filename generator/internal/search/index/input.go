package index

import "strings"

// Doc is one page as search sees it.
type Doc struct {
	URL      string    // relative to the site root: "fallstudier/lund-las/"
	Type     string    // fallstudie, initiativ, kommun or sida
	Title    string    // field titel
	Summary  string    // field sammanfattning
	Subjects []string  // field amnen: area labels and synonyms, tags, municipality, county
	Lessons  []string  // field lardomar: a case study's lessons and effects, one a line
	Sections []Section // fields rubriker and text; the first has ID "" when text comes before any heading
	Facets   Facets

	// Body, when Sections is nil, gives them on demand: kb build keeps
	// the pages' text on disk, not in memory. Build calls it twice per
	// page at most, to count the page's words and to cut its excerpts,
	// and holds what it returns only meanwhile. It may be called from
	// several goroutines at once, each with a buffer of its own: when buf
	// is not nil, Body may read the text into *buf, reusing its array,
	// and the sections are then valid only until the next call with buf
	// (kb build's text is read from a file, and a read into memory
	// already touched costs a fraction of one into a new slice).
	Body func(buf *[]byte) []Section
}

// sections returns the page's sections: Sections, or what Body gives, in
// memory of their own.
func (d *Doc) sections() []Section { return d.sectionsIn(nil) }

// sectionsIn is sections, the text read into *buf when it comes from
// Body: valid until the next use of buf.
func (d *Doc) sectionsIn(buf *[]byte) []Section {
	if d.Sections == nil && d.Body != nil {
		return d.Body(buf)
	}
	return d.Sections
}

// Section is a heading and the body text under it up to the next heading.
type Section struct {
	ID      string // the heading's anchor, "" for the text above the first heading
	Heading string
	Text    string // one line per block
}

// Facets are what a page can be filtered by: the facets kommun, lan,
// status, ar, omrade and initiativ of FacetNames.
type Facets struct {
	Municipality, County, Status Value
	Year                         Value // the year the work started, or was published
	Areas, Initiatives           []Value
	Published                    int // YYYYMMDD

	// How a case study's technology was bought (facets leverantor and
	// upphandling).
	Supplier, Procurement Value
}

// Value is one value of a facet: its key in URLs and its label.
type Value struct{ Key, Label string }

// Weights are the weights of the ranking: one per field, in the order of
// the fields, and one per kind of candidate other than the word's own
// stem. site.yaml's search.weights names them by FieldNames and kindNames.
type Weights struct {
	Title, Summary, Subjects, Headings, Text float64
	Parts, Exact                             float64 // compound parts and exact word forms
	Prefix, Folded, Typo                     float64 // the kinds of candidates other than the word's own stem
	Lessons                                  float64 // field lardomar, between rubriker and text in field order
}

// DefaultWeights rank a title match six times a body match, and exact
// forms above stems, stems above compound parts, folded and misspelt words
// last.
var DefaultWeights = Weights{
	Title: 6, Summary: 3, Subjects: 3, Headings: 2, Lessons: 2, Text: 1,
	Parts: 0.4, Exact: 1.5,
	Prefix: 0.5, Folded: 0.25, Typo: 0.15,
}

// kindNames are the names of the kinds of candidates, in the manifest
// ("kinds") and in site.yaml.
var kindNames = [3]string{"prefix", "folded", "typo"}

// weights returns pointers to the weights: the fields' in field order,
// then the kinds' in the order of kindNames.
func (w *Weights) weights() [NumFields + len(kindNames)]*float64 {
	return [...]*float64{&w.Title, &w.Summary, &w.Subjects, &w.Headings, &w.Lessons, &w.Text, &w.Parts, &w.Exact,
		&w.Prefix, &w.Folded, &w.Typo}
}

// Named returns the weight site.yaml's search.weights calls name (a field
// of FieldNames or a kind: prefix, folded, typo), or nil.
func (w *Weights) Named(name string) *float64 {
	ptrs := w.weights()
	for i, n := range FieldNames {
		if n == name {
			return ptrs[i]
		}
	}
	for i, n := range kindNames {
		if n == name {
			return ptrs[NumFields+i]
		}
	}
	return nil
}

// boost returns the weights of the fields in field order.
func (w Weights) boost() [NumFields]float64 {
	var out [NumFields]float64
	ptrs := w.weights()
	for f := range out {
		out[f] = *ptrs[f]
	}
	return out
}

// Field numbers: the order of the fields in the browser index.
const (
	FieldTitle    = iota // titel
	FieldSummary         // sammanfattning
	FieldSubjects        // amnen
	FieldHeadings        // rubriker
	FieldLessons         // lardomar: lessons and effects
	FieldText            // text
	FieldParts           // delar: compound words' parts
	FieldExact           // exakt: word forms, unstemmed
	NumFields
)

// FieldNames are the fields' names in the browser index, in field order.
var FieldNames = [NumFields]string{"titel", "sammanfattning", "amnen", "rubriker", "lardomar", "text", "delar", "exakt"}

// FieldStop holds the stop words of fields titel, sammanfattning,
// rubriker, lardomar and text, which no other field holds: a query of stop words
// only (Query.Stop) looks for them there, weighted as field exakt. It is
// no field of the browser index's postings, but of its own files (e-<a>),
// and of none in site.yaml.
const (
	FieldStop     = NumFields
	FieldStopName = "stoppord"
)

// FieldText returns the text of field f, for one of the analyzed fields
// (all but delar, which Build makes): the text of exakt is that of titel,
// sammanfattning, rubriker and text.
func (d *Doc) FieldText(f int) string {
	switch f {
	case FieldTitle:
		return d.Title
	case FieldSummary:
		return d.Summary
	case FieldSubjects:
		return strings.Join(d.Subjects, "\n")
	case FieldHeadings:
		var b strings.Builder
		for _, s := range d.sections() {
			if s.Heading != "" {
				b.WriteString(s.Heading)
				b.WriteByte('\n')
			}
		}
		return b.String()
	case FieldLessons:
		return strings.Join(d.Lessons, "\n")
	case FieldText:
		return d.body()
	case FieldExact:
		return d.Title + "\n" + d.Summary + "\n" + d.FieldText(FieldHeadings) + "\n" + d.FieldText(FieldLessons) + "\n" + d.body()
	}
	return ""
}

// body is the text of all sections, joined by newlines: the offsets of the
// text field count in it.
func (d *Doc) body() string {
	secs := d.sections()
	if len(secs) == 1 {
		return secs[0].Text
	}
	var b strings.Builder
	for i, s := range secs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.Text)
	}
	return b.String()
}
