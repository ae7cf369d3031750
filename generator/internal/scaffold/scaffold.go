// Package scaffold writes the starting point of a new page: front matter
// with every key an editor needs, in the order CONTENT.md gives them.
package scaffold

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/slug"
)

// Kinds maps the names `kb new` accepts to page kinds.
var Kinds = map[string]page.Kind{
	"fallstudie": page.CaseStudy,
	"initiativ":  page.Initiative,
}

// New returns the project-relative path and the text of a new page of kind
// with title, dated today. Keys the editor must fill in are left empty, so
// `kb check` points at each of them until they are.
func New(kind page.Kind, title string, today time.Time) (path string, text []byte, err error) {
	title = strings.TrimSpace(title)
	s := slug.Make(title)
	if s == "" {
		return "", nil, fmt.Errorf("titeln %q ger inget filnamn; skriv en titel med bokstäver", title)
	}
	if len(title) > 0 && len([]rune(title)) > page.MaxTitle {
		return "", nil, fmt.Errorf("titeln har %d tecken men får ha högst %d", len([]rune(title)), page.MaxTitle)
	}
	date := today.Format("2006-01-02")
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(title))
	switch kind {
	case page.CaseStudy:
		b.WriteString(`summary: ""           # en eller två meningar: vad gjordes och vad gav det (högst 300 tecken)
municipality:          # kommunens namn som SCB skriver det, till exempel Lund
areas: []              # minst ett id från content/omraden.yaml, till exempel [digitala-las]
status:                # planned, pilot, implemented, scaled eller ended: välj det som stämmer
started:               # år, till exempel 2021 (kan tas bort)
`)
		fmt.Fprintf(&b, "published: %s\n", date)
		b.WriteString(`tags: []
contact: ""            # en förvaltning eller funktion, aldrig en privatperson (kan tas bort)
sources:               # var uppgifterna kommer ifrån
  - title: ""
    publisher: ""
    date: ` + date + `
---

## Bakgrund

## Vad gjordes

## Resultat

## Lärdomar
`)
	case page.Initiative:
		b.WriteString(`summary: ""           # en eller två meningar om initiativet (högst 300 tecken)
`)
		fmt.Fprintf(&b, "published: %s\n", date)
		b.WriteString(`period: ""            # till exempel 2020-2022
owner: ""             # vem som driver det, till exempel SKR
municipalities: []    # kommuner som deltar
areas: []
sources:
  - title: ""
    publisher: ""
    date: ` + date + `
---

## Om initiativet
`)
	default:
		return "", nil, fmt.Errorf("kb new skapar fallstudie eller initiativ, inte %s", kind)
	}
	return "content/" + string(kind) + "/" + s + ".md", []byte(b.String()), nil
}
