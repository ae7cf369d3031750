package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"kunskapsbanken/generator/internal/load"
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
	root := fl.String("root", ".", "projektets mapp (med site.yaml och content/, och themes/ om projektet har ett eget tema)")
	n := fl.Int("n", 10, "antal träffar att visa")
	explain := fl.Bool("v", false, "visa hur frågan tolkades: varje ords kandidater och vikter")
	filters := filterFlag{}
	fl.Var(filters, "filter", "fasett=nyckel (kommun, lan, omrade, status, ar, initiativ); kan upprepas")
	words, ok := parseInterleaved(fl, args, stderr)
	if !ok {
		return 2
	}
	if len(words) == 0 && len(filters) == 0 {
		fmt.Fprintln(stderr, `kb search: skriv en fråga, till exempel: kb search "digitala lås"`)
		return 2
	}
	q := strings.Join(words, " ")
	res, err := pipeline.Run(pipeline.Options{Root: load.Dir(*root)})
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
			if w.Stop {
				fmt.Fprintf(stdout, "%s (stoppord: bara frågans stoppord, sökta i exakt form)\n", w.Text)
				continue
			}
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
		for _, ph := range r.Query.Phrases {
			var words []string
			for _, i := range ph {
				words = append(words, r.Query.Words[i].Text)
			}
			fmt.Fprintf(stdout, "fras: %q, orden i den ordningen, intill varandra\n", strings.Join(words, " "))
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

// parseInterleaved parses flags wherever they stand among the words of
// the query (kb search "larm" -n 3), which the flag package, stopping at
// the first word, does not; "--" ends the flags (kb search -- -n).
// It returns the words, or false after saying what was wrong.
func parseInterleaved(fl *flag.FlagSet, args []string, stderr io.Writer) ([]string, bool) {
	fl.SetOutput(io.Discard) // the messages below are in Swedish
	var words []string
	for {
		err := fl.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fl.SetOutput(stderr)
			fmt.Fprintf(stderr, "Användning: kb search [flaggor] \"fråga\" (flaggorna får stå före eller efter frågan)\n")
			fl.PrintDefaults()
			return nil, false
		}
		if err != nil {
			if name, unknown := strings.CutPrefix(err.Error(), "flag provided but not defined: "); unknown {
				var names []string
				fl.VisitAll(func(f *flag.Flag) { names = append(names, "-"+f.Name) })
				fmt.Fprintf(stderr, "kb search: okänd flagga %s; flaggorna är %s (skriv -- före ord som börjar med -)\n", name, strings.Join(names, ", "))
			} else {
				fmt.Fprintf(stderr, "kb search: %v\n", err)
			}
			return nil, false
		}
		rest := fl.Args()
		if len(rest) == 0 {
			return words, true
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(words, rest...), true
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
}
