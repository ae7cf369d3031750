package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkReferences is goldmark's link reference definition transformer
// ("[ref]: https://…"), run only on paragraphs that can begin with one.
// goldmark runs its transformer on every paragraph, and it starts each time
// by making a reader of the paragraph's lines, a new object, to look at the
// first character. A definition begins with '[' after any space, so a
// paragraph whose first character that is not space is something else has
// none, and goldmark's transformer returns it as it was. Checking that
// character here keeps the output (TestLinkReferencesAsGoldmark,
// FuzzLinkReferences) and skips the reader for almost every paragraph.
type linkReferences struct{}

func (linkReferences) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if c, ok := firstNonSpace(node.Lines(), reader.Source()); ok && c != '[' {
		return
	}
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
}

// firstNonSpace returns the first byte of lines that is not space as
// goldmark's readers skip it (util.IsSpace), and false when there is none.
func firstNonSpace(lines *text.Segments, src []byte) (byte, bool) {
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for _, c := range seg.Value(src) {
			if !util.IsSpace(c) {
				return c, true
			}
		}
	}
	return 0, false
}

// newParser is goldmark's default parser with linkReferences in place of
// goldmark's own link reference transformer, at its priority; refs is
// goldmark's own for the tests that hold the two to the same output.
func newParser(refs parser.ParagraphTransformer) parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(util.Prioritized(refs, 100)),
	)
}
