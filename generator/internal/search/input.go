package search

import "strings"

// Doc is one page as search sees it.
type Doc struct {
	URL      string    // relative to the site root: "fallstudier/lund-las/"
	Type     string    // fallstudie, initiativ, kommun or sida
	Title    string    // field titel
	Summary  string    // field sammanfattning
	Subjects []string  // field amnen: area labels and synonyms, tags, municipality, county
	Sections []Section // fields rubriker and text; the first has ID "" when text comes before any heading
	Facets   Facets
}

// Section is a heading and the body text under it up to the next heading.
type Section struct {
	ID      string // the heading's anchor, "" for the text above the first heading
	Heading string
	Text    string // one line per block
}

// Facets are what a page can be filtered by.
type Facets struct {
	Kommun, Lan, Status Value
	Ar                  Value // the year the work started, or was published
	Omrade, Initiativ   []Value
	Datum               int // published, YYYYMMDD
}

// Value is one value of a facet: its key in URLs and its label.
type Value struct{ Key, Label string }

// Weights are the field weights of the ranking: site.yaml's search.weights.
type Weights struct {
	Titel, Sammanfattning, Amnen, Rubriker, Text float64
	Delar, Exakt                                 float64 // compound parts and exact word forms
	Prefix, Folded, Typo                         float64 // the kinds of candidates other than the word's own stem
}

// DefaultWeights rank a title match six times a body match, and exact
// forms above stems, stems above compound parts, folded and misspelt words
// last.
var DefaultWeights = Weights{
	Titel: 6, Sammanfattning: 3, Amnen: 3, Rubriker: 2, Text: 1,
	Delar: 0.4, Exakt: 1.5,
	Prefix: 0.5, Folded: 0.25, Typo: 0.15,
}

// Named returns the weight site.yaml's search.weights calls name, or nil.
func (w *Weights) Named(name string) *float64 {
	return map[string]*float64{
		"titel": &w.Titel, "sammanfattning": &w.Sammanfattning, "amnen": &w.Amnen,
		"rubriker": &w.Rubriker, "text": &w.Text, "delar": &w.Delar, "exakt": &w.Exakt,
		"prefix": &w.Prefix, "folded": &w.Folded, "typo": &w.Typo,
	}[name]
}

// boost returns the weights of the fields in field order.
func (w Weights) boost() [numFields]float64 {
	return [numFields]float64{w.Titel, w.Sammanfattning, w.Amnen, w.Rubriker, w.Text, w.Delar, w.Exakt}
}

// Field numbers.
const (
	fTitel = iota
	fSammanfattning
	fAmnen
	fRubriker
	fText
	fDelar
	fExakt
	numFields
)

// FieldNames are the fields' names, in field order.
var FieldNames = [numFields]string{"titel", "sammanfattning", "amnen", "rubriker", "text", "delar", "exakt"}

// fieldText returns the text of one of the analysed fields 0 to 4.
func (d *Doc) fieldText(f int) string {
	switch f {
	case fTitel:
		return d.Title
	case fSammanfattning:
		return d.Summary
	case fAmnen:
		return strings.Join(d.Subjects, "\n")
	case fRubriker:
		var b strings.Builder
		for _, s := range d.Sections {
			if s.Heading != "" {
				b.WriteString(s.Heading)
				b.WriteByte('\n')
			}
		}
		return b.String()
	case fText:
		return d.body()
	}
	return ""
}

// body is the text of all sections, joined by newlines: the offsets of the
// text field count in it.
func (d *Doc) body() string {
	if len(d.Sections) == 1 {
		return d.Sections[0].Text
	}
	var b strings.Builder
	for i, s := range d.Sections {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.Text)
	}
	return b.String()
}

// exactText is the text of field exakt: titel, sammanfattning, rubriker and text.
func (d *Doc) exactText() string {
	return d.Title + "\n" + d.Summary + "\n" + d.fieldText(fRubriker) + "\n" + d.body()
}
