package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// inline handles n, an inline node, and its descendants in tree order:
// internal link and image destinations go through the Resolver and are
// recorded, images are checked for alt text, and bare URLs are recorded as
// external links. Autolinks are left alone: they always carry a scheme.
func (st *docState) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Link:
		n.Destination = st.destination(n, n.Destination, false)
	case *ast.Image:
		n.Destination = st.destination(n, n.Destination, true)
		// What is inside an image is only its alt text: links and
		// images there are never rendered as such.
		return
	case *ast.AutoLink:
		if u := string(n.URL(st.src)); n.AutoLinkType == ast.AutoLinkURL && isWeb(u) {
			off := n.Pos()
			if off < 0 || off >= len(st.src) {
				off = searchFrom(n, st.src)
			}
			st.links = append(st.links, linkRec{off: off, dest: u, url: u, external: true})
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		st.inline(c)
	}
}

// destination handles one link or image and returns the destination to render.
func (st *docState) destination(n ast.Node, raw []byte, image bool) []byte {
	off := linkStart(n, st.src)
	dest := string(decodeDestination(raw))
	out := raw
	if isWeb(dest) {
		st.links = append(st.links, linkRec{off: off, dest: dest, url: dest, image: image, external: true})
	}
	if !isExternal(dest) && !strings.HasPrefix(dest, "#") {
		url := dest
		if st.res != nil {
			var problem string
			url, problem = st.res.Resolve(dest, image)
			out = encodeDestination(url)
			if problem != "" {
				st.problem(off, problem)
			} else if image {
				st.sizeImage(n, dest)
			}
		}
		st.links = append(st.links, linkRec{off: off, dest: dest, url: url, image: image})
	}
	if image && strings.TrimSpace(plainText(n, st.src)) == "" {
		st.problem(off, `bilden "`+dest+`" saknar alternativtext; beskriv bilden mellan hakparenteserna, till exempel ![Två undersköterskor vid en läkemedelsautomat](`+dest+`)`)
	}
	return out
}

// decodeDestination resolves what Markdown allows inside a destination
// (backslash escapes, character references), exactly as goldmark does before
// writing it. Deciding "external or not" on the decoded form means
// "&#106;avascript:" is seen for what it is.
func decodeDestination(raw []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(raw)))
}

// encodeDestination protects a resolved URL from that same decoding, which
// goldmark applies again when it renders, so the URL arrives unchanged.
func encodeDestination(url string) []byte {
	if strings.ContainsAny(url, `\&`) {
		url = strings.NewReplacer(`\`, `\\`, `&`, `&amp;`).Replace(url)
	}
	return []byte(url)
}

// isWeb reports whether dest is an http or https URL, which an external
// link check can follow.
func isWeb(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://")
}

// isExternal reports whether dest starts with a URL scheme (RFC 3986:
// a letter, then letters, digits, "+", "-" or ".", then ":") or is
// protocol-relative ("//host/...").
func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}
