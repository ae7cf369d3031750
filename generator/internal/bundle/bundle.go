// Package bundle decides which files of a page bundle may be published.
//
// A bundle's files other than index.md are published as they are, beside
// the page, from the site's own address: a file there can do anything a
// page of the site can. So a bundle may hold only files that a browser
// shows and does not run, under names kb does not write itself:
//
//	problems := bundle.Check(fsys, files)
//
// Every problem is an error at the file's path (and, inside an SVG, at the
// line and column of the element or attribute), so a bundle with one never
// reaches public/: a build with errors publishes nothing.
//
// # Types
//
// Extensions, compared in any case:
//
//	.jpg .jpeg .png .gif .webp .svg   images (those imageset measures)
//	.pdf                              documents
//	.docx .xlsx .pptx                 Office Open XML; no macros (.docm, .xlsm are other types)
//	.odt .ods .odp                    OpenDocument, the open formats Swedish authorities use
//	.csv                              data tables
//
// Browsers download or show these with a viewer of their own; none is a
// document of the site (HTML, XML other than SVG, CSS, JavaScript), a
// program, or an archive, whose contents nobody checks. Text belongs in the
// page's Markdown, where readers and search find it; anything else can be
// saved as PDF.
//
// # SVG
//
// A browser that opens an SVG by its address (rather than in an <img>) runs
// it as a document of the site, script and all. So its content is read
// (encoding/xml) and refused, at the position of each problem, when it
// holds
//   - a <script> or <foreignObject> element (in any case), or an element in
//     the XHTML or MathML namespace or named like an HTML element that loads
//     or runs something (iframe, embed, object, …);
//   - an event handler attribute (on…, in any case and namespace);
//   - a reference to anything but a part of the same file (#id): href in any
//     namespace (xlink:href, whatever its prefix), and in CSS — the style
//     attribute, presentation attributes, <style> elements — url() with
//     anything but #id, @import, image-set() and src(), escapes decoded;
//   - xml:base, ping, or an animation (<set>, <animate>…) of href or of an
//     event handler;
//   - a processing instruction other than the XML declaration (an
//     <?xml-stylesheet?> can load XSLT), a DOCTYPE with an internal subset
//     (<!ENTITY> expands to anything, exponentially, and <!ATTLIST> adds
//     attributes the file does not show), any other <!…> declaration;
//   - a root element other than <svg> in the SVG namespace;
//   - XML that is not well-formed (encoding/xml's verdict, and an attribute
//     twice or a second root element, which it lets pass), or not UTF-8.
//
// Every problem of a file is reported, up to a syntax error, after which
// nothing can be read; the contents of an element refused whole (a
// <script>, a <foreignObject>) are not looked at. Drawing programs' own
// namespaces (Inkscape's, sodipodi's, RDF metadata) pass. The rules are
// stricter than a browser where that is simpler: a url( in a CSS comment,
// or an href of an unknown namespace, is refused too.
//
// Only SVG is read: the other types are not documents a browser runs, when
// the host sends them with the type their extension says (GitHub Pages
// does; render's _headers adds X-Content-Type-Options: nosniff).
//
// # Names
//
// A bundle's files are published under the page's address, where kb also
// writes the page (index.html) and the smaller copies of images
// (imageset.VariantName: bild-480w.jpg beside bild.jpg, at every width of
// imageset.Widths, whether or not the image is wide enough to get that
// copy, so that a name's validity does not depend on pixels). A file, or a
// folder on the way to one, with such a name is refused, and so is
// index.html at any depth (every page kb writes is an index.html). Names are
// compared in any case, as on the file systems of Windows and macOS, where
// two files whose names differ only in case (Bild.jpg, bild.jpg) would
// overwrite each other: that is refused too.
//
// Nothing else kb writes can lie under a bundle: pages are written to
// <address>/index.html, and every address is made of slugs, which have no
// dot, while every allowed file has an extension; the site's other files
// (assets/, data/, sok/, feeds) are outside the page folders. The build's
// TestBundleNamesCoverOutput holds render to this.
package bundle

import (
	"io/fs"
	"path"
	"strconv"
	"strings"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/imageset"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/par"
)

// Types lists the extensions a bundle may publish, by kind, in the order the
// messages name them.
var Types = []struct {
	Kind string // Swedish, for messages
	Exts []string
}{
	{"bilder", []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"}},
	{"PDF", []string{".pdf"}},
	{"dokument", []string{".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"}},
	{"data", []string{".csv"}},
}

// Allowed reports whether a bundle may publish a file of this name.
func Allowed(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, t := range Types {
		for _, e := range t.Exts {
			if e == ext {
				return true
			}
		}
	}
	return false
}

// Check reports every file of the bundles among files that may not be
// published: its type, its name, an SVG's content. It reads the SVG files
// through fsys.
func Check(fsys fs.FS, files []*page.File) diag.List {
	var c Checker
	return c.Check(fsys, files, nil)
}

// Checker is Check for the preview, which checks after every change: it
// keeps what each SVG's content showed, by path on disk, and reads a file
// again only when it may have changed. The zero value is ready; a Checker
// is not safe for concurrent use.
type Checker struct {
	svg map[string]diag.List
}

// Check is the package's Check. changed tells whether a file, by its path
// on disk, may have changed since the last Check; nil means any may have.
func (c *Checker) Check(fsys fs.FS, files []*page.File, changed func(disk string) bool) diag.List {
	var diags diag.List
	type svg struct {
		path, disk string
		diags      diag.List
		ok         bool // read, so diags may be kept for the next Check
	}
	var svgs []*svg
	for _, f := range files {
		if !f.Bundle {
			continue
		}
		diags.Append(checkNames(f))
		for _, r := range f.Resources {
			if strings.EqualFold(path.Ext(r.Name), ".svg") {
				svgs = append(svgs, &svg{path: f.Dir() + r.Name, disk: r.Disk})
			}
		}
	}
	var todo []*svg
	for _, s := range svgs {
		if d, ok := c.svg[s.disk]; ok && changed != nil && !changed(s.disk) {
			s.diags, s.ok = d, true
			continue
		}
		todo = append(todo, s)
	}
	par.For(len(todo), func(i int) {
		s := todo[i]
		data, err := fs.ReadFile(fsys, s.disk)
		if err != nil {
			if pe, ok := err.(*fs.PathError); ok {
				err = pe.Err
			}
			s.diags.Errorf(s.path, 0, 0, "kan inte läsas: %v", err)
			return
		}
		s.diags, s.ok = checkSVG(s.path, data), true
	})
	c.svg = map[string]diag.List{}
	for _, s := range svgs {
		diags.Append(s.diags)
		if s.ok {
			c.svg[s.disk] = s.diags
		}
	}
	return diags
}

// checkNames reports the files of bundle f whose type may not be published
// or whose name, or a folder's on the way to it, is one kb writes itself.
func checkNames(f *page.File) diag.List {
	var diags diag.List
	dir := f.Dir()
	// What kb writes in the bundle's folder, by name in lower case.
	written := map[string]string{"index.html": "sidan index.html som kb gör av index.md"}
	for _, r := range f.Resources {
		if imageset.Handles(r.Name) {
			for _, w := range imageset.Widths {
				v := imageset.VariantName(r.Name, w)
				written[strings.ToLower(v)] = "versionen " + v + ", " + strconv.Itoa(w) + " bildpunkter bred, som kb gör av " + r.Name
			}
		}
	}
	seen := map[string]string{} // resources by name in lower case
	for _, r := range f.Resources {
		p := dir + r.Name
		if !Allowed(r.Name) {
			diags.Errorf(p, 0, 0, "%s; %s", typeProblem(r.Name), allowedList())
		}
		segs := strings.Split(r.Name, "/")
		for k := 1; k <= len(segs); k++ {
			name := strings.Join(segs[:k], "/")
			subject, noun := "filen", "filen"
			if k < len(segs) {
				subject, noun = "mappen "+name, "mappen"
			}
			if w, ok := written[strings.ToLower(name)]; ok {
				diags.Errorf(p, 0, 0, "%s har samma namn som %s och skulle krocka med den; byt namn på %s", subject, w, noun)
				break
			}
			if strings.EqualFold(segs[k-1], "index.html") {
				diags.Errorf(p, 0, 0, "%s heter index.html, som är namnet på sidorna kb gör, och skulle bli en sida på webbplatsen som kb inte har gjort; byt namn på %s", subject, noun)
				break
			}
		}
		if prev, ok := seen[strings.ToLower(r.Name)]; ok {
			diags.Errorf(p, 0, 0, "filen har samma namn som %s%s om man bortser från stora och små bokstäver, och på webbservrar och datorer som inte skiljer på dem (Windows, macOS) skriver den ena över den andra; byt namn på den ena", dir, prev)
		}
		seen[strings.ToLower(r.Name)] = r.Name
	}
	return diags
}

// typeProblem says why a file's type is not published, and how to fix it.
func typeProblem(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case "":
		return "filen saknar filändelse och publiceras inte. Ta bort den, eller spara innehållet som PDF"
	case ".md", ".markdown":
		return "bara index.md blir en sida i en sidas mapp, och andra textfiler publiceras inte. Flytta texten till index.md, eller gör en egen sida av den (till exempel content/fallstudier/<namn>.md)"
	case ".html", ".htm", ".xhtml":
		return "webbsidor (" + ext + ") publiceras inte, eftersom de skulle kunna köra program på webbplatsen. Flytta texten till sidans index.md, eller spara den som PDF"
	case ".doc", ".xls", ".ppt", ".docm", ".xlsm", ".pptm", ".dotm", ".rtf":
		return "filer av typen " + ext + " publiceras inte (de kan innehålla makron). Spara filen som PDF, eller i formatet .docx, .xlsx eller .pptx"
	case ".tif", ".tiff", ".bmp", ".heic", ".heif", ".avif", ".psd", ".ai", ".eps":
		return "bilder av typen " + ext + " publiceras inte (alla webbläsare kan inte visa dem). Spara bilden som JPEG eller PNG"
	}
	return "filer av typen " + ext + " publiceras inte. Spara innehållet som PDF, eller ta bort filen"
}

// allowedList is the end of a message about a type: what may be published.
func allowedList() string {
	var b strings.Builder
	b.WriteString("en sidas mapp får innehålla ")
	for i, t := range Types {
		switch {
		case i == len(Types)-1:
			b.WriteString(" och ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(t.Kind + " (" + strings.Join(t.Exts, " ") + ")")
	}
	return b.String()
}
