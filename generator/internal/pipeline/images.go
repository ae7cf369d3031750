package pipeline

import (
	"crypto/sha256"
	"io/fs"
	"net/url"
	"path/filepath"
	"strconv"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/imageset"
	"kunskapsbanken/generator/internal/markdown"
	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/site"
)

// ImageCache is the folder of a project (root, on disk) where the smaller
// copies of its images are kept between builds: .cache/bilder/, ignored by
// git like the rest of .cache/.
func ImageCache(root string) string { return filepath.Join(root, ".cache", "bilder") }

// images are the images of a site's page bundles, measured, with their
// smaller copies: the stage between assembling the site and rendering its
// Markdown, which writes their sizes and srcset.
//
// A copy is published beside its original, named by imageset.VariantName
// (bild.jpg, bild-480w.jpg, bild-960w.jpg), as the bundle's files are
// published beside the page.
type images struct {
	list   []*bundleImage // by content path
	byPath map[string]*bundleImage
}

// bundleImage is one image of a bundle.
type bundleImage struct {
	path  string // content path, NFC: "content/fallstudier/lund/kamera.jpg"
	disk  string // the path as the file system spells it
	url   string // where it is published, relative to the site root
	sum   [sha256.Size]byte
	img   *imageset.Image // nil when nothing is known of it
	diags diag.List       // what imageset.Make said

	srcset string    // the attribute, base path included; "" without copies
	copies []outFile // the copies to publish
}

type outFile struct {
	url  string // relative to the site root
	data []byte
}

// makeImages is the stage of a build: the site's images, measured and
// copied, through a cache in the folder cacheDir when it is not "".
func makeImages(fsys fs.FS, s *site.Site, cacheDir string) (*images, diag.List) {
	im := listImages(s)
	im.measure(fsys, &imageset.Cache{Dir: cacheDir}, nil, nil)
	return im, im.finish(s)
}

// listImages lists the images of the bundles of the site's pages, by
// content path.
func listImages(s *site.Site) *images {
	im := &images{byPath: map[string]*bundleImage{}}
	for _, p := range s.Pages { // sorted by path, and each page's resources by name
		for _, r := range p.Source.Resources {
			if imageset.Handles(r.Name) {
				b := &bundleImage{path: p.Source.Dir() + r.Name, disk: r.Disk, url: p.URL + r.Name}
				im.list = append(im.list, b)
				im.byPath[b.path] = b
			}
		}
	}
	return im
}

// measure reads and measures the images on every core, making their copies
// through cache. For the preview, before holds the images of the last
// update: an image unread says is taken over without reading it, and one
// whose bytes did not change is not made again.
func (im *images) measure(fsys fs.FS, cache *imageset.Cache, before map[string]*bundleImage, unread func(*bundleImage) bool) {
	var todo []*bundleImage
	for _, b := range im.list {
		if old := before[b.path]; old != nil && old.disk == b.disk && unread != nil && unread(b) {
			b.sum, b.img, b.diags = old.sum, old.img, old.diags
			continue
		}
		todo = append(todo, b)
	}
	par.For(len(todo), func(i int) {
		b := todo[i]
		data, err := fs.ReadFile(fsys, b.disk)
		if err != nil {
			b.diags = nil
			b.diags.Errorf(b.path, 0, 0, "kan inte läsas: %v", err)
			return
		}
		b.sum = sha256.Sum256(data)
		if old := before[b.path]; old != nil && old.sum == b.sum {
			b.img, b.diags = old.img, old.diags
			return
		}
		b.img, b.diags = imageset.Make(b.path, data, cache)
	})
}

// finish names the copies and writes each image's srcset, with the site's
// base path, and returns the images' problems. A bundle's own file with the
// name of a copy wins: the image then gets no copies (bundle.Check reports
// the file, an error, so such a site is not published).
func (im *images) finish(s *site.Site) diag.List {
	var diags diag.List
	taken := map[string]bool{}
	for _, r := range s.Resources() {
		taken[r.URL] = true
	}
	base := s.Config.BasePath()
	link := func(u string) string { return base + (&url.URL{Path: u}).EscapedPath() }
	for _, b := range im.list {
		diags.Append(b.diags)
		b.srcset, b.copies = "", nil
		if b.img == nil || len(b.img.Variants) == 0 {
			continue
		}
		var copies []outFile
		srcset := ""
		for _, v := range b.img.Variants {
			name := imageset.VariantName(b.url, v.Width)
			if taken[name] {
				copies = nil
				break
			}
			copies = append(copies, outFile{name, v.Data})
			srcset += link(name) + " " + strconv.Itoa(v.Width) + "w, "
		}
		if copies != nil {
			b.copies = copies
			b.srcset = srcset + link(b.url) + " " + strconv.Itoa(b.img.Width) + "w"
		}
	}
	return diags
}

// sameInPage reports whether a page showing b shows it as it shows a: the
// same size and srcset, or no size known for either.
func (a *bundleImage) sameInPage(b *bundleImage) bool {
	if a.img == nil || b.img == nil {
		return a.img == nil && b.img == nil
	}
	return a.img.Width == b.img.Width && a.img.Height == b.img.Height && a.srcset == b.srcset
}

// write publishes the copies.
func (im *images) write(write func(path string, data []byte) error) error {
	for _, b := range im.list {
		for _, c := range b.copies {
			if err := write(c.url, c.data); err != nil {
				return err
			}
		}
	}
	return nil
}

// resolver is the Markdown resolver of page p: the site's, which also
// tells the sizes of the images it knows (markdown.ImageResolver).
func (im *images) resolver(s *site.Site, p *site.Page) markdown.Resolver {
	if len(im.list) == 0 {
		return s.Resolver(p)
	}
	return imageResolver{s.Resolver(p), p, im}
}

type imageResolver struct {
	markdown.Resolver
	page *site.Page
	im   *images
}

func (r imageResolver) ImageInfo(dest string) (w, h int, srcset string, ok bool) {
	b := r.im.byPath[site.Target(r.page, dest)]
	if b == nil || b.img == nil {
		return 0, 0, "", false
	}
	return b.img.Width, b.img.Height, b.srcset, true
}
