// Package page holds what the pipeline knows about one content file, and
// reads a file's front matter into it.
//
// The load stage produces Files; Parse turns each into a Page (front matter
// decoded and checked, body ready for the Markdown stage). Checks that need
// other pages or vocabularies (does the municipality exist, does the link
// resolve) belong to the site stage, which sees everything.
package page

import (
	"kunskapsbanken/generator/internal/yamldoc"
)

// Kind is a page's section: the folder under content/ and the first
// segment of its URL.
type Kind string

const (
	CaseStudy  Kind = "fallstudier" // content/fallstudier/<slug>.md
	Initiative Kind = "initiativ"   // content/initiativ/<slug>.md
	Profile    Kind = "kommuner"    // content/kommuner/<slug>.md, a municipality's profile text
	Free       Kind = "sidor"       // content/sidor/<slug>.md
)

// Kinds lists every kind, in the order the site shows them.
var Kinds = []Kind{CaseStudy, Initiative, Profile, Free}

// File is one content file as loaded from disk.
type File struct {
	Path      string     // project-relative, slash-separated: "content/fallstudier/lund.md"
	Kind      Kind       //
	Slug      string     // from the file name, or the bundle folder's name
	Bundle    bool       // content/<kind>/<slug>/index.md, with resources beside it
	Resources []Resource // a bundle's other files, sorted by name
	Data      []byte
}

// Resource is a file of a page bundle, such as an image.
type Resource struct {
	Name string // relative to the bundle's folder, NFC: "bilder/automat.jpg"
	Disk string // its path in the project as the file system spells it (macOS writes NFD)
}

// Dir returns the folder relative links in the file are resolved against.
func (f *File) Dir() string {
	i := len(f.Path) - 1
	for i >= 0 && f.Path[i] != '/' {
		i--
	}
	return f.Path[:i+1]
}

// Page is a content file with its front matter decoded.
type Page struct {
	*File
	Meta Meta
	// Body is the file with its front matter replaced by empty lines, so
	// that line numbers in the Markdown are the file's own.
	Body []byte
}

// Status is where a case study's work stands.
type Status string

// Statuses in the order work goes through them.
var Statuses = []Status{"planned", "pilot", "implemented", "scaled", "ended"}

// Meta is the front matter of every kind; CONTENT.md says which keys each
// kind takes. Values that name something elsewhere (a municipality, an
// area, an initiative) keep their line and column (yamldoc.Item, whose Node
// Parse clears) so a later stage can point at them.
type Meta struct {
	Title         string
	Summary       string
	Municipality  *yamldoc.Item
	Region        string
	Organisations []string
	Initiatives   []yamldoc.Item
	Areas         []yamldoc.Item
	Status        Status
	Started       string // a year, "2019", or a date
	Published     yamldoc.Date
	Updated       yamldoc.Date
	Tags          []string
	Contact       string
	Lessons       []Lesson     // what was learnt (experience.go)
	Effects       []Effect     // outcomes
	Procurement   *Procurement // how it was bought; nil when the sources do not say
	Sources       []Source
	Draft         bool

	// Initiatives only.
	Period         string
	Owner          string
	Budget         string
	Municipalities []yamldoc.Item
}

// Source is one entry of sources: where the page's facts come from.
type Source struct {
	Title     string
	Publisher string
	Date      yamldoc.Date
	URL       string
	URLLine   int // where url is written, for the external link check
	URLCol    int
}
