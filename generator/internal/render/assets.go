package render

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"sort"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"
)

// newMinifier returns the minifier for the site's HTML, CSS, JS and SVG.
// Document and end tags are kept: the saving is small and the markup stays
// what every validator and screen-reader test expects.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	return m
}

var minifiable = map[string]string{".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript", ".svg": "image/svg+xml"}

// Asset is one file of the theme's static/ folder as published.
type Asset struct {
	Name string // as templates ask for it: "style.css"
	Path string // under the output root: "assets/style.3f2a9c1b0d.css"
	Data []byte
}

// buildAssets minifies the theme's static files and names them by a hash
// of their content, so hosts can cache them forever: a changed file gets a
// new name.
func buildAssets(files map[string][]byte, m *minify.M) ([]Asset, error) {
	var names []string
	for name := range files {
		if strings.HasPrefix(name, "static/") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var out []Asset
	for _, name := range names {
		data := files[name]
		rel := strings.TrimPrefix(name, "static/")
		ext := path.Ext(rel)
		if mt, ok := minifiable[ext]; ok {
			min, err := m.Bytes(mt, data)
			if err != nil {
				return nil, err
			}
			data = min
		}
		sum := sha256.Sum256(data)
		hashed := strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		out = append(out, Asset{Name: rel, Path: "assets/" + hashed, Data: data})
	}
	return out, nil
}
