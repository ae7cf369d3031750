package vocab

import (
	"sort"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/slug"
	"kunskapsbanken/generator/internal/yamldoc"
)

// Area is one technology area of content/omraden.yaml.
type Area struct {
	ID          string
	Label       string
	Description string
	Synonyms    []string
}

// Areas is the vocabulary of technology areas, in file order.
type Areas struct {
	List []*Area
	byID map[string]*Area
}

// ByID returns the area with id, or nil.
func (a *Areas) ByID(id string) *Area { return a.byID[id] }

// IDs returns every id, sorted, for suggestions.
func (a *Areas) IDs() []string {
	ids := make([]string, len(a.List))
	for i, x := range a.List {
		ids[i] = x.ID
	}
	sort.Strings(ids)
	return ids
}

// ParseAreas reads omraden.yaml:
//
//	areas:
//	  - id: digitala-las
//	    label: Digitala lås
//	    description: "…"
//	    synonyms: [nyckelfri hemtjänst]
func ParseAreas(path string, src []byte, diags *diag.List) *Areas {
	areas := &Areas{byID: map[string]*Area{}}
	r := &yamldoc.Reader{Path: path, Diags: diags}
	root := r.Parse(src)
	if root == nil {
		return areas
	}
	top := r.Fields(root, []string{"areas"})
	r.Require(top, root, "areas")
	for _, f := range top {
		items, ok := r.Sequence(f)
		if !ok {
			continue
		}
		for _, item := range items {
			f := yamldoc.Field{Key: "areas", Value: item}
			m, ok := r.Mapping(f)
			if !ok {
				continue
			}
			fields := r.Fields(m, []string{"id", "label", "description", "synonyms"})
			r.Require(fields, m, "id", "label", "description")
			a := &Area{}
			var idNode = m
			for _, f := range fields {
				switch f.Key {
				case "id":
					a.ID, _ = r.String(f, 60)
					idNode = f.Value
				case "label":
					a.Label, _ = r.String(f, 80)
				case "description":
					a.Description, _ = r.String(f, 300)
				case "synonyms":
					items, _ := r.Strings(f)
					for _, s := range items {
						a.Synonyms = append(a.Synonyms, s.Value)
					}
				}
			}
			if a.ID == "" {
				continue
			}
			if !slug.Valid(a.ID) {
				r.Errorf(idNode, "id %q får bara innehålla små bokstäver a-z, siffror och bindestreck; skriv till exempel %q", a.ID, slug.Make(a.ID))
				continue
			}
			if areas.byID[a.ID] != nil {
				r.Errorf(idNode, "området %q finns redan; varje id får förekomma en gång", a.ID)
				continue
			}
			areas.byID[a.ID] = a
			areas.List = append(areas.List, a)
		}
	}
	return areas
}
