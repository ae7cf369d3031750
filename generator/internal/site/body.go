package site

import "fmt"

// StoreHTML says where a page's rendered body is kept until the render
// stage asks for it (BodyHTML): get returns it. It sets Doc.HTML to nil. A
// build would otherwise hold every page's body from the Markdown stage to
// the render stage, through the search stage: about 9 KB a case study,
// 0.9 GB at 100,000 pages. kb build keeps them in a spool file on disk
// (package spool). The preview, which keeps its pages between changes and
// hashes Doc.HTML, keeps them in memory.
func (p *Page) StoreHTML(get func() ([]byte, error)) {
	p.storedHTML = get
	p.Doc.HTML = nil
}

// BodyHTML returns the page's rendered body: Doc.HTML, or what StoreHTML
// stored.
func (p *Page) BodyHTML() ([]byte, error) {
	if p.storedHTML == nil {
		return p.Doc.HTML, nil
	}
	html, err := p.storedHTML()
	if err != nil {
		return nil, fmt.Errorf("%s: the rendered body cannot be read back: %w", p.Path, err)
	}
	return html, nil
}
