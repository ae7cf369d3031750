// Package yamldoc reads the YAML that editors write (front matter,
// site.yaml, omraden.yaml) strictly and with positions, so every problem can
// be reported as path:line:col with a way to fix it.
//
// yaml.v3's KnownFields decoding stops at the first unknown key and gives no
// column; walking the yaml.Node tree instead lets one pass report every
// unknown key, every wrong type and every bad value at once.
package yamldoc

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"kunskapsbanken/generator/internal/diag"
)

// Reader reads one YAML document and reports problems into Diags.
type Reader struct {
	Path       string     // the file, for messages
	LineOffset int        // added to YAML line numbers: the file line of the YAML's first line, minus one
	Diags      *diag.List // where problems go
}

// Field is one key of a mapping with its value.
type Field struct {
	Key   string
	KeyAt *yaml.Node
	Value *yaml.Node
}

// Item is one string of a list, with where it stands in the file.
type Item struct {
	Value     string
	Line, Col int // file position
	Node      *yaml.Node
}

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse parses src and returns its top-level mapping, or nil after reporting
// why there is none. An empty document is an empty mapping.
func (r *Reader) Parse(src []byte) *yaml.Node {
	if root, ok := parseFast(src); ok {
		return root
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, col, msg := 1, 1, err.Error()
		if m := lineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		if text, ok := lineOf(src, line); ok {
			if i := strings.IndexByte(text, '\t'); i >= 0 {
				col = utf8.RuneCountInString(text[:i]) + 1
				r.Diags.Errorf(r.Path, line+r.LineOffset, col, "tabbtecken i YAML: indrag får bara göras med mellanslag; byt tabben mot mellanslag")
				return nil
			}
		}
		r.Diags.Errorf(r.Path, line+r.LineOffset, col, "%s", explain(msg))
		return nil
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		r.Errorf(root, "väntade nyckel: värde-rader (till exempel title: \"Rubrik\"), inte %s", kindName(root))
		return nil
	}
	return root
}

// explain turns yaml.v3's parser messages into advice an editor can act on.
func explain(msg string) string {
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return "YAML kunde inte läsas: ett värde med kolon måste stå inom citattecken, till exempel title: \"Lund: digitala lås\""
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-' indicator"):
		return "YAML kunde inte läsas: indraget stämmer inte; nycklar på samma nivå ska börja i samma kolumn"
	case strings.Contains(msg, "found unexpected end of stream"), strings.Contains(msg, "did not find expected"):
		return "YAML kunde inte läsas: ett citattecken, en hakparentes [ eller en klammer { stängs aldrig"
	case strings.Contains(msg, "found character that cannot start any token"):
		return "YAML kunde inte läsas: ett värde börjar med ett tecken som YAML reserverar (till exempel @ eller `); sätt värdet inom citattecken"
	}
	return "YAML kunde inte läsas (" + msg + "); kontrollera indrag, kolon och citattecken"
}

func lineOf(src []byte, line int) (string, bool) {
	for n := 1; ; n++ {
		i := strings.IndexByte(string(src), '\n')
		if n == line {
			if i < 0 {
				return string(src), true
			}
			return string(src[:i]), true
		}
		if i < 0 {
			return "", false
		}
		src = src[i+1:]
	}
}

// Pos returns the file position of n.
func (r *Reader) Pos(n *yaml.Node) (line, col int) { return n.Line + r.LineOffset, n.Column }

// Errorf reports an error at n.
func (r *Reader) Errorf(n *yaml.Node, format string, args ...any) {
	line, col := r.Pos(n)
	r.Diags.Errorf(r.Path, line, col, format, args...)
}

// Fields returns the keys of mapping m. Keys not in known are reported with
// the closest known key; repeated keys are reported and the first one kept.
func (r *Reader) Fields(m *yaml.Node, known []string) []Field {
	var out []Field
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			r.Errorf(k, "en nyckel ska vara ett ord, till exempel title")
			continue
		}
		if prev, ok := seen[k.Value]; ok {
			line, _ := r.Pos(prev)
			r.Errorf(k, "nyckeln %q står redan på rad %d; ta bort den ena", k.Value, line)
			continue
		}
		seen[k.Value] = k
		if !contains(known, k.Value) {
			r.Errorf(k, "okänd nyckel %q%s", k.Value, orKnown(k.Value, known))
			continue
		}
		out = append(out, Field{Key: k.Value, KeyAt: k, Value: v})
	}
	return out
}

func orKnown(key string, known []string) string {
	if s := diag.DidYouMean(key, known); s != "" {
		return s
	}
	return "; tillåtna nycklar är " + strings.Join(known, ", ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "en lista"
	case yaml.MappingNode:
		return "nyckel: värde-rader"
	case yaml.AliasNode:
		return "ett alias"
	}
	if n.Tag == "!!null" {
		return "ett tomt värde"
	}
	return "ett enkelt värde"
}

// String returns a non-empty text value of at most maxRunes characters (0:
// no limit).
func (r *Reader) String(f Field, maxRunes int) (string, bool) {
	v := f.Value
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		r.Errorf(v, "%s ska vara en text, inte %s", f.Key, kindName(v))
		return "", false
	}
	s := strings.TrimSpace(v.Value)
	if s == "" {
		r.Errorf(v, "%s är tom; skriv en text eller ta bort nyckeln", f.Key)
		return "", false
	}
	if n := utf8.RuneCountInString(s); maxRunes > 0 && n > maxRunes {
		r.Errorf(v, "%s har %d tecken men får ha högst %d; korta texten", f.Key, n, maxRunes)
		return s, false
	}
	return s, true
}

// Strings returns a list of texts. A single text is accepted as a list of one.
func (r *Reader) Strings(f Field) ([]Item, bool) {
	v := f.Value
	if v.Kind == yaml.ScalarNode && v.Tag != "!!null" && strings.TrimSpace(v.Value) != "" {
		return []Item{r.item(v)}, true
	}
	if v.Kind != yaml.SequenceNode {
		r.Errorf(v, "%s ska vara en lista, till exempel %s: [a, b]", f.Key, f.Key)
		return nil, false
	}
	var out []Item
	ok := true
	for _, e := range v.Content {
		if e.Kind != yaml.ScalarNode || e.Tag == "!!null" || strings.TrimSpace(e.Value) == "" {
			r.Errorf(e, "varje värde i %s ska vara en text, inte %s", f.Key, kindName(e))
			ok = false
			continue
		}
		out = append(out, r.item(e))
	}
	return out, ok
}

func (r *Reader) item(n *yaml.Node) Item {
	line, col := r.Pos(n)
	return Item{Value: strings.TrimSpace(n.Value), Line: line, Col: col, Node: n}
}

// Date is a calendar date.
type Date struct{ time.Time }

// Format used by CONTENT.md and by the site's machine-readable dates.
const DateLayout = "2006-01-02"

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	return Date{t}, err
}

// Date returns a YYYY-MM-DD date.
func (r *Reader) Date(f Field) (Date, bool) {
	v := f.Value
	if v.Kind != yaml.ScalarNode {
		r.Errorf(v, "%s ska vara ett datum som 2020-06-01, inte %s", f.Key, kindName(v))
		return Date{}, false
	}
	d, err := ParseDate(strings.TrimSpace(v.Value))
	if err != nil {
		r.Errorf(v, "%s: %q är inget datum; skriv år-månad-dag, till exempel 2020-06-01", f.Key, v.Value)
		return Date{}, false
	}
	return d, true
}

// URL returns an absolute http or https URL.
func (r *Reader) URL(f Field) (string, bool) {
	v, ok := r.String(f, 0)
	if !ok {
		return "", false
	}
	if u, err := url.Parse(v); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		r.Errorf(f.Value, "%s ska vara en fullständig webbadress som börjar med https://", f.Key)
		return "", false
	}
	return v, true
}

// Bool returns true or false.
func (r *Reader) Bool(f Field) (bool, bool) {
	v := f.Value
	if v.Kind == yaml.ScalarNode {
		switch v.Value {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	r.Errorf(v, "%s ska vara true eller false", f.Key)
	return false, false
}

// Mapping checks that f's value is a mapping and returns it.
func (r *Reader) Mapping(f Field) (*yaml.Node, bool) {
	if f.Value.Kind != yaml.MappingNode {
		r.Errorf(f.Value, "%s ska vara nyckel: värde-rader, inte %s", f.Key, kindName(f.Value))
		return nil, false
	}
	return f.Value, true
}

// Sequence checks that f's value is a list and returns its elements.
func (r *Reader) Sequence(f Field) ([]*yaml.Node, bool) {
	if f.Value.Kind != yaml.SequenceNode {
		r.Errorf(f.Value, "%s ska vara en lista där varje post börjar med -", f.Key)
		return nil, false
	}
	return f.Value.Content, true
}

// Require reports each key of required that fields lack, at at (the
// mapping, or the first line of the block).
func (r *Reader) Require(fields []Field, at *yaml.Node, required ...string) {
	have := map[string]bool{}
	for _, f := range fields {
		have[f.Key] = true
	}
	for _, k := range required {
		if !have[k] {
			r.Errorf(at, "nyckeln %s saknas men krävs; lägg till %s: …", k, k)
		}
	}
}
