package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// ImageResolver is a Resolver that also knows the images it resolves. When
// the Resolver given to Render is one, an image whose destination resolved
// without a problem and that ImageInfo knows (ok) gets width and height
// attributes, so the browser keeps its room before it arrives and the text
// does not jump, and, when srcset is not empty, srcset and sizes, so the
// browser fetches the smallest copy that fills the text column. dest is as
// for Resolve; srcset is the attribute's value ("/a-480w.jpg 480w, /a.jpg
// 1600w"), URLs final.
type ImageResolver interface {
	Resolver
	ImageInfo(dest string) (width, height int, srcset string, ok bool)
}

// imageSizes is the width an image in a page's text is drawn at, for the
// browser to choose from srcset before it has laid out the page: the text
// column, --text: 44rem in themes/default/static/style.css, once the
// viewport holds it and its gutters (2rem each at most), else about the
// viewport's width. Images are never drawn wider: img has max-width: 100%.
const imageSizes = "(min-width: 48rem) 44rem, 100vw"

// sizeImage sets the size attributes of an image whose destination
// resolved, when the resolver knows it. The renderer writes them.
func (st *docState) sizeImage(n ast.Node, dest string) {
	r, ok := st.res.(ImageResolver)
	if !ok {
		return
	}
	w, h, srcset, ok := r.ImageInfo(dest)
	if !ok || w <= 0 || h <= 0 {
		return
	}
	n.SetAttributeString("width", []byte(strconv.Itoa(w)))
	n.SetAttributeString("height", []byte(strconv.Itoa(h)))
	if srcset != "" {
		n.SetAttributeString("srcset", []byte(srcset))
		n.SetAttributeString("sizes", []byte(imageSizes))
	}
}

// imageRenderer writes images like goldmark does, plus loading="lazy" and
// decoding="async": pages in the knowledge bank are long, and images below
// the fold should neither delay the text nor be fetched unless scrolled to.
// The attributes set by sizeImage follow (editors cannot set attributes:
// goldmark's attribute syntax is off). Keep it in step with goldmark's
// renderImage, in particular the IsDangerousURL check.
type imageRenderer struct{}

func (imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, renderImage)
}

func renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	dest := util.URLEscape(n.Destination, true)
	if !html.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML([]byte(plainText(n, src))))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		html.DefaultWriter.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(` loading="lazy" decoding="async"`)
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}
