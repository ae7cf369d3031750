// Package load reads a project from disk: site.yaml, the files under
// content/ and the theme. With the output stage it is the only part of the
// pipeline that touches the file system, and it does so through an fs.FS so
// tests can build sites from fstest.MapFS literals.
//
// Layout (CONTENT.md):
//
//	site.yaml
//	content/omraden.yaml
//	content/tillganglighet.yaml        optional: the accessibility statement's facts
//	content/<kind>/<slug>.md           kind: fallstudier, initiativ, kommuner, sidor
//	content/<kind>/<slug>/index.md     a page bundle; its other files are its resources
//	themes/<theme>/layouts/*.html, layouts/partials/*.html, i18n/*.yaml, static/**
//
// The theme's folder is optional for the theme kb embeds (default, package
// themes): without one, ReadTheme reads kb's copy.
package load

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/slug"
	"kunskapsbanken/themes"
)

// Paths of the project's fixed files.
const (
	ConfigPath = "site.yaml"
	AreasPath  = "content/omraden.yaml"
	// StatementPath holds the facts of the accessibility statement
	// (package statement); a site may lack it, with a warning.
	StatementPath = "content/tillganglighet.yaml"
	ContentDir    = "content"
)

// Content is what content/ holds.
type Content struct {
	Areas     []byte            // content/omraden.yaml
	Statement []byte            // content/tillganglighet.yaml; nil when missing
	Files     []*page.File      // every page, sorted by path
	Extra     []string          // files that are neither pages nor bundle resources (reported)
	disk      map[string]string // NFC path → path on disk, where they differ
}

// ReadContent walks content/ and reads every page. Problems with the layout
// (a file in the wrong place, a name that is not a slug, two pages with one
// slug, a symbolic link) are reported; files it cannot use are left out.
//
// reuse, when not nil, may give the bytes of a file read before and known
// not to have changed (the preview server knows from its watcher), so that
// only changed files are read again.
//
// each, when not nil, is called with every page as soon as its bytes are
// read, on the core that read them, and may take them over (the build
// parses the page there and sets Data to nil, so every raw file is never
// in memory at once: 0.8 GB at 100,000 pages). When each sets Data to nil,
// it must keep nothing of the bytes: the core reads its next file into the
// same memory (from a fsys of Dir, on Unix).
func ReadContent(fsys fs.FS, reuse func(path string) ([]byte, bool), each func(f *page.File)) (*Content, diag.List) {
	var diags diag.List
	c := &Content{disk: map[string]string{}}
	data, err := fs.ReadFile(fsys, AreasPath)
	if err != nil {
		diags.Errorf(AreasPath, 0, 0, "filen saknas eller kan inte läsas (%v); den listar teknikområdena som sidornas areas väljer bland", unwrap(err))
	}
	c.Areas = TextNFC(data)
	if data, err := fs.ReadFile(fsys, StatementPath); err == nil {
		c.Statement = TextNFC(data)
	} else if !errors.Is(err, fs.ErrNotExist) {
		diags.Errorf(StatementPath, 0, 0, "kan inte läsas: %v", unwrap(err))
	}

	type bundle struct {
		file *page.File
		dir  string
	}
	var bundles []bundle
	bySlug := map[string]string{} // kind/slug → path
	addPage := func(p string, kind page.Kind, name string, isBundle bool) *page.File {
		if !slug.Valid(name) {
			diags.Errorf(p, 0, 0, "namnet %q kan inte bli en adress: använd små bokstäver a-z, siffror och bindestreck (å ä ö skrivs a a o), till exempel %q", name, slug.Make(name))
			return nil
		}
		key := string(kind) + "/" + name
		if prev, ok := bySlug[key]; ok {
			diags.Errorf(p, 0, 0, "%s och %s ger samma adress /%s/; byt namn på den ena", prev, p, key)
			return nil
		}
		bySlug[key] = p
		f := &page.File{Path: p, Kind: kind, Slug: name, Bundle: isBundle}
		c.Files = append(c.Files, f)
		return f
	}

	err = fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(p, 0, 0, "kan inte läsas: %v", unwrap(err))
			return nil
		}
		if !utf8.ValidString(p) {
			diags.Errorf(strings.ToValidUTF8(p, "?"), 0, 0, "filnamnet är inte UTF-8; byt namn på filen")
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		// macOS writes å ä ö in file names decomposed (NFD); everything
		// after this point sees one spelling.
		if nfc := toNFC(p); nfc != p {
			c.disk[nfc] = p
			p = nfc
		}
		name := path.Base(p)
		if p != ContentDir && Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			diags.Warnf(p, 0, 0, "symboliska länkar följs inte och filen hoppas över; lägg en kopia av filen här i stället")
			return nil
		}
		parts := strings.Split(p, "/")
		depth := len(parts) - 1 // 1: content/<x>, 2: content/<kind>/<x>, 3+: inside a bundle
		if d.IsDir() {
			if depth == 1 && !isKind(name) {
				diags.Errorf(p, 0, 0, "okänd mapp; sidor ligger i content/fallstudier, content/initiativ, content/kommuner eller content/sidor")
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case depth == 1:
			if p != AreasPath && p != StatementPath {
				diags.Errorf(p, 0, 0, "filen ligger utanför sektionerna och kommer inte med på webbplatsen; flytta den till till exempel content/fallstudier/")
			}
		case depth == 2:
			if !strings.HasSuffix(name, ".md") {
				diags.Errorf(p, 0, 0, "filen hör inte till någon sida; lägg bilder och bilagor i sidans egen mapp (content/%s/<sida>/index.md med bilden bredvid)", parts[1])
				return nil
			}
			addPage(p, page.Kind(parts[1]), strings.TrimSuffix(name, ".md"), false)
		default:
			dir := strings.Join(parts[:3], "/")
			if depth == 3 && name == "index.md" {
				if f := addPage(p, page.Kind(parts[1]), parts[2], true); f != nil {
					bundles = append(bundles, bundle{f, dir})
				}
				return nil
			}
			c.Extra = append(c.Extra, p)
		}
		return nil
	})
	if err != nil {
		diags.Errorf(ContentDir, 0, 0, "mappen kan inte läsas: %v", unwrap(err))
	}

	// Resources belong to the bundle whose folder holds them.
	var orphans []string
	for _, p := range c.Extra {
		owner := false
		for _, b := range bundles {
			if strings.HasPrefix(p, b.dir+"/") {
				b.file.Resources = append(b.file.Resources, page.Resource{Name: strings.TrimPrefix(p, b.dir+"/"), Disk: c.onDisk(p)})
				owner = true
				break
			}
		}
		if !owner {
			orphans = append(orphans, p)
		}
	}
	for _, p := range orphans {
		dir := strings.Join(strings.Split(p, "/")[:3], "/")
		diags.Errorf(p, 0, 0, "mappen %s saknar index.md, så filen hör inte till någon sida; lägg sidans text i %s/index.md", dir, dir)
	}
	c.Extra = orphans

	sort.Slice(c.Files, func(i, j int) bool { return c.Files[i].Path < c.Files[j].Path })
	for _, f := range c.Files {
		sort.Slice(f.Resources, func(i, j int) bool { return f.Resources[i].Name < f.Resources[j].Name })
	}
	errs := make([]error, len(c.Files))
	par.For(len(c.Files), func(i int) {
		f := c.Files[i]
		var buf *[]byte // the memory the file was read into, for the next file
		var data []byte
		if reused, ok := reuseFile(reuse, f.Path); ok {
			f.Data = reused
		} else {
			var err error
			if a, ok := fsys.(appender); ok && each != nil {
				buf = fileBuffers.Get().(*[]byte)
				data, err = a.appendFile((*buf)[:0], c.onDisk(f.Path))
			} else {
				data, err = fs.ReadFile(fsys, c.onDisk(f.Path))
			}
			if f.Data, errs[i] = TextNFC(data), err; err != nil {
				return
			}
		}
		if each != nil {
			each(f)
		}
		if buf != nil && f.Data == nil { // each is done with the bytes
			*buf = data[:0]
			fileBuffers.Put(buf)
		}
	})
	kept := c.Files[:0]
	for i, f := range c.Files {
		if errs[i] != nil {
			diags.Errorf(f.Path, 0, 0, "kan inte läsas: %v", unwrap(errs[i]))
			continue
		}
		kept = append(kept, f)
	}
	c.Files = kept
	return c, diags
}

// reuseFile asks reuse, when there is one, for the bytes of the file at path.
func reuseFile(reuse func(path string) ([]byte, bool), path string) ([]byte, bool) {
	if reuse == nil {
		return nil, false
	}
	return reuse(path)
}

// appender is a file system that can read a file into memory the caller
// reuses (Dir's, on Unix).
type appender interface {
	appendFile(dst []byte, name string) ([]byte, error)
}

// fileBuffers hold a page's bytes while each has them, one buffer a core,
// reused file after file.
var fileBuffers = sync.Pool{New: func() any { return new([]byte) }}

// TextNFC returns text in Unicode's composed form (NFC): a "ö" typed or
// pasted as "o" and a combining diaeresis (macOS, PDFs) becomes the one
// character, so the checks, slugs, search and output never see two
// spellings of one word. Every text file of the content is read through
// it. Text already in NFC, as nearly all is, is returned as it is.
// Bytes that are not UTF-8 are kept, for page.Parse to report.
func TextNFC(data []byte) []byte {
	if plainNFC(data) || norm.NFC.IsNormal(data) {
		return data
	}
	return norm.NFC.Bytes(data)
}

// plainNFC reports whether data is UTF-8 made only of characters below
// U+0300, where the combining marks begin, and of the general punctuation
// from U+2002 to U+207F (the dash – and the quotation marks ” most pages
// have): each of them is its own composed form and none composes with the
// one before, so such text is NFC (TestPlainNFCIsNFC). It is what
// norm.NFC.IsNormal answers for the ASCII, å ä ö é and – most pages are
// written in, several times faster (BenchmarkTextNFC). (U+2000 and U+2001
// are not NFC: they stand for U+2002 and U+2003.)
func plainNFC(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		// Two-byte sequences from 0xC2 0x80 (U+0080) to 0xCB 0xBF (U+02FF).
		if c >= 0xc2 && c <= 0xcb && i+1 < len(data) && data[i+1]&0xc0 == 0x80 {
			i += 2
			continue
		}
		// Three-byte sequences from 0xE2 0x80 0x82 (U+2002) to 0xE2 0x81
		// 0xBF (U+207F).
		if c == 0xe2 && i+2 < len(data) && data[i+2]&0xc0 == 0x80 &&
			(data[i+1] == 0x80 && data[i+2] >= 0x82 || data[i+1] == 0x81) {
			i += 3
			continue
		}
		return false
	}
	return true
}

// toNFC normalises a path; ASCII, as nearly every path is, is already NFC.
func toNFC(p string) string {
	for i := 0; i < len(p); i++ {
		if p[i] >= utf8.RuneSelf {
			return norm.NFC.String(p)
		}
	}
	return p
}

// onDisk returns the path of p as the file system spells it.
func (c *Content) onDisk(p string) string {
	if d, ok := c.disk[p]; ok {
		return d
	}
	return p
}

// Ignored reports whether a file or folder name is one the project
// never reads: hidden ones, and the temporary and backup files editors
// write beside the file being saved (lund.md~, .lund.md.swp, lund.md.tmp,
// #lund.md#, lund.md___jb_tmp___, and 4913, the file vim writes to test a
// folder).
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		strings.HasPrefix(name, "#") || strings.Contains(name, "___jb_") || name == "4913"
}

func isKind(name string) bool {
	for _, k := range page.Kinds {
		if string(k) == name {
			return true
		}
	}
	return false
}

// unwrap drops the path that fs errors repeat, since messages start with it.
func unwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// ReadFile reads one text file of the project, such as site.yaml, in NFC
// (TextNFC).
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, name)
	return TextNFC(data), err
}

// Theme is a theme's files, by path relative to the theme's folder.
type Theme struct {
	Name     string
	Files    map[string][]byte
	Embedded bool // read from kb's own copy (package themes): the project has no themes/<Name>/
}

// ReadTheme reads every file of themes/<name>, leaving out names that begin
// with ".". When the project has no such folder and kb embeds a theme of
// that name (default), it reads kb's copy instead, so a folder with only
// site.yaml and content/ builds; a project's own folder always wins. line
// and col are where site.yaml names the theme (0 when it does not), for
// the message when there is no theme of that name.
func ReadTheme(fsys fs.FS, name string, line, col int) (*Theme, diag.List) {
	var diags diag.List
	root := "themes/" + name
	t := &Theme{Name: name, Files: map[string][]byte{}}
	if !slug.Valid(name) {
		diags.Errorf(ConfigPath, line, col, "theme %q är inget giltigt namn på en mapp under themes/", name)
		return t, diags
	}
	src, dir := fsys, root
	if _, err := fs.Stat(fsys, root); errors.Is(err, fs.ErrNotExist) {
		if fi, err := fs.Stat(themes.FS, name); err != nil || !fi.IsDir() {
			diags.Errorf(ConfigPath, line, col, "temat %q finns inte: mappen %s/ saknas. Lägg temats filer där (börja gärna med en kopia av themes/default från kunskapsbankens repository), eller skriv theme: %s i site.yaml för temat som följer med kb", name, root, embeddedThemes())
			return t, diags
		}
		src, dir, t.Embedded = themes.FS, name, true
	}
	err := fs.WalkDir(src, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(path.Base(p), ".") {
			return nil
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		t.Files[strings.TrimPrefix(p, dir+"/")] = data
		return nil
	})
	if err != nil {
		diags.Errorf(root, 0, 0, "temat kan inte läsas: %v; kontrollera theme i site.yaml", unwrap(err))
	}
	return t, diags
}

// embeddedThemes names the themes kb embeds, "default".
func embeddedThemes() string {
	entries, _ := fs.ReadDir(themes.FS, ".")
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return strings.Join(names, " eller theme: ")
}
