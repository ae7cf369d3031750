package markdown

import (
	"bytes"
	"cmp"
	"slices"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer converts editors' Markdown to safe HTML. Build one with New and
// share it between goroutines.
type Renderer struct {
	md goldmark.Markdown
	// noLinkify is md without GFM's bare URLs as links, for the bodies
	// that have none (linkify.go): goldmark calls that extension at every
	// space of the text.
	noLinkify goldmark.Markdown
}

// Resolver maps link and image destinations that point inside the site.
// Render calls it only for destinations that are not external (external means
// a URL scheme such as https:, mailto: or tel:, or a leading "//") and not
// pure fragments ("#rubrik"). dest is the destination as the editor wrote it,
// fragment and query included, with only Markdown's backslash escapes and
// character references (&amp;, &#229;) decoded. isImage tells whether it came
// from an image. url is written into the HTML; a non-empty problem means the
// destination is broken and is the whole message to report (url is still
// used).
type Resolver interface {
	Resolve(dest string, isImage bool) (url string, problem string)
}

// Result is everything later stages need from one document.
type Result struct {
	HTML     []byte    // the body HTML
	Headings []Heading // every heading in document order
	Links    []Link    // internal links and images, in document order
	External []Link    // http and https links, images and autolinks, in document order (URL as written)
	Text     string    // plain text for search: one line per block, no markup
	Problems []Problem // in document order
}

// Heading is one heading of the document.
type Heading struct {
	Level int
	ID    string // the id attribute written on the heading
	Text  string // plain text, markup removed
	Line  int
}

// Link is one internal link or image.
type Link struct {
	Dest  string // as passed to the Resolver
	URL   string // as written into the HTML
	Image bool
	Line  int // of the '[' or, for an image, the '!'
	Col   int
}

// Problem is something the editor should fix. Col counts characters, not
// bytes, because that is what editors count.
type Problem struct {
	Line, Col int
	Message   string
}

// treeTransformer runs after goldmark's own (footnotes sit at 999) so that
// it sees the final tree: footnotes gathered at the end, unused ones dropped.
const prioTree = 1000

// New builds a Renderer.
func New() *Renderer {
	return newRenderer(linkReferences{})
}

// newRenderer is New with refs as the parser's link reference transformer.
func newRenderer(refs parser.ParagraphTransformer) *Renderer {
	return &Renderer{md: newGoldmark(refs, extension.Linkify), noLinkify: newGoldmark(refs)}
}

// newGoldmark is the goldmark of New, with refs for link reference
// definitions (linkrefs.go), GFM's extensions other than linkify and then
// extra.
func newGoldmark(refs parser.ParagraphTransformer, extra ...goldmark.Extender) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParser(newParser(refs)),
		goldmark.WithExtensions(append([]goldmark.Extender{
			extension.Table,
			extension.Strikethrough,
			extension.TaskList,
			extension.Footnote,
			extension.DefinitionList,
		}, extra...)...),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(
				util.Prioritized(treeTransformer{}, prioTree),
			),
		),
		goldmark.WithRendererOptions(
			// Below the HTML renderer's 1000, so it replaces goldmark's image renderer.
			renderer.WithNodeRenderers(util.Prioritized(imageRenderer{}, 100)),
		),
	)
}

// Render converts src, a whole source file in which the front matter has
// already been replaced by blank lines. res may be nil: destinations are
// then kept as written, and internal ones are still listed in Links.
func (r *Renderer) Render(src []byte, res Resolver) Result {
	return r.RenderInto(nil, src, res)
}

// Buffers are memory that RenderInto writes a page's HTML and plain text
// into, and keeps, grown, for the next page.
type Buffers struct {
	html, text []byte
}

// RenderInto is Render with the Result's HTML and Text in bufs' memory
// rather than new memory, when bufs is not nil: they are valid only until
// the next RenderInto with bufs. It is for a caller that copies them
// elsewhere at once, as kb build does into its spool: a page written into
// memory the process has touched page after page costs less than one
// written into new memory, which is zeroed first and then collected.
func (r *Renderer) RenderInto(bufs *Buffers, src []byte, res Resolver) Result {
	if bytes.Contains(src, []byte("\r\n")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return r.render(bufs, src, res, mayLinkify(src))
}

// render is RenderInto, with linkify or (when the tree shows that it would
// have made no link) without it.
func (r *Renderer) render(bufs *Buffers, src []byte, res Resolver, linkify bool) Result {
	doc, st := r.parse(bufs, src, res, linkify)
	if st.bareURL {
		doc, st = r.parse(bufs, src, res, true)
	}

	var w htmlWriter
	if bufs != nil {
		w.Buffer = *bytes.NewBuffer(bufs.html[:0])
	}
	w.Grow(len(src) + len(src)/4)
	if err := r.md.Renderer().Render(&w, src, doc); err != nil {
		// Writing to memory cannot fail and no node renderer returns an
		// error; if goldmark ever starts to, the editor should still hear of it.
		st.problems = append(st.problems, problemRec{off: 0, msg: "sidan kunde inte renderas: " + err.Error()})
	}
	if bufs != nil {
		bufs.html, bufs.text = w.Bytes()[:0], st.text[:0]
	}
	return st.result(w.Bytes())
}

// htmlWriter is the buffer goldmark renders a page into. As a
// util.BufWriter, it is written to directly: given a plain io.Writer,
// goldmark would put a new bufio.Writer (4 KB) in front of it for every
// page, and copy every byte through that.
type htmlWriter struct {
	bytes.Buffer
}

var _ util.BufWriter = (*htmlWriter)(nil)

// Buffered is what a bufio.Writer holds unwritten: nothing here.
func (*htmlWriter) Buffered() int { return 0 }

// Flush has nothing to write.
func (*htmlWriter) Flush() error { return nil }

// parse parses src with linkify or without it. Without it, the docState
// says bareURL, and holds nothing else, when the tree has text that linkify
// might have made a link of.
func (r *Renderer) parse(bufs *Buffers, src []byte, res Resolver, linkify bool) (ast.Node, *docState) {
	md := r.noLinkify
	if linkify {
		md = r.md
	}
	// The text is at most about as long as the source: size it once.
	var plain []byte
	if bufs != nil {
		plain = slices.Grow(bufs.text[:0], len(src))
	} else {
		plain = make([]byte, 0, len(src))
	}
	st := &docState{src: src, res: res, linkify: linkify, text: plain}
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	pc.Set(stateKey, st)
	return md.Parser().Parse(text.NewReader(src), parser.WithContext(pc)), st
}

// stateKey finds a document's docState in its parser.Context.
var stateKey = parser.NewContextKey()

// docState is what treeTransformer collects for one document. Positions are
// byte offsets until the end, when they are turned into lines and columns in
// one pass.
type docState struct {
	src      []byte
	res      Resolver
	headings []headingRec
	links    []linkRec
	problems []problemRec
	text     []byte
	linkify  bool       // parsed with linkify
	bareURL  bool       // parsed without, and its text may hold a bare URL: parse again with
	ids      parser.IDs // the heading ids already given
	block    []byte     // one block's text before addLine, reused for every block
}

type headingRec struct {
	off   int
	level int
	id    string
	text  string
}

type linkRec struct {
	off      int
	dest     string
	url      string
	image    bool
	external bool
}

type problemRec struct {
	off int
	msg string
}

func stateOf(pc parser.Context) *docState {
	st, _ := pc.Get(stateKey).(*docState)
	return st
}

func (st *docState) problem(off int, msg string) {
	st.problems = append(st.problems, problemRec{off: off, msg: msg})
}

func (st *docState) result(html []byte) Result {
	// Footnotes are rendered at the end but written anywhere, so tree order
	// is not source order; stable sorts keep the tree order on ties.
	slices.SortStableFunc(st.headings, func(a, b headingRec) int { return cmp.Compare(a.off, b.off) })
	slices.SortStableFunc(st.links, func(a, b linkRec) int { return cmp.Compare(a.off, b.off) })
	slices.SortStableFunc(st.problems, func(a, b problemRec) int { return cmp.Compare(a.off, b.off) })

	// The text is handed over, not copied: st is garbage once Render returns.
	res := Result{HTML: html}
	if len(st.text) > 0 {
		res.Text = unsafe.String(&st.text[0], len(st.text))
		st.text = nil
	}
	loc := locator{src: st.src}
	if len(st.headings) > 0 { // at its size: the headings are held to the end of a build
		res.Headings = make([]Heading, 0, len(st.headings))
	}
	for _, h := range st.headings {
		line, _ := loc.at(h.off)
		res.Headings = append(res.Headings, Heading{Level: h.level, ID: h.id, Text: h.text, Line: line})
	}
	loc.reset()
	for _, l := range st.links {
		line, col := loc.at(l.off)
		link := Link{Dest: l.dest, URL: l.url, Image: l.image, Line: line, Col: col}
		if l.external {
			res.External = append(res.External, link)
		} else {
			res.Links = append(res.Links, link)
		}
	}
	loc.reset()
	for _, p := range st.problems {
		line, col := loc.at(p.off)
		res.Problems = append(res.Problems, Problem{Line: line, Col: col, Message: p.msg})
	}
	return res
}
