package site

import "fmt"

// StoreHTML says where a page's rendered body is kept until the render
// stage asks for it (BodyHTML): get appends it to dst, as append does. It
// sets Doc.HTML to nil. A build would otherwise hold every page's body
// from the Markdown stage to the render stage, through the search stage:
// about 9 KB a case study, 0.9 GB at 100,000 pages. kb build keeps them in
// a spool file on disk (package spool). The preview, which keeps its pages
// between changes and hashes Doc.HTML, keeps them in memory.
func (p *Page) StoreHTML(get func(dst []byte) ([]byte, error)) {
	p.storedHTML = get
	p.Doc.HTML = nil
}

// BodyHTML returns the page's rendered body: Doc.HTML, or what StoreHTML
// stored, in new memory.
func (p *Page) BodyHTML() ([]byte, error) {
	return p.BodyHTMLInto(nil)
}

// BodyHTMLInto is BodyHTML with a stored body read into buf's memory
// (appended to buf[:0]) rather than new memory, for a caller that is done
// with it before it reuses buf: the render stage, which reads every body
// once and copies it at once. A body held in memory is Doc.HTML itself.
func (p *Page) BodyHTMLInto(buf []byte) ([]byte, error) {
	if p.storedHTML == nil {
		return p.Doc.HTML, nil
	}
	html, err := p.storedHTML(buf[:0])
	if err != nil {
		return nil, fmt.Errorf("%s: the rendered body cannot be read back: %w", p.Path, err)
	}
	return html, nil
}
