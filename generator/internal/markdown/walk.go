package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// treeTransformer collects everything Render returns besides the HTML in
// one walk over the final tree: headings (given their ids), links and images
// (through the Resolver), and the plain text for search, one line per block
// that holds text (paragraph, heading, list item, table cell, definition
// term, code block) in tree order, so footnotes come last as they do on the
// page, raw HTML dropped as in the HTML. One walk, not one per concern: the
// three are independent, and the walks cost as much as the work.
type treeTransformer struct{}

func (treeTransformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	if !st.linkify && hasBareURL(doc, st.src) {
		st.bareURL = true
		return
	}
	st.ids = pc.IDs()
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		st.node(c)
	}
}

// node handles n and its descendants in tree order.
func (st *docState) node(n ast.Node) {
	if n.Type() != ast.TypeBlock {
		st.inline(n)
		return
	}
	if h, ok := n.(*ast.Heading); ok {
		st.heading(h)
	}
	switch n.(type) {
	case *ast.HTMLBlock:
		return // raw HTML, and no children
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		st.codeText(n)
		return
	}
	if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
		// A block of text: its whole text is one line, and its
		// descendants are searched for links only.
		st.inlineText(n)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			st.inline(c)
		}
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		st.node(c)
	}
}
