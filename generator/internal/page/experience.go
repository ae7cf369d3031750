package page

import (
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/yamldoc"
)

// What a case study learnt, as data: the optional keys lessons, effects
// and procurement (CONTENT.md, "Lessons, effects and procurement"). Each
// is checked here like the other keys; the site stage gathers lessons per
// area and municipality, and who bought what per area.

// Limits of CONTENT.md.
const (
	MaxLesson = 200 // a lesson, and an effect's text
	MaxUnit   = 40  // an effect's unit and period
	MaxName   = 100 // a supplier's or product's name
)

// Lesson is one statement of what was learnt.
type Lesson struct {
	Text string
	Kind LessonKind // "" when not marked
}

// LessonKind says whether a lesson is what worked, what did not, or advice.
type LessonKind string

// LessonKinds in the order pages group lessons.
var LessonKinds = []LessonKind{"worked", "did-not-work", "advice"}

// Label returns the Swedish heading of a kind of lesson ("" for lessons
// not marked).
func (k LessonKind) Label() string {
	switch k {
	case "worked":
		return "Det här fungerade"
	case "did-not-work":
		return "Det här fungerade inte"
	case "advice":
		return "Råd till andra"
	}
	return "Fler lärdomar"
}

// Effect is one outcome, with a number when it was measured or estimated.
type Effect struct {
	Text     string
	Value    float64
	HasValue bool
	Unit     string // "timmar", "fall", "besök"
	Period   string // "per natt", "per år"
	Basis    Basis  // "" when not said
}

// Basis says how an effect's number was arrived at.
type Basis string

// Bases an effect may have.
var Bases = []Basis{"measured", "estimated"}

// Label returns the Swedish word for a basis.
func (b Basis) Label() string {
	switch b {
	case "measured":
		return "mätt"
	case "estimated":
		return "uppskattat"
	}
	return ""
}

// ValueText is the effect's number as Swedes write it: a decimal comma,
// no trailing zeros ("1,5", "120").
func (e Effect) ValueText() string {
	if !e.HasValue {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(e.Value, 'f', -1, 64), ".", ",", 1)
}

// Procurement is how a case study's technology was bought.
type Procurement struct {
	Supplier string
	Product  string
	Form     ProcurementForm // "" when not said
	Year     int             // 0 when not said
}

// ProcurementForm is how something was bought.
type ProcurementForm string

// ProcurementForms are the forms CONTENT.md lists, in its order.
var ProcurementForms = []ProcurementForm{"own-procurement", "framework-call-off", "direct-award", "pilot-agreement", "other"}

// Label returns the Swedish name of a procurement form.
func (f ProcurementForm) Label() string {
	switch f {
	case "own-procurement":
		return "Egen upphandling"
	case "framework-call-off":
		return "Avrop från ramavtal"
	case "direct-award":
		return "Direktupphandling"
	case "pilot-agreement":
		return "Pilotavtal"
	case "other":
		return "Annat sätt"
	}
	return ""
}

func names[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = string(x)
	}
	return out
}

// oneOf reads a value that must be one of allowed, with "did you mean" and
// the whole list, with the Swedish labels, in the message.
func oneOf[T interface {
	~string
	Label() string
}](r *yamldoc.Reader, f yamldoc.Field, allowed []T, what string) (T, bool) {
	s, ok := r.String(f, 0)
	if !ok {
		return "", false
	}
	all := names(allowed)
	i := slices.Index(all, s)
	if i < 0 {
		listed := make([]string, len(allowed))
		for i, x := range allowed {
			listed[i] = string(x) + " (" + strings.ToLower(x.Label()) + ")"
		}
		r.Errorf(f.Value, "okänt värde %q för %s%s; %s är en av %s", s, f.Key, diag.DidYouMean(s, all), what, strings.Join(listed, ", "))
		return "", false
	}
	return allowed[i], true // the constant's string, not the page's copy
}

func parseLessons(r *yamldoc.Reader, f yamldoc.Field) []Lesson {
	items, ok := r.Sequence(f)
	if !ok {
		return nil
	}
	var out []Lesson
	for _, item := range items {
		// A lesson is a text, or text: and kind: when it is marked.
		if item.Kind == yaml.ScalarNode {
			if s, ok := r.String(yamldoc.Field{Key: "lärdomen", Value: item}, MaxLesson); ok {
				out = append(out, Lesson{Text: s})
			}
			continue
		}
		m, ok := r.Mapping(yamldoc.Field{Key: "varje lärdom i lessons", Value: item})
		if !ok {
			continue
		}
		fields := r.Fields(m, []string{"text", "kind"})
		r.Require(fields, m, "text")
		var l Lesson
		good := true
		for _, fl := range fields {
			switch fl.Key {
			case "text":
				var ok bool
				l.Text, ok = r.String(fl, MaxLesson)
				good = good && ok
			case "kind":
				var ok bool
				l.Kind, ok = oneOf(r, fl, LessonKinds, "kind")
				good = good && ok
			}
		}
		if good && l.Text != "" {
			out = append(out, l)
		}
	}
	return out
}

func parseEffects(r *yamldoc.Reader, f yamldoc.Field) []Effect {
	items, ok := r.Sequence(f)
	if !ok {
		return nil
	}
	var out []Effect
	for _, item := range items {
		if item.Kind == yaml.ScalarNode {
			if s, ok := r.String(yamldoc.Field{Key: "effekten", Value: item}, MaxLesson); ok {
				out = append(out, Effect{Text: s})
			}
			continue
		}
		m, ok := r.Mapping(yamldoc.Field{Key: "varje effekt i effects", Value: item})
		if !ok {
			continue
		}
		fields := r.Fields(m, []string{"text", "value", "unit", "period", "basis"})
		r.Require(fields, m, "text")
		var e Effect
		good := true
		for _, fl := range fields {
			var ok bool
			switch fl.Key {
			case "text":
				e.Text, ok = r.String(fl, MaxLesson)
			case "value":
				e.Value, ok = number(r, fl)
				e.HasValue = ok
			case "unit":
				e.Unit, ok = r.String(fl, MaxUnit)
			case "period":
				e.Period, ok = r.String(fl, MaxUnit)
			case "basis":
				e.Basis, ok = oneOf(r, fl, Bases, "basis")
			}
			good = good && ok
		}
		if e.HasValue && e.Unit == "" && fieldNode(fields, "unit") == nil {
			r.Errorf(fieldNode(fields, "value"), "value behöver en enhet; lägg till till exempel unit: timmar")
			good = false
		}
		if !e.HasValue && fieldNode(fields, "value") == nil {
			for _, k := range []string{"unit", "period", "basis"} {
				if n := fieldNode(fields, k); n != nil {
					r.Errorf(n, "%s gäller ett värde; lägg till value: med talet, eller ta bort %s", k, k)
					good = false
				}
			}
		}
		if good && e.Text != "" {
			out = append(out, e)
		}
	}
	return out
}

// number reads a number written as YAML writes one (120, 1.5).
func number(r *yamldoc.Reader, f yamldoc.Field) (float64, bool) {
	v := f.Value
	if v.Kind == yaml.ScalarNode && (v.Tag == "!!int" || v.Tag == "!!float") {
		if x, err := strconv.ParseFloat(strings.ReplaceAll(v.Value, "_", ""), 64); err == nil {
			return x, true
		}
	}
	hint := ""
	if v.Kind == yaml.ScalarNode && strings.Contains(v.Value, ",") {
		hint = " (decimaler skrivs med punkt: 1.5)"
	}
	r.Errorf(v, "%s ska vara ett tal, till exempel %s: 120%s; enheten skrivs i unit", f.Key, f.Key, hint)
	return 0, false
}

func parseProcurement(r *yamldoc.Reader, f yamldoc.Field) *Procurement {
	m, ok := r.Mapping(f)
	if !ok {
		return nil
	}
	fields := r.Fields(m, []string{"supplier", "product", "form", "year"})
	r.Require(fields, m, "supplier")
	var p Procurement
	good := true
	for _, fl := range fields {
		var ok bool
		switch fl.Key {
		case "supplier":
			p.Supplier, ok = r.String(fl, MaxName)
		case "product":
			p.Product, ok = r.String(fl, MaxName)
		case "form":
			p.Form, ok = oneOf(r, fl, ProcurementForms, "form")
		case "year":
			var s string
			if s, ok = r.String(fl, 0); ok {
				if !yearRE.MatchString(s) {
					r.Errorf(fl.Value, "year: %q är inget år; skriv året då det köptes, till exempel year: 2019", s)
					ok = false
				} else {
					p.Year, _ = strconv.Atoi(s)
				}
			}
		}
		good = good && ok
	}
	if !good || p.Supplier == "" {
		return nil
	}
	return &p
}
