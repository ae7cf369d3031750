package markdown

import (
	"bytes"
	"html"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// addLineByRune is addLine as it was written first, rune by rune: the
// reference addLine's runs must match.
func addLineByRune(text, b []byte) []byte {
	start := len(text)
	if start > 0 {
		text = append(text, '\n')
	}
	sep := len(text)
	space := false
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && len(text) > sep {
			text = append(text, ' ')
		}
		space = false
		text = utf8.AppendRune(text, r)
	}
	if len(text) == sep {
		text = text[:start]
	}
	return text
}

// appendUnescapedByByte is appendUnescaped as it was written first, byte
// by byte: the reference appendUnescaped's runs must match.
func appendUnescapedByByte(b, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && util.IsPunct(s[i+1]) {
			b = append(b, s[i+1])
			i++
			continue
		}
		if c == '&' {
			if end := referenceEnd(s, i); end > 0 {
				b = append(b, html.UnescapeString(string(s[i:end]))...)
				i = end - 1
				continue
			}
		}
		b = append(b, c)
	}
	return b
}

var textSeeds = []string{
	"",
	"   ",
	"en rad",
	"  två   ord  ",
	"Malmö\u00a0och\u2003Gävle\u3000slut\u0085.",
	"fel \xc3 byte\xff\xfe och \xef\xbf\xbd",
	"ett\ttab\r\nrad\fsida\vlodrätt",
	`a\*b\\c\d &amp; &#229; &#xE5; &okänd; & ;`,
	"trasig \\",
	"&",
	"\u2028radskiljare\u2029stycke",
}

// addLine collapses whitespace and replaces bytes that are not UTF-8 as
// the rune-by-rune reference does, after any earlier line.
func FuzzAddLine(f *testing.F) {
	for _, s := range textSeeds {
		f.Add("", s)
		f.Add("förra raden", s)
	}
	f.Fuzz(func(t *testing.T, before, line string) {
		st := &docState{text: []byte(before)}
		st.addLine([]byte(line))
		if want := addLineByRune([]byte(before), []byte(line)); !bytes.Equal(st.text, want) {
			t.Errorf("addLine(%q after %q) = %q, want %q", line, before, st.text, want)
		}
	})
}

// appendUnescaped decodes as the byte-by-byte reference does.
func FuzzAppendUnescaped(f *testing.F) {
	for _, s := range textSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendUnescaped([]byte("x"), []byte(s))
		if want := appendUnescapedByByte([]byte("x"), []byte(s)); !bytes.Equal(got, want) {
			t.Errorf("appendUnescaped(%q) = %q, want %q", s, got, want)
		}
	})
}
