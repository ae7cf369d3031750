// Command svreal makes a kb project of the real Swedish corpus in
// bench/svreal/corpus/ and the known-item query set over it. Run it from
// the repository root:
//
//	go run ./bench/svreal -out DIR          # write the project into DIR
//	go run ./bench/svreal -queries FILE     # write the query set (bench/svreal/queries.tsv)
//
// # The project
//
// DIR gets the repository's site.yaml, content/omraden.yaml and themes/
// (as bench/corpus.sh copies them for the synthetic corpus) and one free
// page content/sidor/<slug>.md for each of the corpus's 438 files; build it
// with kb build -root DIR -out DIR/public. DIR must be missing, empty or a
// folder this command wrote before (it leaves the marker file .svreal);
// content/sidor and themes are replaced on every run.
//
// A page's slug is its source's prefix (ds, digg, jobtech, sfs) and its
// path in the source, Hugo's index names and sfs's year folders left out:
// designsystem/components__FBadge.md is ds-components-fbadge,
// sfs/1921__sfs-1921-410.md sfs-1921-410. Its front matter comes from the
// source's own:
//
//	designsystem     title ← title
//	opensource-docs  title ← title, summary ← description
//	jobtechdev.se    title ← title, linkTitle or menuTitle; summary ←
//	                 description or metadescription; published ← date
//	sfs              title ← rubrik; summary ← "SFS <beteckning>,
//	                 <departement>." and the whole rubrik when the title had
//	                 to be cut; published ← utfardad_datum
//
// A missing title is the body's first heading, else the slug without its
// prefix; titles are cut at 120 characters and summaries at 300, at a word,
// with "…". Every page has one sources entry: its path in the source
// repository, the publisher and a link to the file at the corpus's commit.
// The body is the source's, cleaned so that it builds without errors (see
// Clean): the prose is kept word for word.
//
// # The query set
//
// See queries.go and bench/svreal/README.md.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "", "write the kb project into this folder")
	queries := flag.String("queries", "", "write the query set into this file")
	root := flag.String("root", ".", "the repository's root")
	flag.Parse()
	if (*out == "") == (*queries == "") || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/svreal -out DIR | -queries FILE [-root REPO]")
		os.Exit(2)
	}
	corpus := filepath.Join(*root, "bench", "svreal", "corpus")
	pages, err := Adapt(corpus)
	if err == nil && *out != "" {
		err = writeProject(*root, *out, pages)
	}
	if err == nil && *queries != "" {
		err = writeQueries(*queries, pages)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "svreal:", err)
		os.Exit(1)
	}
}

const marker = ".svreal"

// writeProject writes the project into dir.
func writeProject(root, dir string, pages []*Page) error {
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dir, marker)); err != nil {
			return fmt.Errorf("%s is not empty and was not written by svreal (no %s); give a new folder", dir, marker)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, marker), []byte("written by go run ./bench/svreal\n"), 0o644); err != nil {
		return err
	}
	for _, sub := range []string{"content/sidor", "themes"} {
		if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "sidor"), 0o755); err != nil {
		return err
	}
	for _, p := range pages {
		if err := os.WriteFile(filepath.Join(dir, "content", "sidor", p.Slug+".md"), p.File(), 0o644); err != nil {
			return err
		}
	}
	for _, f := range []string{"site.yaml", "content/omraden.yaml"} {
		if err := copyFile(filepath.Join(root, f), filepath.Join(dir, f)); err != nil {
			return err
		}
	}
	themes := filepath.Join(root, "themes")
	return filepath.WalkDir(themes, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		return copyFile(path, filepath.Join(dir, rel))
	})
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
