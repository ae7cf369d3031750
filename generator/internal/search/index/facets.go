package index

import (
	"sort"
	"strconv"
)

// FacetNames are the facets, in the order the search page shows them; they
// are also the URL parameters of /sok/.
var FacetNames = []string{"kommun", "lan", "omrade", "status", "ar", "initiativ", "leverantor", "upphandling"}

// values returns a page's values of one facet.
func (f *Facets) values(name string) []Value {
	one := func(v Value) []Value {
		if v.Key == "" {
			return nil
		}
		return []Value{v}
	}
	switch name {
	case "kommun":
		return one(f.Municipality)
	case "lan":
		return one(f.County)
	case "status":
		return one(f.Status)
	case "ar":
		return one(f.Year)
	case "omrade":
		return f.Areas
	case "initiativ":
		return f.Initiatives
	case "leverantor":
		return one(f.Supplier)
	case "upphandling":
		return one(f.Procurement)
	}
	return nil
}

// multiValued facets hold a list per page.
func multiValued(name string) bool { return name == "omrade" || name == "initiativ" }

// codeDigits are the digits of the facet table's value codes: base 64,
// none of them special in JSON.
const codeDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// facetTable writes the facet file: per facet its values (sorted by key)
// and a string of every page's value codes. A code is width base-64 digits
// (codeDigits), "." repeated width times for no value; a multi-valued
// facet writes each page's codes one after the other and separates pages
// with commas. Pages are ordered by municipality, so its column and the
// county's are long runs that compress to almost nothing.
func (ix *Index) facetTable() []byte {
	b := []byte{'{'}
	for n, name := range FacetNames {
		labels := map[string]string{}
		for i := range ix.Docs {
			for _, v := range ix.Docs[i].Facets.values(name) {
				labels[v.Key] = v.Label
			}
		}
		keys := make([]string, 0, len(labels))
		for k := range labels {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		index := make(map[string]int, len(keys))
		for i, k := range keys {
			index[k] = i
		}
		width := 1
		for m := 64; m < len(keys); m *= 64 {
			width++
		}
		code := func(b []byte, i int) []byte {
			for k := width - 1; k >= 0; k-- {
				d := i
				for range k {
					d /= 64
				}
				b = append(b, codeDigits[d%64])
			}
			return b
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = appendString(b, name)
		b = append(b, `:{"keys":`...)
		b = appendStrings(b, keys)
		b = append(b, `,"labels":[`...)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, labels[k])
		}
		b = append(b, `],"width":`...)
		b = strconv.AppendInt(b, int64(width), 10)
		b = append(b, `,"pages":"`...)
		for i := range ix.Docs {
			vals := ix.Docs[i].Facets.values(name)
			if multiValued(name) {
				if i > 0 {
					b = append(b, ',')
				}
				for _, v := range vals {
					b = code(b, index[v.Key])
				}
			} else if len(vals) == 0 {
				for range width {
					b = append(b, '.')
				}
			} else {
				b = code(b, index[vals[0].Key])
			}
		}
		b = append(b, `"}`...)
	}
	return append(b, '}')
}

// dateTable writes every page's published date as YYYYMMDD: the order of
// a list of pages without a query, newest first.
func (ix *Index) dateTable() []byte {
	b := []byte{'['}
	for i := range ix.Docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(ix.Docs[i].Facets.Published), 10)
	}
	return append(b, ']')
}

// Matches reports whether a page has, for every facet filtered on (facet
// name to keys), one of the keys asked for.
func (f *Facets) Matches(filters map[string][]string) bool {
	for name, keys := range filters {
		if len(keys) == 0 {
			continue
		}
		ok := false
		for _, v := range f.values(name) {
			for _, k := range keys {
				ok = ok || v.Key == k
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
