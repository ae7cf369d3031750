package render

import (
	"slices"

	"kunskapsbanken/generator/internal/site"
)

// openDataJSON is the open data of cases (openCases) as encoding/json's
// Encoder writes it with SetEscapeHTML(false) and SetIndent("", " "), but
// written field by field: the encoder, over every case study (12 MB at
// 10,000 pages), spent most of its time in reflection and in indenting
// its own compact output a second time. TestOpenDataAsEncodingJSON and FuzzOpenDataJSON hold the
// two to the same bytes.
func openDataJSON(s *site.Site, cases []OpenCase) ([]byte, error) {
	return appendOpenData(nil, OpenData{Version: 1, Site: s.Config.Title, License: "CC0-1.0", CaseStudies: cases})
}

// appendOpenData appends d to b. The bytes are written twice: first
// into one small buffer, emptied after every case study, only to count
// them, then into b grown once to hold them. Grown by append, the file
// was copied into new memory at every growth (by a quarter, at its
// size), about five times its size in allocation and copying, most of it
// faults of fresh pages: 0.5 s of a 10,000-page build, where writing it
// takes a twentieth of that.
func appendOpenData(b []byte, d OpenData) ([]byte, error) {
	count := jsonWriter{b: make([]byte, 0, 4<<10), indent: true} // a case study's room
	n := 0
	writeOpenData(&count, d, func() {
		n += len(count.b)
		count.b = count.b[:0]
	})
	n += len(count.b)
	w := jsonWriter{b: slices.Grow(b, n), indent: true}
	writeOpenData(&w, d, func() {})
	return w.b, w.err
}

// writeOpenData writes d with w, calling done after each case study.
func writeOpenData(w *jsonWriter, d OpenData, done func()) {
	w.open('{')
	w.keyInt("version", d.Version)
	w.keyString("site", d.Site)
	w.keyString("license", d.License)
	keyList(w, "fallstudier", d.CaseStudies, func(c *OpenCase) {
		w.openCase(c)
		done()
	})
	w.close('}')
	w.b = append(w.b, '\n')
}

func (w *jsonWriter) openCase(c *OpenCase) {
	w.open('{')
	w.keyString("id", c.ID)
	w.keyString("url", c.URL)
	w.keyString("title", c.Title)
	w.keyString("summary", c.Summary)
	if c.Municipality != nil {
		w.key("municipality")
		w.place(c.Municipality)
	}
	if c.County != nil {
		w.key("county")
		w.place(c.County)
	}
	w.keyStringOmit("region", c.Region)
	w.keyStrings("organisations", c.Organisations)
	keyList(w, "areas", c.Areas, func(a *OpenArea) {
		w.open('{')
		w.keyString("id", a.ID)
		w.keyString("label", a.Label)
		w.close('}')
	})
	w.keyString("status", c.Status)
	w.keyString("statusLabel", c.StatusLabel)
	w.keyStringOmit("started", c.Started)
	w.keyString("published", c.Published)
	w.keyStringOmit("updated", c.Updated)
	w.keyStrings("tags", c.Tags)
	w.keyStrings("initiatives", c.Initiatives)
	keyList(w, "sources", c.Sources, func(s *OpenSource) {
		w.open('{')
		w.keyString("title", s.Title)
		w.keyString("publisher", s.Publisher)
		w.keyStringOmit("date", s.Date)
		w.keyStringOmit("url", s.URL)
		w.close('}')
	})
	keyList(w, "lessons", c.Lessons, func(l *OpenLesson) {
		w.open('{')
		w.keyString("text", l.Text)
		w.keyStringOmit("kind", l.Kind)
		w.keyStringOmit("kindLabel", l.KindLabel)
		w.close('}')
	})
	keyList(w, "effects", c.Effects, func(e *OpenEffect) {
		w.open('{')
		w.keyString("text", e.Text)
		if e.Value != nil {
			w.key("value")
			w.float(*e.Value)
		}
		w.keyStringOmit("unit", e.Unit)
		w.keyStringOmit("period", e.Period)
		w.keyStringOmit("basis", e.Basis)
		w.close('}')
	})
	if pr := c.Procurement; pr != nil {
		w.key("procurement")
		w.open('{')
		w.keyString("supplier", pr.Supplier)
		w.keyStringOmit("product", pr.Product)
		w.keyStringOmit("form", pr.Form)
		w.keyStringOmit("formLabel", pr.FormLabel)
		if pr.Year != 0 {
			w.keyInt("year", pr.Year)
		}
		w.close('}')
	}
	w.close('}')
}

func (w *jsonWriter) place(p *OpenPlace) {
	w.open('{')
	w.keyString("code", p.Code)
	w.keyString("name", p.Name)
	w.close('}')
}
