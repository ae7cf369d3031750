package issueform

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/slug"
	"kunskapsbanken/generator/internal/vocab"
)

// Input is what Convert needs besides the body.
type Input struct {
	Number int              // the issue's number
	Today  time.Time        // the published date when the form leaves it empty
	Geo    *vocab.Geography // the municipalities
	Areas  *vocab.Areas     // the areas of content/omraden.yaml
}

// Problem is one answer that cannot be converted, and how to change it.
type Problem struct {
	Field   string // the field's label; "" for the issue as a whole
	Message string // Swedish: what is wrong and how to fix it
}

// Result is a converted issue.
type Result struct {
	Slug  string
	Path  string // content/fallstudier/<slug>.md, slash-separated
	Text  []byte
	lines []string // lines[i] is the label of the answer line i+1 came from
}

// FieldAt returns the label of the answer the file's line came from, or "".
func (r *Result) FieldAt(line int) string {
	if line < 1 || line > len(r.lines) {
		return ""
	}
	return r.lines[line-1]
}

// noResponse is what GitHub writes for an answer left empty.
const noResponse = "_No response_"

// markerRE finds the line Convert writes first into the front matter, which
// says which issue a file came from; an edited issue replaces its own file.
var markerRE = regexp.MustCompile(`(?m)^# Från ärende #([0-9]+)\.`)

func marker(number int) string {
	return fmt.Sprintf("# Från ärende #%d. Filen skrivs om när ärendet ändras; ändra hellre här när pull requesten finns.", number)
}

// Branch is the branch an issue's case study is proposed on: one per issue,
// so an edited issue updates its pull request.
func Branch(number int) string { return fmt.Sprintf("fallstudie/arende-%d", number) }

// IssueOf returns the number of the issue a file was made from, or 0.
func IssueOf(text []byte) int {
	m := markerRE.FindSubmatch(text)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// Answers splits an issue body into the answers of Fields, by label. A
// label is found as a line "### Label"; looking from the end, each field's
// heading is the last one before the next field's, so a heading an editor
// writes in a free-text answer is taken as a later field's only if it
// repeats that field's label exactly. Missing labels are absent from the map.
func Answers(body string) map[string]string {
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(body, "\n")
	out := map[string]string{}
	end := len(lines)
	for i := len(Fields) - 1; i >= 0; i-- {
		f := Fields[i]
		for j := end - 1; j >= 0; j-- {
			if strings.TrimRight(lines[j], " \t") == "### "+f.Label {
				answer := strings.Trim(strings.Join(lines[j+1:end], "\n"), "\n")
				if strings.TrimSpace(answer) == noResponse {
					answer = ""
				}
				out[f.ID] = answer
				end = j
				break
			}
		}
	}
	return out
}

var (
	dateRE = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	yearRE = regexp.MustCompile(`^[0-9]{4}$`)
)

// Convert turns an issue body into a case study. It returns either the
// result or the problems, never both.
func Convert(body string, in Input) (*Result, []Problem) {
	a := Answers(body)
	var probs []Problem
	add := func(id, format string, args ...any) {
		probs = append(probs, Problem{Field: field(id).Label, Message: fmt.Sprintf(format, args...)})
	}
	if len(a) == 0 {
		return nil, []Problem{{Message: "ärendet är inte skrivet med formuläret Föreslå en fallstudie (inga av formulärets rubriker finns i texten); skapa ett nytt ärende med formuläret"}}
	}
	for _, f := range Fields {
		if _, ok := a[f.ID]; !ok {
			probs = append(probs, Problem{Field: f.Label, Message: fmt.Sprintf("rubriken ### %s saknas i ärendets text; skriv tillbaka den, med svaret på raden under", f.Label)})
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}

	title := oneLine(a[fieldTitle])
	s := slug.Make(title)
	switch {
	case title == "":
		add(fieldTitle, "rubriken är tom; skriv en rubrik, till exempel Digitala lås i Lunds hemtjänst")
	case s == "":
		add(fieldTitle, "rubriken %q har inga bokstäver eller siffror att göra ett filnamn av; skriv en rubrik med ord", title)
	}
	summary := oneLine(a[fieldSummary])
	if summary == "" {
		add(fieldSummary, "sammanfattningen är tom; skriv en eller två meningar om vad som gjordes och vad det gav")
	}

	muni, region := oneLine(a[fieldMuni]), oneLine(a[fieldRegion])
	if muni != "" && in.Geo.Municipality(muni) == nil {
		msg := fmt.Sprintf("%q är inte en av Sveriges kommuner som SCB skriver dem", muni)
		if c := diag.Closest(strings.TrimSuffix(muni, " kommun"), in.Geo.Names(), 3); len(c) > 0 {
			msg += "; menade du " + diag.OrList(quoteAll(c)) + "?"
		} else {
			msg += "."
		}
		add(fieldMuni, "%s Ändra ärendet och välj kommunen i listan.", msg)
	}
	if muni == "" && region == "" {
		add(fieldMuni, "välj kommunen i listan, eller skriv regionen under Region om arbetet är en regions")
	}

	var areaIDs []string
	labels := map[string]string{}
	var known []string
	for _, ar := range in.Areas.List {
		labels[ar.Label] = ar.ID
		known = append(known, ar.Label)
	}
	for _, l := range splitList(a[fieldAreas]) {
		id, ok := labels[l]
		if !ok && in.Areas.ByID(l) != nil {
			id, ok = l, true
		}
		if !ok {
			add(fieldAreas, "%q är inget av kunskapsbankens teknikområden%s Ändra ärendet och välj områdena i listan.", l, periodOr(diag.DidYouMean(l, known)))
			continue
		}
		areaIDs = append(areaIDs, id)
	}
	if len(areaIDs) == 0 && len(splitList(a[fieldAreas])) == 0 {
		add(fieldAreas, "välj minst ett teknikområde i listan")
	}

	var status page.Status
	st := oneLine(a[fieldStatus])
	var statusLabels []string
	for _, s := range page.Statuses {
		statusLabels = append(statusLabels, s.Label())
		if strings.EqualFold(st, s.Label()) || st == string(s) {
			status = s
		}
	}
	if status == "" {
		if st == "" {
			add(fieldStatus, "välj en status: %s", diag.OrList(statusLabels))
		} else {
			add(fieldStatus, "%q är ingen status; välj en av %s", st, diag.OrList(statusLabels))
		}
	}

	started := oneLine(a[fieldStarted])
	if started != "" && !yearRE.MatchString(started) && !validDate(started) {
		add(fieldStarted, "%q är inget år eller datum; skriv året, till exempel 2021, eller ett datum som 2021-03-15, eller lämna tomt", started)
	}
	published := oneLine(a[fieldPublished])
	if published == "" {
		published = in.Today.Format("2006-01-02")
	} else if !validDate(published) {
		add(fieldPublished, "%q är inget datum; skriv år-månad-dag, till exempel 2022-05-10, eller lämna tomt för dagens datum", published)
	}

	sources, sprobs := parseSources(a[fieldSources])
	for _, m := range sprobs {
		add(fieldSources, "%s", m)
	}

	consent := strings.TrimSpace(a[fieldConsent])
	if !strings.HasPrefix(consent, "- [X]") && !strings.HasPrefix(consent, "- [x]") {
		add(fieldConsent, "rutan om personuppgifter är inte ikryssad; ta bort eventuella personuppgifter ur svaren och kryssa i rutan")
	}

	body = strings.Trim(strings.ReplaceAll(strings.ReplaceAll(a[fieldBody], "\r\n", "\n"), "\r", "\n"), "\n")
	if strings.TrimSpace(body) == "" {
		add(fieldBody, "berättelsen är tom; skriv med egna ord vad som gjordes, hur det gick och vad ni lärde er")
	}
	if len(probs) > 0 {
		return nil, probs
	}

	w := &writer{}
	w.line("", "---")
	w.line("", marker(in.Number))
	w.line(fieldTitle, "title: "+quote(title))
	w.line(fieldSummary, "summary: "+quote(summary))
	if muni != "" {
		w.line(fieldMuni, "municipality: "+quote(muni))
	}
	if region != "" {
		w.line(fieldRegion, "region: "+quote(region))
	}
	if org := oneLine(a[fieldOrg]); org != "" {
		w.line(fieldOrg, "organisations: ["+quote(org)+"]")
	}
	w.line(fieldAreas, "areas: ["+strings.Join(areaIDs, ", ")+"]")
	w.line(fieldStatus, "status: "+string(status))
	if started != "" {
		w.line(fieldStarted, "started: "+started)
	}
	w.line(fieldPublished, "published: "+published)
	if tags := splitTags(a[fieldTags]); len(tags) > 0 {
		w.line(fieldTags, "tags: ["+strings.Join(quoteYAMLAll(tags), ", ")+"]")
	}
	if c := oneLine(a[fieldContact]); c != "" {
		w.line(fieldContact, "contact: "+quote(c))
	}
	if len(sources) > 0 {
		w.line(fieldSources, "sources:")
		for _, s := range sources {
			w.line(fieldSources, "  - title: "+quote(s.title))
			w.line(fieldSources, "    publisher: "+quote(s.publisher))
			if s.date != "" {
				w.line(fieldSources, "    date: "+s.date)
			}
			if s.url != "" {
				w.line(fieldSources, "    url: "+quote(s.url))
			}
		}
	}
	w.line("", "---")
	w.line("", "")
	for _, l := range strings.Split(body, "\n") {
		w.line(fieldBody, l)
	}
	return &Result{Slug: s, Path: "content/fallstudier/" + s + ".md", Text: []byte(w.b.String()), lines: w.labels}, nil
}

// writer builds the file a line at a time, remembering each line's field.
type writer struct {
	b      strings.Builder
	labels []string
}

func (w *writer) line(id, text string) {
	w.b.WriteString(text)
	w.b.WriteByte('\n')
	label := ""
	if id != "" {
		label = field(id).Label
	}
	w.labels = append(w.labels, label)
}

type source struct{ title, publisher, date, url string }

// parseSources reads one source a line: title; publisher; date; link, the
// date and the link recognised by their form wherever they stand.
func parseSources(answer string) ([]source, []string) {
	var out []source
	var probs []string
	n := 0
	for _, l := range strings.Split(answer, "\n") {
		l = strings.TrimSpace(l)
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(l, "- "), "* "))
		if l == "" {
			continue
		}
		n++
		var s source
		var text []string
		for _, part := range strings.Split(l, ";") {
			part = strings.TrimSpace(part)
			switch {
			case part == "":
			case strings.HasPrefix(part, "https://") || strings.HasPrefix(part, "http://"):
				s.url = strings.Trim(part, "<>")
			case validDate(part):
				s.date = part
			default:
				text = append(text, part)
			}
		}
		switch len(text) {
		case 0:
			probs = append(probs, fmt.Sprintf("källa %d (%s) har ingen titel eller utgivare; skriv titel; utgivare; datum; länk", n, clip(l)))
			continue
		case 1:
			probs = append(probs, fmt.Sprintf("källa %d (%s) saknar utgivare; skriv utgivaren efter titeln, avskild med semikolon: titel; utgivare; datum; länk", n, clip(l)))
			continue
		}
		s.title = strings.Join(text[:len(text)-1], "; ")
		s.publisher = text[len(text)-1]
		out = append(out, s)
	}
	return out, probs
}

// splitList splits a dropdown's answers, "A, B".
func splitList(answer string) []string {
	var out []string
	for _, s := range strings.Split(oneLine(answer), ", ") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// splitTags splits keywords at commas, in lower case, each once.
func splitTags(answer string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range strings.Split(oneLine(answer), ",") {
		s = strings.ToLower(strings.TrimSpace(s))
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// oneLine joins an answer's lines and spaces into single spaces and drops
// control characters.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func validDate(s string) bool {
	if !dateRE.MatchString(s) {
		return false
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// quote writes s as a YAML double-quoted scalar. Go's quoting escapes ", \
// and every control or invisible character with escapes YAML shares
// (\n, \t, \x, \u); everything else stays as written.
func quote(s string) string { return strconv.Quote(s) }

func quoteYAMLAll(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = quote(s)
	}
	return out
}

func quoteAll(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = `"` + s + `"`
	}
	return out
}

// periodOr turns a "did you mean" suffix into the end of a sentence.
func periodOr(didYouMean string) string {
	if didYouMean == "" {
		return "."
	}
	return didYouMean
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
