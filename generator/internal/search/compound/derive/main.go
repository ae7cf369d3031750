// Command derive writes the compound lexicon (lexicon.txt) from the
// Swedish hunspell dictionary; see ../README.md.
//
//	go run ./generator/internal/search/compound/derive -dic sv_SE.dic -aff sv_SE.aff > generator/internal/search/compound/lexicon.txt
package main

import (
	"flag"
	"fmt"
	"os"

	"kunskapsbanken/generator/internal/search/analysis"
	"kunskapsbanken/generator/internal/search/compound"
)

func main() {
	dic := flag.String("dic", "", "the hunspell dictionary, sv_SE.dic")
	aff := flag.String("aff", "", "its affix file, sv_SE.aff")
	flag.Parse()
	if *dic == "" || *aff == "" {
		fmt.Fprintln(os.Stderr, "usage: derive -dic sv_SE.dic -aff sv_SE.aff > lexicon.txt")
		os.Exit(2)
	}
	d, err := os.Open(*dic)
	if err != nil {
		fmt.Fprintln(os.Stderr, "derive:", err)
		os.Exit(1)
	}
	defer d.Close()
	a, err := os.Open(*aff)
	if err != nil {
		fmt.Fprintln(os.Stderr, "derive:", err)
		os.Exit(1)
	}
	defer a.Close()
	text, err := compound.Derive(d, a, analysis.NewAnalyzer().Stem)
	if err != nil {
		fmt.Fprintln(os.Stderr, "derive:", err)
		os.Exit(1)
	}
	os.Stdout.WriteString(text)
}
