package markdown

import (
	"strconv"
	"unique"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	slugpkg "kunskapsbanken/generator/internal/slug"
)

// headingIDs is the parser.IDs of one document: it makes slugs and keeps
// them unique within the document.
type headingIDs struct {
	used map[string]bool
	next map[string]int // per slug, the suffix to try first on its next repeat
}

var _ parser.IDs = (*headingIDs)(nil)

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate returns the slug of value, with "-1", "-2"... appended when an
// earlier heading already has it.
func (ids *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug(string(value))
	id := base
	for n := ids.next[base]; ids.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n+1)
		ids.next[base] = n + 1
	}
	ids.used[id] = true
	return []byte(id)
}

// Put reserves an id so that no heading gets it.
func (ids *headingIDs) Put(value []byte) {
	ids.used[string(value)] = true
}

// slug is the id of a heading: the slug of its text, or "rubrik"
// ("heading") for one with no letter or digit.
func slug(s string) string {
	if id := slugpkg.Make(s); id != "" {
		return id
	}
	return "rubrik"
}

// heading gives h its id and records it. The id comes from the heading's
// plain text, not its Markdown line, so "## Se [rutinen](rutin.md)" gets
// "se-rutinen".
func (st *docState) heading(h *ast.Heading) {
	// A site's pages mostly repeat a few headings ("Bakgrund",
	// "Resultat"), and every page's are held to the end of a build (for
	// its table of contents and search): equal texts and ids share one
	// string (unique.Make), where each was a string of its own (14 MB
	// and 1.3 million objects at 100,000 pages, marked on every cycle of
	// the collector).
	plain := unique.Make(plainText(h, st.src)).Value()
	id := unique.Make(string(st.ids.Generate([]byte(plain), ast.KindHeading))).Value()
	h.SetAttributeString("id", id)
	st.headings = append(st.headings, headingRec{off: blockStart(h), level: h.Level, id: id, text: plain})
}
