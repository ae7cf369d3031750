package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// locator turns byte offsets into 1-based lines and character columns. It
// only moves forward, so a sorted run of offsets costs one pass over the
// source however long its lines are.
type locator struct {
	src       []byte
	off       int
	line, col int
}

func (l *locator) reset() {
	l.off, l.line, l.col = 0, 1, 1
}

func (l *locator) at(off int) (line, col int) {
	if l.line == 0 || off < l.off {
		l.reset()
	}
	off = min(max(off, 0), len(l.src))
	seg := l.src[l.off:off]
	if i := bytes.LastIndexByte(seg, '\n'); i >= 0 {
		l.line += bytes.Count(seg, []byte{'\n'})
		l.col = 1 + utf8.RuneCount(seg[i+1:])
	} else {
		l.col += utf8.RuneCount(seg)
	}
	l.off = off
	return l.line, l.col
}

// linkStart is the offset of a link's '[' or an image's '!'. goldmark
// records it as the node's position; the scan is the fallback for a node
// without one (built by another transformer, or a goldmark that stops
// setting it), so that a problem is still reported near the right place.
func linkStart(n ast.Node, src []byte) int {
	_, image := n.(*ast.Image)
	if p := n.Pos(); p >= 0 && p < len(src) && (src[p] == '!' && image || src[p] == '[' && !image) {
		return p
	}
	return scanLinkStart(n, src, image)
}

func scanLinkStart(n ast.Node, src []byte, image bool) int {
	if inner, ok := firstOffset(n, src); ok {
		// The label's first character follows the '['; scan back to it.
		if i := bytes.LastIndexByte(src[:inner], '['); i >= 0 {
			if image && i > 0 && src[i-1] == '!' {
				return i - 1
			}
			return i
		}
		return inner
	}
	// No text in the label, as in "![](bild.png)": look forward from a
	// point known to be before it and after anything similar.
	from := searchFrom(n, src)
	marker := []byte("[")
	if image {
		marker = []byte("![")
	}
	if i := bytes.Index(src[from:], marker); i >= 0 {
		return from + i
	}
	return from
}

// searchFrom is an offset at or before n's start but after the start of
// every earlier inline of the same block.
func searchFrom(n ast.Node, src []byte) int {
	if prev := n.PreviousSibling(); prev != nil {
		if end, ok := lastOffset(prev); ok {
			return end
		}
		switch prev.(type) {
		case *ast.Link, *ast.Image:
			return linkStart(prev, src) + 2 // past "[]" or "!["
		}
		return searchFrom(prev, src)
	}
	switch p := n.Parent().(type) {
	case nil:
		return 0
	case *ast.Link:
		return linkStart(p, src) + 1
	case *ast.Image:
		return linkStart(p, src) + 2
	default:
		if p.Type() != ast.TypeBlock {
			return searchFrom(p, src)
		}
		if p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
		return max(p.Pos(), 0)
	}
}

// firstOffset is where the first text inside n starts; a nested link or
// image starts at its own '[' or '!'.
func firstOffset(n ast.Node, src []byte) (int, bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			return c.Segment.Start, true
		case *ast.Link, *ast.Image:
			return linkStart(c, src), true
		case *ast.RawHTML:
			if c.Segments.Len() > 0 {
				return c.Segments.At(0).Start, true
			}
		}
		if off, ok := firstOffset(c, src); ok {
			return off, true
		}
	}
	return 0, false
}

// lastOffset is where the last text inside n (or n itself) ends.
func lastOffset(n ast.Node) (int, bool) {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Stop, true
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if off, ok := lastOffset(c); ok {
			return off, true
		}
	}
	return 0, false
}

// blockStart is the offset of a block's first line. Empty ATX headings
// ("##") have no lines, but goldmark sets the position of every block.
func blockStart(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Pos() >= 0 {
			return p.Pos()
		}
	}
	return 0
}
