package render

import (
	"bytes"
	"sync"
)

// minifyBody appends to dst a page's Markdown body (goldmark's HTML) as the
// page's HTML minifier (newMinifier) writes it inside a block element, and
// reports whether it could. It knows the minifier's rules only for the plain
// HTML most bodies are: paragraphs, headings, lists, quotes, tables, links
// and emphasis, text with no character reference and single spaces or
// newlines, attribute values with no space, quote or reference. A body
// with anything else (a code block, image, footnote, "&lt;") is
// left to the minifier: minifyBody returns false, and the body is
// minified in its page as before.
//
// Within that subset the minifier keeps every byte but whitespace, which
// it drops where this function does: after a block tag, and before one
// when nothing but inline end tags stands between. A body that begins with
// a block start tag and ends with a block end tag is minified inside a
// block element as it is alone, which is why its minified form can be
// spliced into the minified page (fragments.go); TestMinifyBodyAsMinifier
// and FuzzMinifyBody compare every body it accepts with the minifier's
// output.
func minifyBody(dst, body []byte) ([]byte, bool) {
	tp := bodyTokenSlices.Get().(*[]bodyToken)
	defer bodyTokenSlices.Put(tp)
	toks, ok := bodyTokens((*tp)[:0], body)
	*tp = toks[:0]
	if !ok || len(toks) == 0 {
		return dst, false
	}
	first, last := toks[0], toks[len(toks)-1]
	if first.kind == bodyText {
		first = toks[min(1, len(toks)-1)]
	}
	if last.kind == bodyText {
		last = toks[max(0, len(toks)-2)]
	}
	if first.kind != bodyStart || !first.block || last.kind != bodyEnd || !last.block {
		return dst, false
	}
	omit := true // the next leading whitespace is dropped, as after the block tag around the body
	for i, t := range toks {
		switch t.kind {
		case bodyText:
			d := t.data
			if omit && isSpace(d[0]) {
				d = d[1:]
			}
			omit = false
			if len(d) == 0 {
				omit = true
			} else if isSpace(d[len(d)-1]) {
				// Trailing whitespace goes when a block tag follows with only
				// inline end tags and whitespace between; a start tag of an
				// inline element or text keeps it.
				omit = true
				for j := i + 1; ; j++ {
					if j-i > 64 { // the minifier looks at most 100 tokens ahead
						return dst, false
					}
					if j == len(toks) {
						return dst, false // cannot happen: the body ends with a block tag
					}
					n := toks[j]
					if n.kind == bodyText {
						if len(n.data) == 1 && isSpace(n.data[0]) {
							continue
						}
						break
					}
					if n.block {
						d = d[:len(d)-1]
						omit = false
						break
					}
					if n.kind == bodyStart {
						break
					}
				}
			}
			dst = append(dst, d...)
		case bodyStart:
			if t.block {
				omit = true
			}
			dst = append(dst, t.data...)
			// An empty inline element such as <em></em> keeps the space after it.
			if t.normal && i+1 < len(toks) && toks[i+1].kind == bodyEnd && bytes.Equal(toks[i+1].name, t.name) {
				omit = false
			}
		case bodyEnd:
			if t.block {
				omit = true
			}
			dst = append(dst, t.data...)
		}
	}
	return dst, true
}

const (
	bodyText = iota
	bodyStart
	bodyEnd
)

type bodyToken struct {
	kind   int
	data   []byte // the text, or the whole tag
	name   []byte // the tag's name
	block  bool   // the minifier drops whitespace around it
	normal bool   // a phrasing element whose empty form keeps the space after it
}

// bodyTags are the elements minifyBody knows, with the minifier's traits:
// block (whitespace around them is dropped) or normal (phrasing).
var bodyTags = map[string]struct{ block, normal bool }{
	"p": {block: true}, "h1": {block: true}, "h2": {block: true}, "h3": {block: true},
	"h4": {block: true}, "h5": {block: true}, "h6": {block: true},
	"ul": {block: true}, "ol": {block: true}, "li": {block: true}, "blockquote": {block: true},
	"dl": {block: true}, "dt": {block: true}, "dd": {block: true}, "hr": {block: true},
	"table": {block: true}, "thead": {block: true}, "tbody": {block: true}, "tr": {block: true},
	"th": {block: true}, "td": {block: true},
	"em": {normal: true}, "strong": {normal: true}, "code": {normal: true},
	"a": {}, "del": {}, // neither block nor phrasing by the minifier's table
}

// bodyAttrs are the attributes minifyBody knows; none of them is one the
// minifier drops when empty, rewrites, or writes without a value, given
// the values bodyTokens accepts. A style, which the minifier passes
// through its CSS minifier, only as goldmark writes a table column's
// alignment.
var bodyAttrs = map[string]bool{"id": true, "href": true, "title": true, "start": true, "style": true}

var bodyStyles = map[string]bool{"text-align:left": true, "text-align:center": true, "text-align:right": true}

// bodyTextStop marks the bytes of text minifyBody looks at twice: a space
// or newline (accepted alone), and what it refuses: '&', which starts a
// character reference, other whitespace and control characters.
var bodyTextStop = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t[' '], t['&'], t[0x7f] = true, true, true
	return t
}()

var bodyTokenSlices = sync.Pool{New: func() any { return new([]bodyToken) }}

// bodyTokens appends to toks body's text and tags, or reports false when it
// holds anything outside minifyBody's subset.
func bodyTokens(toks []bodyToken, body []byte) ([]bodyToken, bool) {
	for len(body) > 0 {
		if body[0] != '<' {
			n := bytes.IndexByte(body, '<')
			if n < 0 {
				n = len(body)
			}
			text := body[:n]
			for k, c := range text {
				if bodyTextStop[c] && (c != ' ' && c != '\n' || k > 0 && (text[k-1] == ' ' || text[k-1] == '\n')) {
					return toks, false // a reference, a control character, or whitespace the minifier collapses
				}
			}
			toks = append(toks, bodyToken{kind: bodyText, data: text})
			body = body[n:]
			continue
		}
		end := bytes.IndexByte(body, '>')
		if end < 0 {
			return toks, false
		}
		tag := body[:end+1]
		body = body[end+1:]
		t := bodyToken{kind: bodyStart, data: tag}
		s := tag[1:end]
		if len(s) > 0 && s[0] == '/' {
			t.kind = bodyEnd
			s = s[1:]
		}
		n := 0
		for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= '0' && s[n] <= '9') {
			n++
		}
		traits, ok := bodyTags[string(s[:n])]
		if !ok {
			return toks, false
		}
		t.name, t.block, t.normal = s[:n], traits.block, traits.normal
		s = s[n:]
		if t.kind == bodyEnd && len(s) > 0 {
			return toks, false
		}
		for len(s) > 0 { // attributes: ` name="value"`
			if s[0] != ' ' {
				return toks, false
			}
			s = s[1:]
			eq := bytes.Index(s, []byte(`="`))
			if eq < 0 || !bodyAttrs[string(s[:eq])] {
				return toks, false
			}
			name := s[:eq]
			s = s[eq+2:]
			q := bytes.IndexByte(s, '"')
			if q <= 0 {
				return toks, false // no end, or empty
			}
			val := s[:q]
			for _, c := range val {
				if c <= ' ' || c == '&' || c == '\'' || c == '<' || c == '>' || c == '`' || c == 0x7f {
					return toks, false
				}
			}
			if string(name) == "href" && !plainURL(val) || string(name) == "style" && !bodyStyles[string(val)] {
				return toks, false
			}
			s = s[q+1:]
		}
		toks = append(toks, t)
	}
	return toks, true
}

// plainURL reports whether the minifier writes an href as it is: it
// lower-cases an "HTTP:" scheme and rewrites data: URLs.
func plainURL(v []byte) bool {
	if len(v) > 5 && bytes.EqualFold(v[:4], []byte("http")) {
		return string(v[:4]) == "http" && v[4] != 'S'
	}
	return !(len(v) > 5 && bytes.EqualFold(v[:5], []byte("data:")))
}

// isSpace is the minifier's whitespace.
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' }
