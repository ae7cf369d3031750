package render

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"kunskapsbanken/generator/internal/site"
)

// openDataJSON is the open data as encoding/json's Encoder writes it with
// SetEscapeHTML(false) and SetIndent("", " "), but written field by field:
// the encoder, over every case study (12 MB at 10,000 pages), spent most
// of its time in reflection and in indenting its own compact output a
// second time. TestOpenDataAsEncodingJSON and FuzzOpenDataJSON hold the
// two to the same bytes.
func openDataJSON(s *site.Site) ([]byte, error) {
	return appendOpenData(nil, OpenData{Version: 1, Site: s.Config.Title, License: "CC0-1.0", CaseStudies: openCases(s)})
}

func appendOpenData(b []byte, d OpenData) ([]byte, error) {
	w := jsonWriter{b: b}
	w.open('{')
	w.key("version")
	w.b = strconv.AppendInt(w.b, int64(d.Version), 10)
	w.keyString("site", d.Site)
	w.keyString("license", d.License)
	keyList(&w, "fallstudier", d.CaseStudies, w.openCase)
	w.close('}')
	w.b = append(w.b, '\n')
	return w.b, w.err
}

func (w *jsonWriter) openCase(c *OpenCase) {
	w.open('{')
	w.keyString("id", c.ID)
	w.keyString("url", c.URL)
	w.keyString("title", c.Title)
	w.keyString("summary", c.Summary)
	if c.Municipality != nil {
		w.key("municipality")
		w.place(c.Municipality)
	}
	if c.County != nil {
		w.key("county")
		w.place(c.County)
	}
	w.keyStringOmit("region", c.Region)
	w.keyStrings("organisations", c.Organisations)
	keyList(w, "areas", c.Areas, func(a *OpenArea) {
		w.open('{')
		w.keyString("id", a.ID)
		w.keyString("label", a.Label)
		w.close('}')
	})
	w.keyString("status", c.Status)
	w.keyString("statusLabel", c.StatusLabel)
	w.keyStringOmit("started", c.Started)
	w.keyString("published", c.Published)
	w.keyStringOmit("updated", c.Updated)
	w.keyStrings("tags", c.Tags)
	w.keyStrings("initiatives", c.Initiatives)
	keyList(w, "sources", c.Sources, func(s *OpenSource) {
		w.open('{')
		w.keyString("title", s.Title)
		w.keyString("publisher", s.Publisher)
		w.keyStringOmit("date", s.Date)
		w.keyStringOmit("url", s.URL)
		w.close('}')
	})
	keyList(w, "lessons", c.Lessons, func(l *OpenLesson) {
		w.open('{')
		w.keyString("text", l.Text)
		w.keyStringOmit("kind", l.Kind)
		w.keyStringOmit("kindLabel", l.KindLabel)
		w.close('}')
	})
	keyList(w, "effects", c.Effects, func(e *OpenEffect) {
		w.open('{')
		w.keyString("text", e.Text)
		if e.Value != nil {
			w.key("value")
			w.float(*e.Value)
		}
		w.keyStringOmit("unit", e.Unit)
		w.keyStringOmit("period", e.Period)
		w.keyStringOmit("basis", e.Basis)
		w.close('}')
	})
	if pr := c.Procurement; pr != nil {
		w.key("procurement")
		w.open('{')
		w.keyString("supplier", pr.Supplier)
		w.keyStringOmit("product", pr.Product)
		w.keyStringOmit("form", pr.Form)
		w.keyStringOmit("formLabel", pr.FormLabel)
		if pr.Year != 0 {
			w.key("year")
			w.b = strconv.AppendInt(w.b, int64(pr.Year), 10)
		}
		w.close('}')
	}
	w.close('}')
}

func (w *jsonWriter) place(p *OpenPlace) {
	w.open('{')
	w.keyString("code", p.Code)
	w.keyString("name", p.Name)
	w.close('}')
}

// jsonWriter lays JSON out as json.Indent does with prefix "" and indent
// " ": a member or element on its own line, indented one space a level,
// and an empty object or array as {} or [].
type jsonWriter struct {
	b     []byte
	depth int
	empty bool // the object or array just opened has no member yet
	err   error
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.b = append(w.b, c)
	w.empty = false
}

// next begins a member or an element.
func (w *jsonWriter) next() {
	if !w.empty {
		w.b = append(w.b, ',')
	}
	w.empty = false
	w.newline()
}

func (w *jsonWriter) newline() {
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, ' ')
	}
}

// key begins a member; name is one of ours, which JSON needs no escape in.
func (w *jsonWriter) key(name string) {
	w.next()
	w.b = append(w.b, '"')
	w.b = append(w.b, name...)
	w.b = append(w.b, `": `...)
}

func (w *jsonWriter) keyString(name, s string) {
	w.key(name)
	w.string(s)
}

// keyStringOmit is a string field tagged omitempty.
func (w *jsonWriter) keyStringOmit(name, s string) {
	if s != "" {
		w.keyString(name, s)
	}
}

func (w *jsonWriter) keyStrings(name string, list []string) {
	keyList(w, name, list, func(s *string) { w.string(*s) })
}

// keyList writes the member name: list, each element by elem, or null
// for a nil list, as encoding/json writes a slice.
func keyList[T any](w *jsonWriter, name string, list []T, elem func(*T)) {
	w.key(name)
	if list == nil {
		w.b = append(w.b, "null"...)
		return
	}
	w.open('[')
	for i := range list {
		w.next()
		elem(&list[i])
	}
	w.close(']')
}

// string writes s as it is between quotes when encoding/json would escape
// none of it (most text), and otherwise as encoding/json writes it.
func (w *jsonWriter) string(s string) {
	if jsonPlain(s) {
		w.b = append(w.b, '"')
		w.b = append(w.b, s...)
		w.b = append(w.b, '"')
		return
	}
	w.encode(s)
}

func (w *jsonWriter) float(f float64) { w.encode(f) }

// encode writes v by encoding/json itself, for what is rare: a string with
// something to escape, a number.
func (w *jsonWriter) encode(v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil && w.err == nil {
		w.err = err
	}
	w.b = append(w.b, bytes.TrimSuffix(b.Bytes(), []byte{'\n'})...)
}

// jsonPlain reports whether encoding/json, not escaping HTML, writes s
// unchanged: no control character, quote or backslash, valid UTF-8, and
// no U+2028 or U+2029 (which it escapes for JavaScript).
func jsonPlain(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == '"' || c == '\\':
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if ascii {
		return true
	}
	if !utf8.ValidString(s) {
		return false
	}
	for i := 0; i+2 < len(s); i++ {
		// U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
		if s[i] == 0xE2 && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
			return false
		}
	}
	return true
}
