package scaffold

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/slug"
	"kunskapsbanken/generator/internal/spelling"
	"kunskapsbanken/generator/internal/vocab"
)

// CaseStudy is what Ask learns: every key a case study needs to pass kb
// check.
type CaseStudy struct {
	Title, Summary, Municipality string
	Areas                        []string // ids
	Status                       page.Status
}

// ErrAborted is Ask's error when the answers end before the questions.
var ErrAborted = errors.New("avbrutet innan alla frågor var besvarade; ingen fil skrevs")

// Ask asks an editor in a terminal for a case study's title, summary,
// municipality, areas and status, one question at a time, and asks again
// until each answer is one kb check accepts: a municipality as Statistics
// Sweden spells it (a misspelling gets the closest names, as the checks
// give them), areas by id or name, a status by its word in either
// language. exists says whether a project file is already there, so a
// title whose file exists is asked again.
func Ask(in io.Reader, out io.Writer, geo *vocab.Geography, areas *vocab.Areas, exists func(path string) bool) (CaseStudy, error) {
	var c CaseStudy
	sc := bufio.NewScanner(in)
	ask := func(prompt string) (string, error) {
		fmt.Fprint(out, prompt)
		if !sc.Scan() {
			fmt.Fprintln(out)
			if err := sc.Err(); err != nil {
				return "", err
			}
			return "", ErrAborted
		}
		return strings.Join(strings.Fields(sc.Text()), " "), nil
	}
	fmt.Fprintln(out, "Ny fallstudie. Svara på frågorna och tryck Enter efter varje svar (Ctrl+C avbryter).")

	for {
		t, err := ask("Rubrik: ")
		if err != nil {
			return c, err
		}
		s := slug.Make(t)
		switch {
		case s == "":
			fmt.Fprintln(out, "  Skriv en rubrik med ord, till exempel Digitala lås i Lunds hemtjänst.")
		case len([]rune(t)) > page.MaxTitle:
			fmt.Fprintf(out, "  Rubriken har %d tecken men får ha högst %d; korta den.\n", len([]rune(t)), page.MaxTitle)
		case exists(path(page.CaseStudy, s)) || exists("content/fallstudier/"+s+"/index.md"):
			fmt.Fprintf(out, "  Det finns redan en fallstudie som heter %s; välj en annan rubrik.\n", path(page.CaseStudy, s))
		default:
			c.Title = t
		}
		if c.Title != "" {
			break
		}
	}

	for c.Summary == "" {
		s, err := ask("Sammanfattning (en eller två meningar: vad gjordes och vad gav det?): ")
		if err != nil {
			return c, err
		}
		if n := len([]rune(s)); n > page.MaxSummary {
			fmt.Fprintf(out, "  Sammanfattningen har %d tecken men får ha högst %d; korta den.\n", n, page.MaxSummary)
			continue
		}
		c.Summary = s
	}

	for c.Municipality == "" {
		m, err := ask("Kommun (som SCB skriver den, till exempel Lund eller Upplands Väsby): ")
		if err != nil {
			return c, err
		}
		if mu := findMunicipality(geo, m); mu != nil {
			c.Municipality = mu.Name
			if mu.Name != m {
				fmt.Fprintf(out, "  Kommunen skrivs %s.\n", mu.Name)
			}
			continue
		}
		fmt.Fprintf(out, "  %q är inte en av Sveriges kommuner%s\n", m, sentence(diag.DidYouMean(strings.TrimSuffix(m, " kommun"), geo.Names())))
	}

	var labels []string
	for _, a := range areas.List {
		labels = append(labels, a.Label)
	}
	for c.Areas == nil {
		answer, err := ask("Teknikområden (namn eller id, flera med komma emellan; ? visar alla): ")
		if err != nil {
			return c, err
		}
		if answer == "?" || answer == "" {
			for _, a := range areas.List {
				fmt.Fprintf(out, "  %-28s %s\n", a.ID, a.Label)
			}
			continue
		}
		var ids []string
		ok := true
		for _, w := range strings.Split(answer, ",") {
			w = strings.TrimSpace(w)
			if w == "" {
				continue
			}
			a := findArea(areas, w)
			if a == nil {
				fmt.Fprintf(out, "  %q är inget område%s\n", w, sentence(diag.DidYouMean(w, append(areas.IDs(), labels...))))
				ok = false
				continue
			}
			if !contains(ids, a.ID) {
				ids = append(ids, a.ID)
			}
		}
		if ok && len(ids) > 0 {
			c.Areas = ids
		}
	}

	var words []string
	for i, s := range page.Statuses {
		words = append(words, fmt.Sprintf("%d %s (%s)", i+1, s.Label(), s))
	}
	for c.Status == "" {
		answer, err := ask("Status: " + strings.Join(words, ", ") + ": ")
		if err != nil {
			return c, err
		}
		for i, s := range page.Statuses {
			if strings.EqualFold(answer, string(s)) || strings.EqualFold(answer, s.Label()) || answer == strconv.Itoa(i+1) {
				c.Status = s
			}
		}
		if c.Status == "" {
			fmt.Fprintf(out, "  %q är ingen status; svara med en siffra från 1 till %d eller ett av orden.\n", answer, len(page.Statuses))
		}
	}
	return c, nil
}

// File returns the project-relative path and the text of the case study,
// with the optional keys left empty for the editor to fill in or delete.
func (c CaseStudy) File(today time.Time) (string, []byte) {
	date := today.Format("2006-01-02")
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(c.Title))
	fmt.Fprintf(&b, "summary: %s\n", strconv.Quote(c.Summary))
	fmt.Fprintf(&b, "municipality: %s\n", strconv.Quote(c.Municipality))
	fmt.Fprintf(&b, "areas: [%s]\n", strings.Join(c.Areas, ", "))
	fmt.Fprintf(&b, "status: %s\n", c.Status)
	b.WriteString("started:               # år, till exempel 2021 (kan tas bort)\n")
	fmt.Fprintf(&b, "published: %s\n", date)
	b.WriteString(`tags: []
contact: ""            # en förvaltning eller funktion, aldrig en privatperson (kan tas bort)
sources:               # var uppgifterna kommer ifrån; en källa skrivs så här:
#  - title: "Rapportens titel"
#    publisher: Lunds kommun
#    date: ` + date + `
---

## Bakgrund

## Vad gjordes

## Resultat

## Lärdomar
`)
	return path(page.CaseStudy, slug.Make(c.Title)), []byte(b.String())
}

func path(kind page.Kind, s string) string { return "content/" + string(kind) + "/" + s + ".md" }

// findMunicipality accepts a name as SCB writes it, in any case and with or
// without diacritics or " kommun", when that picks out one municipality.
func findMunicipality(geo *vocab.Geography, name string) *vocab.Municipality {
	if m := geo.Municipality(name); m != nil {
		return m
	}
	want := fold(strings.TrimSuffix(strings.TrimSpace(name), " kommun"))
	var found *vocab.Municipality
	for _, m := range geo.Municipalities {
		if fold(m.Name) == want {
			if found != nil {
				return nil // two names fold alike: ask for the exact one
			}
			found = m
		}
	}
	return found
}

func findArea(areas *vocab.Areas, w string) *vocab.Area {
	for _, a := range areas.List {
		if strings.EqualFold(a.ID, w) || fold(a.Label) == fold(w) {
			return a
		}
	}
	return nil
}

func fold(s string) string { return strings.ToLower(spelling.Fold(s)) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sentence ends a message with a did-you-mean suffix, or a period.
func sentence(didYouMean string) string {
	if didYouMean == "" {
		return "; skriv namnet igen."
	}
	return didYouMean + " Skriv igen."
}
