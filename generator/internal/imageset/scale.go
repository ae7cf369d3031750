package imageset

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
)

// jpegQuality is where photos stop showing blocks at the sizes they are
// shown, for about half the bytes of quality 95.
const jpegQuality = 82

// scale returns m at w×h as shown: m is scaled in its own orientation and
// then turned as the Exif orientation orient says.
func scale(m image.Image, w, h, orient int) *image.RGBA {
	sw, sh := w, h
	if orient >= 5 {
		sw, sh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, sw, sh))
	draw.CatmullRom.Scale(dst, dst.Rect, m, m.Bounds(), draw.Src, nil)
	return orientate(dst, orient)
}

// orientate turns and mirrors m from the way the camera stored it to the
// way it is shown, for Exif orientations 2 to 8 (1 is as stored).
func orientate(m *image.RGBA, orient int) *image.RGBA {
	if orient < 2 || orient > 8 {
		return m
	}
	sw, sh := m.Rect.Dx(), m.Rect.Dy()
	w, h := sw, sh
	if orient >= 5 {
		w, h = sh, sw
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var sx, sy int
			switch orient {
			case 2: // mirrored
				sx, sy = sw-1-x, y
			case 3: // upside down
				sx, sy = sw-1-x, sh-1-y
			case 4: // mirrored upside down
				sx, sy = x, sh-1-y
			case 5: // mirrored along the diagonal
				sx, sy = y, x
			case 6: // stored a quarter turn anticlockwise: shown turned clockwise
				sx, sy = y, sh-1-x
			case 7: // mirrored along the other diagonal
				sx, sy = sw-1-y, sh-1-x
			case 8: // stored a quarter turn clockwise
				sx, sy = sw-1-y, x
			}
			copy(out.Pix[out.PixOffset(x, y):][:4], m.Pix[m.PixOffset(sx, sy):][:4])
		}
	}
	return out
}

// encode writes m in format. orig, the image m was scaled from, decides
// what the copy keeps of it: a grey image stays grey, a GIF keeps its
// palette.
func encode(format string, m *image.RGBA, orig image.Image) ([]byte, error) {
	var img image.Image = m
	if orig.ColorModel() == color.GrayModel {
		g := image.NewGray(m.Rect)
		draw.Draw(g, g.Rect, m, image.Point{}, draw.Src)
		img = g
	}
	var b bytes.Buffer
	var err error
	switch format {
	case "jpeg":
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: jpegQuality})
	case "png":
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&b, img)
	case "gif":
		p, ok := orig.(*image.Paletted)
		if !ok {
			return nil, fmt.Errorf("GIF utan palett")
		}
		dst := image.NewPaletted(m.Rect, p.Palette)
		draw.FloydSteinberg.Draw(dst, dst.Rect, m, image.Point{})
		err = gif.Encode(&b, dst, nil)
	default:
		return nil, fmt.Errorf("kan inte skriva %s", format)
	}
	return b.Bytes(), err
}
