package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/unicode/norm"
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

// ligatures are Latin letters that carry no combining mark to drop, so
// decomposition leaves them alone; spelled out they still read as the word.
var ligatures = map[rune]string{
	'æ': "ae", 'œ': "oe", 'ß': "ss", 'ø': "o", 'đ': "d", 'ð': "d",
	'ł': "l", 'þ': "th", 'ı': "i",
}

// slug keeps only [a-z0-9] so that ids are the same in every browser, URL
// and search index, however an editor's keyboard composed "ö".
func slug(s string) string {
	var b strings.Builder
	dash := false
	letter := func(r rune) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			letter(r)
		case unicode.Is(unicode.Mn, r):
			// The diacritic of the letter before it.
		default:
			if sp, ok := ligatures[r]; ok {
				for _, c := range sp {
					letter(c)
				}
			} else {
				dash = true
			}
		}
	}
	if b.Len() == 0 {
		return "rubrik"
	}
	return b.String()
}

// headingTransformer gives every heading its id and records it. The id comes
// from the heading's plain text, not its Markdown line, so
// "## Se [rutinen](rutin.md)" gets "se-rutinen".
type headingTransformer struct{}

func (headingTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	ids := pc.IDs()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		h, ok := n.(*ast.Heading)
		if !ok {
			if c := n.FirstChild(); c != nil && c.Type() == ast.TypeInline {
				return ast.WalkSkipChildren, nil // headings are blocks; skip paragraph content
			}
			return ast.WalkContinue, nil
		}
		plain := plainText(h, st.src)
		id := string(ids.Generate([]byte(plain), ast.KindHeading))
		h.SetAttributeString("id", id)
		st.headings = append(st.headings, headingRec{off: blockStart(h), level: h.Level, id: id, text: plain})
		return ast.WalkSkipChildren, nil
	})
}
