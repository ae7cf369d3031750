package imageset

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// picture is a w×h image with something to scale: a gradient, and a red
// left half over it, so that turning it shows.
func picture(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := m.Pix[m.PixOffset(x, y):]
			p[0], p[1], p[2], p[3] = 0, uint8(255*y/h), 255, 255
			if x < w/2 {
				p[0], p[2] = 255, 0
			}
		}
	}
	return m
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(t testing.TB, frames int, w, h int) []byte {
	t.Helper()
	g := &gif.GIF{}
	for i := 0; i < frames; i++ {
		p := image.NewPaletted(image.Rect(0, 0, w, h), palette.WebSafe)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				p.SetColorIndex(x, y, uint8((x/8+y/8+i)%len(palette.WebSafe)))
			}
		}
		g.Image = append(g.Image, p)
		g.Delay = append(g.Delay, 10)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withOrientation puts an Exif segment with the orientation o right after
// a JPEG's start marker, as a phone writes it (big-endian TIFF).
func withOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte("MM\x00*\x00\x00\x00\x08") // header, first directory at 8
	tiff = append(tiff, 0, 1)                 // one entry
	entry := make([]byte, 12)
	binary.BigEndian.PutUint16(entry[0:], 0x0112) // orientation
	binary.BigEndian.PutUint16(entry[2:], 3)      // SHORT
	binary.BigEndian.PutUint32(entry[4:], 1)      // one value
	binary.BigEndian.PutUint16(entry[8:], o)
	tiff = append(tiff, entry...)
	tiff = append(tiff, 0, 0, 0, 0) // no next directory
	seg := append([]byte("Exif\x00\x00"), tiff...)
	head := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(head[2:], uint16(len(seg)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, head...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// pngHeader is the start of a PNG that claims to be w×h: enough for its
// size to be read, not for its pixels.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	chunk := append([]byte("IHDR"), ihdr...)
	out := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0d")
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

// webpHeader is a WebP with an extended header saying w×h and no image
// data: its size can be read, and sizes are all WebP gets.
func webpHeader(w, h uint32) []byte {
	vp8x := make([]byte, 10)
	vp8x[4], vp8x[5], vp8x[6] = byte(w-1), byte((w-1)>>8), byte((w-1)>>16)
	vp8x[7], vp8x[8], vp8x[9] = byte(h-1), byte((h-1)>>8), byte((h-1)>>16)
	body := append([]byte("WEBPVP8X\x0a\x00\x00\x00"), vp8x...)
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}

func widths(img *Image) []int {
	var out []int
	for _, v := range img.Variants {
		out = append(out, v.Width)
	}
	return out
}

func TestMake(t *testing.T) {
	// Wide and low, so that the race detector's tests stay quick.
	jpg := encodeJPEG(t, picture(1600, 200))
	grey := image.NewGray(image.Rect(0, 0, 1000, 100))
	for i := range grey.Pix {
		grey.Pix[i] = uint8(i)
	}
	tests := []struct {
		name          string
		file          string
		src           []byte
		width, height int
		variants      []int
		format        string // of the copies
	}{
		{"a wide JPEG gets three copies", "a.jpg", jpg, 1600, 200, []int{480, 960, 1440}, "jpeg"},
		{"the extension's case does not matter", "a.JPEG", jpg, 1600, 200, []int{480, 960, 1440}, "jpeg"},
		{"a PNG between the widths gets the narrower copies", "a.png", encodePNG(t, picture(1000, 150)), 1000, 150, []int{480, 960}, "png"},
		{"an image as wide as a copy is not copied at that width", "a.png", encodePNG(t, picture(960, 10)), 960, 10, []int{480}, "png"},
		{"a grey JPEG", "a.jpg", encodeJPEG(t, grey), 1000, 100, []int{480, 960}, "jpeg"},
		{"a narrow image is never enlarged", "a.png", encodePNG(t, picture(480, 300)), 480, 300, nil, ""},
		{"a single-frame GIF", "a.gif", encodeGIF(t, 1, 600, 100), 600, 100, []int{480}, "gif"},
		{"an animated GIF keeps its frames: sizes only", "a.gif", encodeGIF(t, 2, 600, 100), 600, 100, nil, ""},
		{"WebP: sizes only", "a.webp", webpHeader(2000, 1500), 2000, 1500, nil, ""},
		{"a phone photo on its side", "a.jpg", withOrientation(encodeJPEG(t, picture(600, 500)), 6), 500, 600, []int{480}, "jpeg"},
		{"mirrored is not turned", "a.jpg", withOrientation(encodeJPEG(t, picture(1000, 100)), 2), 1000, 100, []int{480, 960}, "jpeg"},
		{"SVG with width and height", "a.svg", []byte(`<?xml version="1.0"?><!-- ritad --><svg xmlns="http://www.w3.org/2000/svg" width="640" height="480px" viewBox="0 0 10 10"/>`), 640, 480, nil, ""},
		{"SVG with a viewBox only", "a.svg", []byte(`<svg viewBox="0,0 300.4 150.6"></svg>`), 300, 151, nil, ""},
		{"SVG with a width and a viewBox", "a.svg", []byte(`<svg width="200" viewBox="0 0 400 100"></svg>`), 200, 50, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, problems := Make("content/fallstudier/x/"+tt.file, tt.src, nil)
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			if img == nil {
				t.Fatal("nothing known of the image")
			}
			if img.Width != tt.width || img.Height != tt.height {
				t.Errorf("size %d×%d, want %d×%d", img.Width, img.Height, tt.width, tt.height)
			}
			if got := widths(img); !equal(got, tt.variants) {
				t.Errorf("copies at %v, want %v", got, tt.variants)
			}
			for _, v := range img.Variants {
				if want := (tt.height*v.Width + tt.width/2) / tt.width; v.Height != want {
					t.Errorf("copy at %d: height %d, want %d", v.Width, v.Height, want)
				}
				cfg, format, err := image.DecodeConfig(bytes.NewReader(v.Data))
				if err != nil {
					t.Fatalf("copy at %d: %v", v.Width, err)
				}
				if format != tt.format || cfg.Width != v.Width || cfg.Height != v.Height {
					t.Errorf("copy at %d is a %d×%d %s, want %d×%d %s", v.Width, cfg.Width, cfg.Height, format, v.Width, v.Height, tt.format)
				}
			}
		})
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestOrientation checks that copies are turned the way a browser turns
// the original: the picture's red left half is on top when the camera
// says to turn it clockwise, at the bottom when anticlockwise.
func TestOrientation(t *testing.T) {
	src := encodeJPEG(t, picture(520, 490))
	for _, tt := range []struct {
		orient    int
		redAt     image.Point
		blueAt    image.Point
		landscape bool
	}{
		{1, image.Pt(100, 100), image.Pt(380, 100), true},
		{3, image.Pt(380, 100), image.Pt(100, 100), true},
		{6, image.Pt(240, 100), image.Pt(240, 400), false},
		{8, image.Pt(240, 400), image.Pt(240, 100), false},
	} {
		img, problems := Make("a.jpg", withOrientation(src, uint16(tt.orient)), nil)
		if img == nil || len(problems) > 0 || len(img.Variants) == 0 {
			t.Fatalf("orientation %d: %v %v", tt.orient, img, problems)
		}
		m, err := jpeg.Decode(bytes.NewReader(img.Variants[0].Data))
		if err != nil {
			t.Fatal(err)
		}
		if b := m.Bounds(); (b.Dx() > b.Dy()) != tt.landscape {
			t.Errorf("orientation %d: copy is %v", tt.orient, b)
		}
		if r, _, bl, _ := m.At(tt.redAt.X, tt.redAt.Y).RGBA(); r < 0xC000 || bl > 0x4000 {
			t.Errorf("orientation %d: not red at %v", tt.orient, tt.redAt)
		}
		if r, _, bl, _ := m.At(tt.blueAt.X, tt.blueAt.Y).RGBA(); r > 0x4000 || bl < 0xC000 {
			t.Errorf("orientation %d: not blue at %v", tt.orient, tt.blueAt)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, src := range [][]byte{encodeJPEG(t, picture(1000, 200)), encodePNG(t, picture(1000, 200)), encodeGIF(t, 1, 1000, 100)} {
		a, _ := Make("a", src, nil)
		b, _ := Make("a", src, &Cache{Dir: t.TempDir()})
		if len(a.Variants) == 0 || len(a.Variants) != len(b.Variants) {
			t.Fatalf("copies: %d and %d", len(a.Variants), len(b.Variants))
		}
		for i := range a.Variants {
			if !bytes.Equal(a.Variants[i].Data, b.Variants[i].Data) {
				t.Errorf("copy at %d differs between two runs", a.Variants[i].Width)
			}
		}
	}
}

func TestCache(t *testing.T) {
	c := &Cache{Dir: filepath.Join(t.TempDir(), "bilder")}
	src := encodeJPEG(t, picture(1600, 100))
	first, _ := Make("a.jpg", src, c)
	if c.Encoded() != 3 {
		t.Fatalf("encoded %d copies on a cold cache, want 3", c.Encoded())
	}
	same := func(step string, want int) {
		t.Helper()
		img, problems := Make("a.jpg", src, c)
		if len(problems) > 0 || img == nil {
			t.Fatalf("%s: %v", step, problems)
		}
		if c.Encoded() != want {
			t.Errorf("%s: encoded %d copies in all, want %d", step, c.Encoded(), want)
		}
		for i := range first.Variants {
			if !bytes.Equal(first.Variants[i].Data, img.Variants[i].Data) {
				t.Errorf("%s: copy at %d differs from the first", step, img.Variants[i].Width)
			}
		}
	}
	same("warm cache", 3)

	entries, _ := filepath.Glob(filepath.Join(c.Dir, "*-960w.jpg"))
	if len(entries) != 1 {
		t.Fatalf("cache entries for 960: %v", entries)
	}
	data, _ := os.ReadFile(entries[0])
	data[len(data)-10] ^= 0xFF
	os.WriteFile(entries[0], data, 0o644)
	same("a damaged entry is made again", 4)
	same("and then found", 4)

	os.WriteFile(entries[0], []byte(strings.Replace(string(data), "kb-bild", "kb-bild 0", 1)), 0o644)
	same("an entry of another encoder is made again", 5)
	os.Truncate(entries[0], 20)
	same("a cut entry is made again", 6)
	os.Remove(entries[0])
	same("a missing entry is made again", 7)
	if left, _ := filepath.Glob(filepath.Join(c.Dir, ".tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// A cache that cannot be written costs time, nothing else.
	blocked := filepath.Join(t.TempDir(), "fil")
	os.WriteFile(blocked, nil, 0o644)
	if img, problems := Make("a.jpg", src, &Cache{Dir: blocked}); img == nil || len(img.Variants) != 3 || len(problems) > 0 {
		t.Errorf("with a cache folder that is a file: %v %v", img, problems)
	}
}

func TestProblems(t *testing.T) {
	full := encodePNG(t, picture(1000, 100))
	tests := []struct {
		name, file string
		src        []byte
		known      bool   // the size is still known
		want       string // part of the message; "" for no problem
	}{
		{"not an image", "bild.jpg", []byte("JPEG"), false, "bilden kan inte läsas (image: unknown format)"},
		{"empty", "bild.png", nil, false, "bilden kan inte läsas"},
		{"cut off after the header", "bild.png", full[:len(full)/2], false, "bilden kan inte läsas (png: invalid format: not enough pixel data)"},
		{"too many pixels", "bild.png", pngHeader(10000, 8000), true, "bilden är 10000×8000 bildpunkter, fler än 50 miljoner, och får inga mindre versioner"},
		{"an SVG that is HTML", "bild.svg", []byte("<html><body>svg</body></html>"), false, "bilden kan inte läsas (filen börjar med <html>, inte <svg>)"},
		{"an SVG that is not XML", "bild.svg", []byte("GIF89a"), false, "bilden kan inte läsas (ingen <svg>: EOF)"},
		{"an SVG without a size in pixels", "bild.svg", []byte(`<svg width="100%"/>`), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "content/fallstudier/x/" + tt.file
			img, problems := Make(path, tt.src, nil)
			if (img != nil) != tt.known {
				t.Errorf("image %v, want known=%v", img, tt.known)
			}
			if img != nil && len(img.Variants) > 0 {
				t.Errorf("copies made: %v", widths(img))
			}
			if tt.want == "" {
				if len(problems) > 0 {
					t.Errorf("problems: %v", problems)
				}
				return
			}
			if len(problems) != 1 {
				t.Fatalf("problems: %v, want one", problems)
			}
			p := problems[0]
			if p.Path != path || p.Line != 0 || p.Severity == 0 || !strings.Contains(p.Message, tt.want) {
				t.Errorf("got %v\nwant a warning at %s containing %q", p, path, tt.want)
			}
		})
	}
}

func TestExifOrientationDoesNotTrustOffsets(t *testing.T) {
	good := withOrientation(encodeJPEG(t, picture(8, 8)), 6)
	if o := exifOrientation(good); o != 6 {
		t.Fatalf("orientation %d, want 6", o)
	}
	for n := 0; n < 80; n++ { // every cut through the Exif segment
		if o := exifOrientation(good[:n]); o != 1 && o != 6 {
			t.Errorf("cut at %d: orientation %d", n, o)
		}
	}
	bad := bytes.Clone(good)
	bad[16] = 0x7F // the first directory's offset (after SOI, the segment's head, "Exif\0\0" and "MM\0*") points far outside
	if o := exifOrientation(bad); o != 1 {
		t.Errorf("bad offset: orientation %d", o)
	}
}

func FuzzExifOrientation(f *testing.F) {
	f.Add(withOrientation(encodeJPEG(f, picture(8, 8)), 8))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x02})
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := exifOrientation(data); o < 1 || o > 8 {
			t.Errorf("orientation %d", o)
		}
	})
}

func TestNames(t *testing.T) {
	for name, want := range map[string]bool{"a.jpg": true, "a.JPG": true, "a.jpeg": true, "a.png": true, "a.gif": true, "a.webp": true, "a.svg": true, "a.pdf": false, "jpg": false, "a.jpg.txt": false} {
		if Handles(name) != want {
			t.Errorf("Handles(%q) = %v", name, !want)
		}
	}
	if got := VariantName("bilder/kamera.v2.jpg", 480); got != "bilder/kamera.v2-480w.jpg" {
		t.Errorf("VariantName = %q", got)
	}
}
