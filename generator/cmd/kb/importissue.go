package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/issueform"
	"kunskapsbanken/generator/internal/pipeline"
	"kunskapsbanken/generator/internal/vocab"
)

// cmdImportIssue turns an issue made from the case-study form into
// content/fallstudier/<slug>.md, checked as kb check would. It prints the
// file's path and the issue's branch (path=…, branch=…) and exits 0, or writes the problems as a Swedish comment for
// the issue (-comment), leaves the content as it was and exits 1.
//
// A file made from the same issue earlier (its first front matter line
// names the issue) is replaced, under its new name if the title changed;
// any other file of that name is left alone and reported.
func cmdImportIssue(args []string, stdin io.Reader, stdout, stderr io.Writer, now time.Time) int {
	fl := flag.NewFlagSet("kb import-issue", flag.ContinueOnError)
	fl.SetOutput(stderr)
	root := fl.String("root", ".", "projektets mapp")
	number := fl.Int("number", 0, "ärendets nummer")
	date := fl.String("date", "", "dagens datum (år-månad-dag) för published när formuläret inte anger något; standard: i dag")
	comment := fl.String("comment", "", "fil att skriva kommentaren till ärendet i, när något svar behöver ändras")
	if fl.Parse(args) != nil || fl.NArg() > 1 || *number < 1 {
		fmt.Fprintln(stderr, "kb import-issue: skriv kb import-issue -number N [-comment FIL] [ärendets-text.md], eller texten på standard in")
		return 2
	}
	today := now
	if *date != "" {
		t, err := time.Parse("2006-01-02", *date)
		if err != nil {
			fmt.Fprintf(stderr, "kb import-issue: -date %q är inget datum (år-månad-dag)\n", *date)
			return 2
		}
		today = t
	}
	var body []byte
	var err error
	if fl.NArg() == 0 || fl.Arg(0) == "-" {
		body, err = io.ReadAll(stdin)
	} else {
		body, err = os.ReadFile(fl.Arg(0))
	}
	if err != nil {
		fmt.Fprintf(stderr, "kb import-issue: %v\n", err)
		return 2
	}
	areas, err := readAreas(*root)
	if err != nil {
		fmt.Fprintf(stderr, "kb import-issue: %v\n", err)
		return 2
	}

	problems, path, err := importIssue(*root, string(body), issueform.Input{Number: *number, Today: today, Geo: vocab.Sweden(), Areas: areas})
	if err != nil {
		fmt.Fprintf(stderr, "kb import-issue: %v\n", err)
		return 2
	}
	if len(problems) > 0 {
		text := issueform.Comment(problems)
		fmt.Fprint(stderr, text)
		if *comment != "" {
			if err := os.WriteFile(*comment, []byte(text), 0o644); err != nil {
				fmt.Fprintf(stderr, "kb import-issue: %v\n", err)
				return 2
			}
		}
		return 1
	}
	// In the form of $GITHUB_OUTPUT: the workflow appends it there.
	fmt.Fprintf(stdout, "path=%s\nbranch=%s\n", path, issueform.Branch(*number))
	return 0
}

// importIssue converts, writes and checks; on problems it puts back what
// it changed. The error is for failures of the machine.
func importIssue(root, body string, in issueform.Input) ([]issueform.Problem, string, error) {
	res, probs := issueform.Convert(body, in)
	if probs != nil {
		return probs, "", nil
	}
	// Earlier files of this issue, and what stands at the new path.
	earlier := map[string][]byte{}
	fsys := os.DirFS(root)
	err := fs.WalkDir(fsys, "content/fallstudier", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if issueform.IssueOf(data) == in.Number {
			earlier[p] = data
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, "", err
	}
	for _, p := range []string{res.Path, "content/fallstudier/" + res.Slug + "/index.md"} {
		if _, ok := earlier[p]; ok {
			continue
		}
		if _, err := fs.Stat(fsys, p); err == nil {
			return []issueform.Problem{{Field: issueform.Fields[0].Label, Message: fmt.Sprintf("det finns redan en fallstudie med filnamnet %s; ge fallstudien en annan rubrik, som skiljer den från den som finns", p)}}, "", nil
		}
	}

	// Write, then check as kb check would: the new file, and the pages
	// that link to a file this one replaces.
	only := []string{res.Path}
	for p := range earlier {
		if p != res.Path {
			only = append(only, p)
			if err := os.Remove(filepath.Join(root, filepath.FromSlash(p))); err != nil {
				return nil, "", err
			}
		}
	}
	name := filepath.Join(root, filepath.FromSlash(res.Path))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, "", err
	}
	if err := os.WriteFile(name, res.Text, 0o644); err != nil {
		return nil, "", err
	}
	slices.Sort(only)
	checked, err := pipeline.Run(pipeline.Options{Root: fsys, Only: only})
	if err != nil {
		return nil, "", err
	}
	for _, dg := range checked.Diags {
		if dg.Severity != diag.Error {
			continue
		}
		p := issueform.Problem{Message: dg.String()}
		if dg.Path == res.Path {
			p = issueform.Problem{Field: res.FieldAt(dg.Line), Message: dg.Message}
			if p.Field == "" {
				p.Message = "fallstudien: " + dg.Message
			}
		}
		probs = append(probs, p)
	}
	if probs == nil {
		return nil, res.Path, nil
	}
	// Put back what was there.
	if old, ok := earlier[res.Path]; ok {
		err = os.WriteFile(name, old, 0o644)
	} else {
		err = os.Remove(name)
	}
	for p, data := range earlier {
		if p != res.Path && err == nil {
			err = os.WriteFile(filepath.Join(root, filepath.FromSlash(p)), data, 0o644)
		}
	}
	return probs, "", err
}
