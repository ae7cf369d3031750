package markdown

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// codeText adds the text of a code block: its lines as they are.
func (st *docState) codeText(n ast.Node) {
	st.block = st.block[:0]
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		st.block = append(st.block, seg.Value(st.src)...)
	}
	st.addLine(st.block)
}

// inlineText adds the text of a block that holds inline content.
func (st *docState) inlineText(n ast.Node) {
	st.block = appendInline(st.block[:0], n, st.src)
	st.addLine(st.block)
}

// addLine appends a block's text with its whitespace collapsed, so that a
// line of Text is exactly one block.
func (st *docState) addLine(b []byte) {
	start := len(st.text)
	if start > 0 {
		st.text = append(st.text, '\n')
	}
	sep := len(st.text)
	space := false
	for i := 0; i < len(b); {
		// A word (a run of characters that are not space) is copied in
		// one append, as its bytes are: a valid UTF-8 sequence decodes to
		// the rune that encodes to it. Only the rest is decided byte by
		// byte, and most text is ASCII, whose bytes decode to themselves.
		j := i
		for j < len(b) {
			c := b[j]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRune(b[j:])
			if (r == utf8.RuneError && size == 1) || unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if j > i {
			if space && len(st.text) > sep {
				st.text = append(st.text, ' ')
			}
			space = false
			st.text = append(st.text, b[i:j]...)
			i = j
			continue
		}
		// b[i] begins a space or is not UTF-8.
		if c := b[i]; c < utf8.RuneSelf {
			space = true
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if unicode.IsSpace(r) {
			space = true
			i += size
			continue
		}
		if space && len(st.text) > sep {
			st.text = append(st.text, ' ')
		}
		space = false
		st.text = utf8.AppendRune(st.text, r) // U+FFFD for a byte that is not UTF-8
		i += size
	}
	if len(st.text) == sep {
		st.text = st.text[:start] // nothing but markup or whitespace
	}
}

// asciiSpace are the ASCII bytes unicode.IsSpace reports as space.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\n': true, '\t': true, '\r': true, '\f': true, '\v': true}

// plainText is the text of n's inline content, whitespace collapsed: the
// text of a heading, or an image's alt text.
func plainText(n ast.Node, src []byte) string {
	return strings.Join(strings.Fields(string(appendInline(nil, n, src))), " ")
}

// appendInline appends the text of n's inline descendants the way the HTML
// renderer would show it, minus tags: escapes and character references
// decoded, code verbatim, raw HTML and footnote markers left out.
func appendInline(b []byte, n ast.Node, src []byte) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				b = append(b, c.Segment.Value(src)...)
			} else {
				b = appendUnescaped(b, c.Segment.Value(src))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			if c.IsRaw() {
				b = append(b, c.Value...)
			} else {
				b = appendUnescaped(b, c.Value)
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b = append(b, t.Segment.Value(src)...)
				}
			}
		case *ast.AutoLink:
			b = append(b, c.Label(src)...)
		case *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
			// Not text a reader sees as words of the document.
		default:
			b = appendInline(b, c, src)
		}
	}
	return b
}

// appendUnescaped decodes backslash escapes and character references the
// way goldmark's HTML writer does, but to text instead of HTML.
func appendUnescaped(b, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		// Bytes that are neither a backslash nor an ampersand are copied
		// in runs.
		j := i
		for j < len(s) && s[j] != '\\' && s[j] != '&' {
			j++
		}
		b = append(b, s[i:j]...)
		if i = j; i == len(s) {
			break
		}
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

// referenceEnd returns the end of a character reference ("&amp;", "&#229;",
// "&#xE5;") starting at s[i], or 0. html.UnescapeString decides whether the
// name is known; an unknown one comes back unchanged.
func referenceEnd(s []byte, i int) int {
	for j := i + 1; j < len(s) && j < i+34; j++ {
		c := s[j]
		switch {
		case c == ';':
			if j > i+1 {
				return j + 1
			}
			return 0
		case c == '#' && j == i+1:
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			return 0
		}
	}
	return 0
}
