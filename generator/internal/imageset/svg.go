package imageset

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// svgSize reads an SVG's size from its root element: width and height in
// pixels (a bare number or "px"), else the viewBox's; when only one of
// width and height is given, the other follows the viewBox's proportions.
// It returns 0, 0 when the file gives no size in pixels (a width of "100%"
// and no viewBox), and an error when the file is not an SVG.
func svgSize(src []byte) (w, h int, err error) {
	d := xml.NewDecoder(bytes.NewReader(src))
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0, fmt.Errorf("ingen <svg>: %v", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue // the XML declaration, comments, a doctype
		}
		if el.Name.Local != "svg" {
			return 0, 0, errors.New("filen börjar med <" + el.Name.Local + ">, inte <svg>")
		}
		var width, height, vw, vh float64
		for _, a := range el.Attr {
			if a.Name.Space != "" {
				continue
			}
			switch a.Name.Local {
			case "width":
				width = pixels(a.Value)
			case "height":
				height = pixels(a.Value)
			case "viewBox":
				f := strings.FieldsFunc(a.Value, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
				if len(f) == 4 {
					vw, vh = number(f[2]), number(f[3])
				}
			}
		}
		if vw > 0 && vh > 0 {
			switch {
			case width <= 0 && height <= 0:
				width, height = vw, vh
			case height <= 0:
				height = width * vh / vw
			case width <= 0:
				width = height * vw / vh
			}
		}
		if width <= 0 || height <= 0 || width > 1e6 || height > 1e6 {
			return 0, 0, nil
		}
		return max(1, int(math.Round(width))), max(1, int(math.Round(height))), nil
	}
}

// pixels reads an SVG length in pixels: "640" or "640px"; other units and
// percentages give 0.
func pixels(s string) float64 {
	s = strings.TrimSpace(s)
	return number(strings.TrimSuffix(s, "px"))
}

// number reads a positive finite number, or gives 0.
func number(s string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f <= 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0
	}
	return f
}
