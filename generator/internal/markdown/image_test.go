package markdown

import (
	"strings"
	"testing"
)

// sizedSite is fakeSite that also knows the sizes of some images.
type sizedSite struct {
	*fakeSite
	sizes map[string]imageInfo
	asked []string
}

type imageInfo struct {
	w, h   int
	srcset string
}

func (s *sizedSite) ImageInfo(dest string) (int, int, string, bool) {
	s.asked = append(s.asked, dest)
	info, ok := s.sizes[dest]
	return info.w, info.h, info.srcset, ok
}

func TestImageSizes(t *testing.T) {
	site := func() *sizedSite {
		fs := newFakeSite()
		fs.urls["foto.jpg"] = "/rutiner/foto.jpg"
		fs.urls["a&b.png"] = "/rutiner/a&b.png"
		return &sizedSite{fakeSite: fs, sizes: map[string]imageInfo{
			"foto.jpg":   {1600, 1200, "/rutiner/foto-480w.jpg 480w, /rutiner/foto-960w.jpg 960w, /rutiner/foto-1440w.jpg 1440w, /rutiner/foto.jpg 1600w"},
			"bild.png":   {300, 200, ""},
			"a&b.png":    {800, 600, "/rutiner/a&b-480w.png 480w, /rutiner/a&b.png 800w"},
			"saknas.png": {10, 10, "/saknas.png 10w"}, // known, but the resolver reports it broken
		}}
	}
	const sizes = ` sizes="(min-width: 48rem) 44rem, 100vw"`
	tests := []struct {
		name, src string
		want      string
		asked     []string
	}{
		{"a photo with copies",
			"![Ett foto](foto.jpg)",
			`<p><img src="/rutiner/foto.jpg" alt="Ett foto" loading="lazy" decoding="async" width="1600" height="1200" srcset="/rutiner/foto-480w.jpg 480w, /rutiner/foto-960w.jpg 960w, /rutiner/foto-1440w.jpg 1440w, /rutiner/foto.jpg 1600w"` + sizes + `></p>`,
			[]string{"foto.jpg"}},
		{"a small image: its size, no srcset",
			`![Liten](bild.png "Titel")`,
			`<p><img src="/rutiner/bild.png" alt="Liten" title="Titel" loading="lazy" decoding="async" width="300" height="200"></p>`,
			[]string{"bild.png"}},
		{"inside a link",
			"[![Foto](foto.jpg)](rutin.md)",
			`<p><a href="/rutiner/rutin/"><img src="/rutiner/foto.jpg" alt="Foto" loading="lazy" decoding="async" width="1600" height="1200" srcset="/rutiner/foto-480w.jpg 480w, /rutiner/foto-960w.jpg 960w, /rutiner/foto-1440w.jpg 1440w, /rutiner/foto.jpg 1600w"` + sizes + `></a></p>`,
			[]string{"foto.jpg"}},
		{"a srcset is escaped like any attribute",
			"![A och B](a&amp;b.png)",
			`<p><img src="/rutiner/a&amp;b.png" alt="A och B" loading="lazy" decoding="async" width="800" height="600" srcset="/rutiner/a&amp;b-480w.png 480w, /rutiner/a&amp;b.png 800w"` + sizes + `></p>`,
			[]string{"a&b.png"}},
		{"an image the resolver does not know the size of",
			"![Schema](bilder/schema.webp)",
			`<p><img src="/rutiner/bilder/schema.webp" alt="Schema" loading="lazy" decoding="async"></p>`,
			[]string{"bilder/schema.webp"}},
		{"a broken image is not measured",
			"![Saknas](saknas.png)",
			`<p><img src="saknas.png" alt="Saknas" loading="lazy" decoding="async"></p>`,
			nil},
		{"external images and links are not measured",
			"![Extern](https://x.se/foto.jpg) [foto](foto.jpg)",
			`<p><img src="https://x.se/foto.jpg" alt="Extern" loading="lazy" decoding="async"> <a href="/rutiner/foto.jpg">foto</a></p>`,
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := site()
			got := testRenderer.Render([]byte(tt.src), s)
			if html := strings.TrimSuffix(string(got.HTML), "\n"); html != tt.want {
				t.Errorf("got\n%s\nwant\n%s", html, tt.want)
			}
			if strings.Join(s.asked, "|") != strings.Join(tt.asked, "|") {
				t.Errorf("asked for %q, want %q", s.asked, tt.asked)
			}
			if why := unsafeMarkup(string(got.HTML)); why != "" {
				t.Errorf("unsafe: %s", why)
			}
		})
	}
}

// TestPlainResolverWritesNoSizes: a Resolver that is not an ImageResolver
// gives images as before.
func TestPlainResolverWritesNoSizes(t *testing.T) {
	got := testRenderer.Render([]byte("![Foto](bild.png)"), newFakeSite())
	if want := `<p><img src="/rutiner/bild.png" alt="Foto" loading="lazy" decoding="async"></p>` + "\n"; string(got.HTML) != want {
		t.Errorf("got %s", got.HTML)
	}
}
