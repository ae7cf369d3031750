// Package imageset measures the images of page bundles and makes the
// smaller copies that an <img srcset> offers, at build time.
//
//	img, problems := imageset.Make("content/fallstudier/lund/kamera.jpg", data, cache)
//	img.Width, img.Height       // as shown: the orientation a camera recorded applied
//	img.Variants                // 480, 960, 1440 pixels wide, those narrower than the original
//
// A page's Markdown then writes width and height on the <img> (the browser
// keeps room for the image before it arrives, so the text does not jump)
// and a srcset, so a phone fetches a copy a tenth of the size of the
// camera's file.
//
// # What is made
//
// JPEG, PNG and single-frame GIF get copies at the Widths narrower than the
// original; an image is never enlarged. Copies keep the original's format:
// JPEG at quality 82, PNG with default compression, GIF in the original's
// palette. They are scaled with Catmull-Rom (golang.org/x/image/draw),
// always from the original, so a copy does not depend on which others were
// cached. JPEG's Exif orientation is applied, as browsers apply it to the
// original: a photo taken with the phone on its side gets copies the right
// way up, and its width and height as shown.
//
// Sizes only, no copies: WebP (the Go libraries read it but cannot write
// it), animated GIF (a copy would keep only the first frame), SVG (it scales
// by itself; its size is read from the width and height of the root
// element, or its viewBox), and images over MaxPixels, which would take
// gigabytes to scale. Other files (PDF and the like) are not images to this
// package: Handles says no.
//
// # Problems
//
// A file that cannot be read as the image its name promises is a warning,
// not an error: it is published as it is, without sizes or copies, and a
// browser may still show it (browsers read a few variants Go does not).
//
// # Determinism and the cache
//
// The same bytes give the same copies, byte for byte. Encoding is the slow
// part, so a Cache keeps copies on disk between builds (.cache/bilder/),
// named by the SHA-256 of the original and the width. Each entry records
// the encoder it was made with (this package's format version, the Go
// release and the x/image version) and a checksum of its bytes; an entry
// that is missing, damaged or from another encoder is made again, so the
// cache never changes the output, only how long it takes.
package imageset

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/gif"
	"path"
	"strconv"
	"strings"

	_ "image/jpeg" // registered for image.Decode
	_ "image/png"

	_ "golang.org/x/image/webp"

	"kunskapsbanken/generator/internal/diag"
)

// Widths are the widths of the copies, narrowest first: a phone, a phone
// at twice the density or a tablet, and the text column of a wide screen
// at twice the density.
var Widths = []int{480, 960, 1440}

// MaxPixels is the largest image copies are made of: 50 megapixels, above
// the largest phone cameras' 48.
const MaxPixels = 50_000_000

// Image is what is known of one image.
type Image struct {
	Width, Height int       // in pixels, as shown
	Variants      []Variant // narrowest first; none when no copy is made
}

// Variant is one smaller copy.
type Variant struct {
	Width, Height int
	Data          []byte // encoded in the original's format
}

// Handles reports whether a file is an image this package reads, by its
// name's extension (.jpg, .jpeg, .png, .gif, .webp, .svg, in any case).
func Handles(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg":
		return true
	}
	return false
}

// VariantName is the name of the copy of name at width:
// "bilder/kamera.jpg" at 480 is "bilder/kamera-480w.jpg".
func VariantName(name string, width int) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(width) + "w" + ext
}

// Make measures the image src, read from file (a project path, which
// problems name and whose extension says whether it is an SVG), and makes
// its copies, through cache when it is not nil. It returns nil when nothing
// could be learnt of the image; problems are warnings.
func Make(file string, src []byte, cache *Cache) (*Image, diag.List) {
	var problems diag.List
	unreadable := func(err error) (*Image, diag.List) {
		problems.Warnf(file, 0, 0, "bilden kan inte läsas (%v); den publiceras som den är, utan storlek och mindre versioner. Kontrollera att filen är en bild och spara den igen från ett bildprogram", err)
		return nil, problems
	}
	if strings.EqualFold(path.Ext(file), ".svg") {
		w, h, err := svgSize(src)
		if err != nil {
			return unreadable(err)
		}
		if w <= 0 || h <= 0 {
			return nil, nil // no size given: the browser decides
		}
		return &Image{Width: w, Height: h}, nil
	}

	cfg, format, err := image.DecodeConfig(bytes.NewReader(src))
	if err != nil {
		return unreadable(err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return unreadable(fmt.Errorf("%s utan bredd eller höjd", format))
	}
	orient := 1
	if format == "jpeg" {
		orient = exifOrientation(src)
	}
	img := &Image{Width: cfg.Width, Height: cfg.Height}
	if orient >= 5 { // turned a quarter: width and height change places
		img.Width, img.Height = cfg.Height, cfg.Width
	}
	var widths []int
	for _, w := range Widths {
		if w < img.Width {
			widths = append(widths, w)
		}
	}
	if len(widths) == 0 || format == "webp" {
		return img, nil
	}
	if cfg.Width*cfg.Height > MaxPixels {
		problems.Warnf(file, 0, 0, "bilden är %d×%d bildpunkter, fler än %d miljoner, och får inga mindre versioner; den publiceras som den är, och alla läsare hämtar hela filen. Minska den till till exempel 2400 bildpunkters bredd", img.Width, img.Height, MaxPixels/1_000_000)
		return img, problems
	}

	sum := sha256.Sum256(src)
	keys := make([]string, len(widths))
	datas := make([][]byte, len(widths))
	missing := 0
	for i, w := range widths {
		keys[i] = fmt.Sprintf("%x-%dw.%s", sum, w, extOf(format))
		if datas[i] = cache.get(keys[i]); datas[i] == nil {
			missing++
		}
	}
	if missing > 0 {
		var m image.Image
		if format == "gif" {
			g, err := gif.DecodeAll(bytes.NewReader(src))
			if err != nil {
				return unreadable(err)
			}
			if len(g.Image) != 1 || g.Image[0].Bounds() != image.Rect(0, 0, cfg.Width, cfg.Height) {
				return img, nil // animated, or a frame smaller than the picture
			}
			m = g.Image[0]
		} else if m, _, err = image.Decode(bytes.NewReader(src)); err != nil {
			return unreadable(err)
		}
		for i, w := range widths {
			if datas[i] != nil {
				continue
			}
			data, err := encode(format, scale(m, w, heightAt(img, w), orient), m)
			if err != nil {
				return unreadable(err)
			}
			datas[i] = data
			cache.put(keys[i], data)
		}
	}
	for i, w := range widths {
		img.Variants = append(img.Variants, Variant{Width: w, Height: heightAt(img, w), Data: datas[i]})
	}
	return img, nil
}

// heightAt is the height of a copy w wide, the aspect ratio kept, rounded.
func heightAt(img *Image, w int) int {
	return max(1, (img.Height*w+img.Width/2)/img.Width)
}

// extOf is the file extension cache entries of a format get.
func extOf(format string) string {
	if format == "jpeg" {
		return "jpg"
	}
	return format
}
