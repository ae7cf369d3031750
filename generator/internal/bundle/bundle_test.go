package bundle

import (
	"strings"
	"testing"
	"testing/fstest"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/imageset"
	"kunskapsbanken/generator/internal/page"
)

func TestAllowed(t *testing.T) {
	for name, want := range map[string]bool{
		"foto.jpg": true, "FOTO.JPEG": true, "bilder/karta.Png": true, "a.gif": true, "a.webp": true, "ritning.svg": true,
		"rapport.pdf": true, "a.docx": true, "a.XLSX": true, "a.pptx": true, "a.odt": true, "a.ods": true, "a.odp": true, "data.csv": true,
		"index.html": false, "a.htm": false, "a.js": false, "a.mjs": false, "a.css": false, "a.xml": false, "a.xsl": false, "a.svgz": false,
		"a.doc": false, "a.docm": false, "a.xlsm": false, "a.zip": false, "a.exe": false, "a.txt": false, "a.md": false, "README": false, "a.pdf.exe": false,
		"a.swf": false, "a.json": false, "a.wasm": false,
	} {
		if got := Allowed(name); got != want {
			t.Errorf("Allowed(%q) = %v", name, got)
		}
	}
	// Every image imageset measures is published.
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"} {
		if !imageset.Handles("a"+ext) || !Allowed("a"+ext) {
			t.Errorf("%s: imageset.Handles %v, Allowed %v", ext, imageset.Handles("a"+ext), Allowed("a"+ext))
		}
	}
}

// bundleOf is a bundle content/fallstudier/x/index.md with resources.
func bundleOf(names ...string) *page.File {
	f := &page.File{Path: "content/fallstudier/x/index.md", Kind: page.CaseStudy, Slug: "x", Bundle: true}
	for _, n := range names {
		f.Resources = append(f.Resources, page.Resource{Name: n, Disk: "content/fallstudier/x/" + n})
	}
	return f
}

// messages prints messages as "path: message", paths without the
// bundle's folder.
func messages(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, strings.TrimPrefix(d.Path, "content/fallstudier/x/")+": "+d.Message)
	}
	return out
}

func TestNames(t *testing.T) {
	// Sorted by name, as load gives them.
	f := bundleOf("Bild.pdf", "README", "bild.pdf", "bilder/index.html", "bilder/karta-960w.png", "bilder/karta.png",
		"data.csv", "foto-1440w.jpg/a.png", "foto-480W.JPG", "foto.jpg", "index.html", "index.html/a.png",
		"logo-480w.svg", "logo.svg", "rapport.doc", "skript.js", "smal-480w.png", "sida/2/index.html")
	got := messages(checkNames(f))
	want := []string{
		"README: filen saknar filändelse",
		"bild.pdf: filen har samma namn som content/fallstudier/x/Bild.pdf om man bortser från stora och små bokstäver",
		"bilder/index.html: webbsidor (.html) publiceras inte",
		"bilder/index.html: filen heter index.html, som är namnet på sidorna kb gör",
		"bilder/karta-960w.png: filen har samma namn som versionen bilder/karta-960w.png, 960 bildpunkter bred, som kb gör av bilder/karta.png",
		"foto-1440w.jpg/a.png: mappen foto-1440w.jpg har samma namn som versionen foto-1440w.jpg, 1440 bildpunkter bred, som kb gör av foto.jpg och skulle krocka med den; byt namn på mappen",
		"foto-480W.JPG: filen har samma namn som versionen foto-480w.jpg, 480 bildpunkter bred, som kb gör av foto.jpg",
		"index.html: webbsidor (.html) publiceras inte",
		"index.html: filen har samma namn som sidan index.html som kb gör av index.md och skulle krocka med den; byt namn på filen",
		"index.html/a.png: mappen index.html har samma namn som sidan index.html",
		"logo-480w.svg: filen har samma namn som versionen logo-480w.svg, 480 bildpunkter bred, som kb gör av logo.svg",
		"rapport.doc: filer av typen .doc publiceras inte (de kan innehålla makron). Spara filen som PDF, eller i formatet .docx, .xlsx eller .pptx; en sidas mapp får innehålla bilder (.jpg .jpeg .png .gif .webp .svg), PDF (.pdf), dokument (.docx .xlsx .pptx .odt .ods .odp) och data (.csv)",
		"skript.js: filer av typen .js publiceras inte. Spara innehållet som PDF, eller ta bort filen; en sidas mapp får",
		"sida/2/index.html: webbsidor (.html) publiceras inte",
		"sida/2/index.html: filen heter index.html",
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		ok = strings.HasPrefix(got[i], want[i])
	}
	if !ok {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	// b-480w.png has no b.png beside it, and a PDF gets no copies.
	if got := messages(checkNames(bundleOf("a.png", "b-480w.png", "c.pdf", "c-480w.pdf"))); len(got) != 0 {
		t.Errorf("fine names: %q", got)
	}
}

const hostile = `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`
const fine = `<svg xmlns="http://www.w3.org/2000/svg"/>`

// TestCheckerReadsChanged: the preview's Checker reads an SVG again when
// it is said to have changed, and otherwise keeps what it found.
func TestCheckerReadsChanged(t *testing.T) {
	fsys := fstest.MapFS{"content/fallstudier/x/d.svg": {Data: []byte(fine)}}
	files := []*page.File{bundleOf("d.svg"), {Path: "content/fallstudier/y.md", Kind: page.CaseStudy, Slug: "y"}}
	var c Checker
	check := func(step string, changed func(string) bool, want int) {
		t.Helper()
		if got := c.Check(fsys, files, changed); len(got) != want {
			t.Errorf("%s: %d problems, want %d: %v", step, len(got), want, got)
		}
	}
	check("first", nil, 0)
	fsys["content/fallstudier/x/d.svg"] = &fstest.MapFile{Data: []byte(hostile)}
	never := func(string) bool { return false }
	check("not said to have changed", never, 0)
	check("said to have changed", func(p string) bool { return p == "content/fallstudier/x/d.svg" }, 1)
	check("unchanged since", never, 1)
	check("anything may have changed", nil, 1)
	fsys["content/fallstudier/x/d.svg"] = &fstest.MapFile{Data: []byte(fine)}
	check("fixed", func(string) bool { return true }, 0)

	// A file that cannot be read is an error, and read again next time.
	delete(fsys, "content/fallstudier/x/d.svg")
	check("gone", func(string) bool { return true }, 1)
	fsys["content/fallstudier/x/d.svg"] = &fstest.MapFile{Data: []byte(hostile)}
	check("back", never, 1)

	if got := Check(fsys, files); len(got) != 1 || got[0].Line != 1 || got[0].Col != 41 {
		t.Errorf("Check: %v", got)
	}
}
