package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"kunskapsbanken/generator/internal/pipeline"
	"kunskapsbanken/generator/internal/search/bleve"
	"kunskapsbanken/generator/internal/search/index"
)

// filterFlag collects -filter facet=key, repeatable.
type filterFlag map[string][]string

func (f filterFlag) String() string { return "" }

func (f filterFlag) Set(v string) error {
	name, key, ok := strings.Cut(v, "=")
	if !ok || key == "" {
		return fmt.Errorf("skriv -filter fasett=nyckel, till exempel -filter omrade=trygghetslarm")
	}
	known := false
	for _, n := range index.FacetNames {
		known = known || n == name
	}
	if !known {
		return fmt.Errorf("okänd fasett %q; fasetterna är %s", name, strings.Join(index.FacetNames, ", "))
	}
	f[name] = append(f[name], key)
	return nil
}

func cmdSearch(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("kb search", flag.ContinueOnError)
	fl.SetOutput(stderr)
	root := fl.String("root", ".", "projektets mapp (med site.yaml, content/ och themes/)")
	n := fl.Int("n", 10, "antal träffar att visa")
	explain := fl.Bool("v", false, "visa hur frågan tolkades: varje ords kandidater och vikter")
	filters := filterFlag{}
	fl.Var(filters, "filter", "fasett=nyckel (kommun, lan, omrade, status, ar, initiativ); kan upprepas")
	if fl.Parse(args) != nil {
		return 2
	}
	if fl.NArg() == 0 && len(filters) == 0 {
		fmt.Fprintln(stderr, `kb search: skriv en fråga, till exempel: kb search "digitala lås"`)
		return 2
	}
	q := strings.Join(fl.Args(), " ")
	res, err := pipeline.Run(pipeline.Options{Root: os.DirFS(*root)})
	if err != nil {
		fmt.Fprintf(stderr, "kb search: %v\n", err)
		return 2
	}
	if res.Site == nil || res.Diags.HasErrors() {
		res.Diags.WriteText(stderr)
		fmt.Fprintln(stderr, "kb search: innehållet har fel; rätta dem först (kb check)")
		return 1
	}
	ix := index.Build(pipeline.SearchDocs(res.Site), pipeline.SearchWeights(res.Site.Config))
	engine, err := bleve.New(ix)
	if err != nil {
		fmt.Fprintf(stderr, "kb search: %v\n", err)
		return 2
	}
	defer engine.Close()
	r, err := engine.Search(q, filters, *n, 0)
	if err != nil {
		fmt.Fprintf(stderr, "kb search: %v\n", err)
		return 2
	}
	if *explain {
		for _, w := range r.Query.Words {
			fmt.Fprintf(stdout, "%s (stam %s", w.Text, w.Stem)
			if w.Prefix {
				fmt.Fprint(stdout, ", prefix")
			}
			fmt.Fprint(stdout, "):")
			for _, c := range w.Candidates {
				fmt.Fprintf(stdout, " %s×%g", c.Stem, c.Kind)
			}
			fmt.Fprintln(stdout)
		}
	}
	if len(r.Suggestions) > 0 {
		fmt.Fprintf(stdout, "Inga träffar. Menade du: %s?\n", strings.Join(r.Suggestions, ", "))
		return 0
	}
	fmt.Fprintf(stdout, "%d träffar\n", r.Total)
	for i, h := range r.Hits {
		d := ix.Docs[h.Doc]
		fmt.Fprintf(stdout, "%3d. %-60s %7.3f  %s\n", i+1, d.Title, h.Score, d.URL)
	}
	return 0
}
