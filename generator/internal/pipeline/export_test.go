package pipeline

import (
	"context"

	"kunskapsbanken/generator/internal/search/index"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/spool"
)

// SpooledSearchDocs is SearchDocs with each page's text not in memory but
// in a spool in dir, read by Doc.Body as kb build reads it. done closes
// the spool and returns the first error of a read.
func SpooledSearchDocs(s *site.Site, dir string) (docs []index.Doc, done func() error, err error) {
	sp, err := spool.Create(dir)
	if err != nil {
		return nil, nil, err
	}
	texts := &spooledTexts{sp: sp, refs: make([]spool.Ref, len(s.Pages))}
	for i, p := range s.Pages {
		texts.refs[i] = sp.PutString(p.Doc.Text)
	}
	done = func() error {
		if err := texts.Err(); err != nil {
			sp.Close()
			return err
		}
		return sp.Close()
	}
	docs, _ = searchDocs(context.Background(), s, texts.text)
	return docs, done, nil
}
