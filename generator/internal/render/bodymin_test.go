package render

import (
	"bytes"
	"strings"
	"testing"
)

// minifiedInBlock is the reference: body minified by the page's minifier
// inside a block element, as a layout shows it (<div class="body">).
func minifiedInBlock(t testing.TB, body []byte) []byte {
	t.Helper()
	out, err := newMinifier().Bytes("text/html", append(append([]byte("<div>"), body...), "</div>"...))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("<div>")) || !bytes.HasSuffix(out, []byte("</div>")) {
		t.Fatalf("minified %q to %q", body, out)
	}
	return out[len("<div>") : len(out)-len("</div>")]
}

// bodyCases are bodies as goldmark writes them, and some it does not, each
// on the edge of minifyBody's subset: whitespace before and after inline
// and block tags, soft line breaks, empty emphasis, attributes.
var bodyCases = []string{
	"<p>Ett stycke.</p>\n",
	"<p>Ett <em>viktigt</em> stycke.</p>\n<h2 id=\"bakgrund\">Bakgrund</h2>\n<ul>\n<li>ett</li>\n<li><a href=\"/fallstudier/x/\">två</a> tre</li>\n</ul>\n",
	"<p>rad ett\nrad två</p>\n",
	"<p>text <a href=\"https://example.org/a\">länk</a></p>\n",
	"<p>text </p>\n",
	"<p><em></em> efter</p>\n",
	"<p><strong>fet </strong> <em>kursiv</em></p>\n",
	"<p>a <code>kod</code> b</p>\n",
	"<ol start=\"3\">\n<li>tre</li>\n</ol>\n<hr>\n<blockquote>\n<p>citat</p>\n</blockquote>\n",
	"<p>slut <a href=\"/x/\">länk </a></p>\n",
	"<p>slut <a href=\"/x/\">länk </a> </p>\n",
	"<dl>\n<dt>term</dt>\n<dd>förklaring</dd>\n</dl>\n",
	"<h3 id=\"a\">Rubrik <em>med</em> ord</h3>\n",
	"<p><a href=\"HTTP://example.org\">stor</a></p>\n",
	"<p><a href=\"data:text/plain,x\">data</a></p>\n",
	"<p>&quot;citat&quot; &amp; sånt</p>\n",
	"<p>två  mellanslag</p>\n",
	"<pre><code>kod\n  indrag\n</code></pre>\n",
	"<table>\n<thead>\n<tr>\n<th>a</th>\n<th style=\"text-align:right\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>ett </td>\n<td style=\"text-align:center\"> 2</td>\n</tr>\n</tbody>\n</table>\n",
	"<table>\n<tr>\n<td style=\"text-align: right\">x</td>\n</tr>\n</table>\n",
	"<p>bild <img src=\"a.png\" alt=\"a\"></p>\n",
	"<p>ett</p>",
	"text utan block",
	"",
	"\n",
	"<p>a<br>\nb</p>\n",
	"<p><del>struket</del> text</p>\n",
	"<p><a href=\"/x/\" title=\"En titel\">t</a></p>\n",
	"<h2 id=\"\">tom</h2>\n",
}

// Every body minifyBody accepts is what the minifier writes; the ones it
// refuses are minified in their pages.
func TestMinifyBodyAsMinifier(t *testing.T) {
	accepted := 0
	for _, c := range bodyCases {
		got, ok := minifyBody(nil, []byte(c))
		if !ok {
			continue
		}
		accepted++
		if want := minifiedInBlock(t, []byte(c)); !bytes.Equal(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", c, got, want)
		}
	}
	if accepted < 12 {
		t.Errorf("only %d of %d bodies accepted", accepted, len(bodyCases))
	}
	for _, c := range []string{"<p>&amp;</p>", "<pre><code>x</code></pre>", "<p>a  b</p>", "text", ""} {
		if _, ok := minifyBody(nil, []byte(c)); ok {
			t.Errorf("%q: accepted, though outside the subset", c)
		}
	}
}

// A long run of inline end tags after trailing whitespace is refused
// rather than followed further than the minifier looks.
func TestMinifyBodyLongLookahead(t *testing.T) {
	body := "<p>" + strings.Repeat("<em>", 80) + "x " + strings.Repeat("</em>", 80) + "</p>"
	if got, ok := minifyBody(nil, []byte(body)); ok && !bytes.Equal(got, minifiedInBlock(t, []byte(body))) {
		t.Errorf("got %q", got)
	}
}

func FuzzMinifyBody(f *testing.F) {
	for _, c := range bodyCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, body string) {
		got, ok := minifyBody(nil, []byte(body))
		if !ok {
			return
		}
		if want := minifiedInBlock(t, []byte(body)); !bytes.Equal(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", body, got, want)
		}
	})
}

// A case study's body as goldmark writes it, the kind most pages have.
var benchBody = []byte(strings.Repeat("<h2 id=\"bakgrund\">Bakgrund</h2>\n<p>Vård- och omsorgsnämnden stod för <strong>omställningen</strong> medan samordnarna ansvarade för <em>självständigheten</em>. Se <a href=\"/fallstudier/x/\">fallet i Lund</a>.</p>\n<ul>\n<li>Involvera larmoperatörerna redan i samverkansöverenskommelsen</li>\n<li>Förankra upphandlingen tidigt hos brukarna.</li>\n</ul>\n<table>\n<thead>\n<tr>\n<th>Mått</th>\n<th style=\"text-align:right\">Före</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Antal nattbesök</td>\n<td style=\"text-align:right\">395</td>\n</tr>\n</tbody>\n</table>\n", 8))

func BenchmarkMinifyBody(b *testing.B) {
	b.Run("minifier", func(b *testing.B) {
		m := newMinifier()
		var out bytes.Buffer
		b.SetBytes(int64(len(benchBody)))
		for b.Loop() {
			out.Reset()
			if err := m.Minify("text/html", &out, bytes.NewReader(benchBody)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("minifyBody", func(b *testing.B) {
		var out []byte
		b.SetBytes(int64(len(benchBody)))
		for b.Loop() {
			var ok bool
			if out, ok = minifyBody(out[:0], benchBody); !ok {
				b.Fatal("not accepted")
			}
		}
	})
}
