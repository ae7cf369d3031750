package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// GFM's linkify makes links of bare URLs and e-mail addresses in the text.
// goldmark calls it at every space, '(', '*', '_' and '~' of every line, and
// it looks for an address there each time: a sixth of the Markdown stage on
// pages that have none. It can only make a link where the text, right after
// such a character or at the start of a line, reads "http://", "https://",
// "ftp://" or "www.", or where the source has an '@'. Where it makes none,
// the document renders the same without it, because returning nothing leaves
// the tree as it was but for where its text nodes are cut. So Render parses
// without linkify when the source shows no place it could act (mayLinkify),
// and checks the tree it gets (hasBareURL); either test failing means the
// document is parsed with linkify, which is always right.

// mayLinkify reports whether linkify might make a link in src, judged from
// the source alone: an '@', or "www." or "://" where linkify could be
// called. A URL in a link's destination, "](https://", is not such a place
// when it is a link, which hasBareURL checks once the tree is built.
func mayLinkify(src []byte) bool {
	if bytes.IndexByte(src, '@') >= 0 {
		return true
	}
	for _, mark := range []string{"www.", "://"} {
		for rest, off := src, 0; ; {
			i := bytes.Index(rest, []byte(mark))
			if i < 0 {
				break
			}
			at := off + i
			if mark == "://" {
				// The scheme: the letters before it.
				for at > 0 && isLetter(src[at-1]) {
					at--
				}
			}
			if at == 0 || !cannotPrecede(src[at-1]) && !inDestination(src, at) {
				return true
			}
			off += i + len(mark)
			rest = src[off:]
		}
	}
	return false
}

// cannotPrecede reports whether linkify can never be called right before c:
// c is neither one of its trigger characters nor one after which a line of
// a block can start (a container's marker, a table's '|').
func cannotPrecede(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '/' || c == '.' || c == ':' || c == '-' || c == '=' || c == '#' || c == '%' || c == '&' || c == '?' || c == '+'
}

// inDestination reports whether src[at:] follows "](", as a link's
// destination does.
func inDestination(src []byte, at int) bool {
	return at >= 2 && src[at-1] == '(' && src[at-2] == ']'
}

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// hasBareURL reports whether some text of the tree, parsed without linkify,
// holds "://" or "www.": where linkify could have begun a link. Every place
// linkify can act is text when it does not act, and the marks are never cut
// between two text nodes (no inline syntax starts at ':', '/', '.' or a
// letter).
func hasBareURL(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			v := t.Segment.Value(src)
			if bytes.Contains(v, []byte("://")) || bytes.Contains(v, []byte("www.")) {
				return true
			}
		} else if hasBareURL(c, src) {
			return true
		}
	}
	return false
}
