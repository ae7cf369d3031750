package render

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// jsonWriter writes JSON as encoding/json does: compact, or, when indent,
// laid out as json.Indent does with prefix "" and indent " " (a member or
// element on its own line, indented one space a level, an empty object or
// array as {} or []); with <, > and & escaped in strings when escapeHTML,
// as json.Marshal escapes them.
type jsonWriter struct {
	b          []byte
	indent     bool
	escapeHTML bool
	depth      int
	empty      bool // the object or array just opened has no member yet
	err        error
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
	if !w.indent {
		return
	}
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
	w.b = append(w.b, '"', ':')
	if w.indent {
		w.b = append(w.b, ' ')
	}
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
	if jsonPlain(s, w.escapeHTML) {
		w.b = append(w.b, '"')
		w.b = append(w.b, s...)
		w.b = append(w.b, '"')
		return
	}
	w.encode(s)
}

func (w *jsonWriter) float(f float64) { w.encode(f) }

func (w *jsonWriter) keyInt(name string, n int) {
	w.key(name)
	w.b = strconv.AppendInt(w.b, int64(n), 10)
}

// encode writes v by encoding/json itself, for what is rare: a string with
// something to escape, a number.
func (w *jsonWriter) encode(v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(w.escapeHTML)
	if err := enc.Encode(v); err != nil && w.err == nil {
		w.err = err
	}
	w.b = append(w.b, bytes.TrimSuffix(b.Bytes(), []byte{'\n'})...)
}

// jsonPlain reports whether encoding/json writes s unchanged: no control
// character, quote or backslash, nor <, > or & when it escapes HTML, valid
// UTF-8, and no U+2028 or U+2029 (which it escapes for JavaScript).
func jsonPlain(s string, escapeHTML bool) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == '"' || c == '\\':
			return false
		case escapeHTML && (c == '<' || c == '>' || c == '&'):
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
