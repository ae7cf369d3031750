package render

import (
	"html/template"

	"kunskapsbanken/generator/internal/config"
)

// themeFuncs are the template functions that serve one theme's design
// (the map, image variants …), kept apart from the functions every theme
// relies on.
func themeFuncs(t *Theme, cfg config.Site) template.FuncMap {
	return template.FuncMap{}
}
