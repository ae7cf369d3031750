// Package bleve is the reference search engine: the pages of an
// index.Index in a bleve/v2 index held in memory, searched with the plan
// of index.Plan and bleve's BM25 scoring. kb search answers from it, and
// the tests of the browser engine (search/browser) hold that engine to it.
package bleve

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	bq "github.com/blevesearch/bleve/v2/search/query"

	blevesearch "github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"kunskapsbanken/generator/internal/search/analysis"
	"kunskapsbanken/generator/internal/search/index"
)

// Engine answers queries from a bleve index of the pages: the engine of
// record that kb search uses and the browser engine is checked against.
type Engine struct {
	ix    *index.Index
	bleve bleve.Index
	stats *blevesearch.BM25Stats
}

// Hit is one page found, with its score.
type Hit struct {
	Doc   int
	Score float64
}

// Result is what a search finds.
type Result struct {
	Query       index.Query
	Total       int
	Hits        []Hit
	Suggestions []string // when nothing is found: words the index holds
}

// New indexes the pages in a bleve index held in memory: fields titel
// to text with bleve's sv analyzer, exakt with the same analysis without
// stemming, delar with the compound parts index.Build found, and stoppord
// (index.FieldStop) with the stop words it found.
func New(ix *index.Index) (*Engine, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = bleveindex.BM25Scoring
	if err := im.AddCustomAnalyzer("sv_exakt", map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name, sv.StopName},
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer("delar", map[string]any{
		"type":      custom.Name,
		"tokenizer": whitespace.Name,
	}); err != nil {
		return nil, err
	}
	dm := bleve.NewDocumentStaticMapping()
	for f, name := range index.FieldNames {
		fm := bleve.NewTextFieldMapping()
		fm.Store, fm.IncludeTermVectors, fm.IncludeInAll, fm.DocValues = false, false, false, false
		switch f {
		case index.FieldExact:
			fm.Analyzer = "sv_exakt"
		case index.FieldParts:
			fm.Analyzer = "delar"
		default:
			fm.Analyzer = analysis.AnalyzerName
		}
		dm.AddFieldMappingsAt(name, fm)
	}
	stops := bleve.NewTextFieldMapping()
	stops.Store, stops.IncludeTermVectors, stops.IncludeInAll, stops.DocValues = false, false, false, false
	stops.Analyzer = "delar" // the words as they are, one space apart
	dm.AddFieldMappingsAt(index.FieldStopName, stops)

	im.DefaultMapping = dm
	im.DefaultAnalyzer = analysis.AnalyzerName
	idx, err := bleve.NewMemOnly(im)
	if err != nil {
		return nil, err
	}

	parts := ix.Parts()
	stopWords := ix.StopWords()
	batch := idx.NewBatch()
	for i := range ix.Docs {
		d := &ix.Docs[i]
		doc := map[string]any{index.FieldStopName: strings.Join(stopWords[i], " ")}
		for f, name := range index.FieldNames {
			if f == index.FieldParts {
				doc[name] = strings.Join(parts[i], " ")
			} else {
				doc[name] = d.FieldText(f)
			}
		}
		if err := batch.Index(docID(i), doc); err != nil {
			return nil, err
		}
		if batch.Size() >= 500 {
			if err := idx.Batch(batch); err != nil {
				return nil, err
			}
			batch = idx.NewBatch()
		}
	}
	if err := idx.Batch(batch); err != nil {
		return nil, err
	}

	// bleve's BM25 takes a field's mean length as the number of distinct
	// terms of the field over the number of pages; give it the real mean
	// (total tokens over pages), which the browser index uses too.
	stats := &blevesearch.BM25Stats{DocCount: float64(len(ix.Docs)), FieldCardinality: map[string]int{}}
	for f, name := range index.FieldNames {
		stats.FieldCardinality[name] = ix.FieldTokens(f)
	}
	stats.FieldCardinality[index.FieldStopName] = ix.FieldTokens(index.FieldStop)
	return &Engine{ix: ix, bleve: idx, stats: stats}, nil
}

// docID is a page's id in bleve: its number, zero-padded so that ids sort
// like numbers (ties in score go to the lower number, as in the browser).
func docID(i int) string { return fmt.Sprintf("%07d", i) }

// Close releases the index.
func (e *Engine) Close() error { return e.bleve.Close() }

// Index returns the analyzed pages the engine searches.
func (e *Engine) Index() *index.Index { return e.ix }

// Search finds the pages matching every word of q and the filters (facet
// name to keys; any key of a facet, every facet), best first, and returns
// limit of them from offset. A query with no words lists the pages the
// filters leave, newest first. Quoted phrases and the nearness of the
// words are judged from the index's word positions (index.Proximity),
// as the browser engine judges them.
func (e *Engine) Search(q string, filters map[string][]string, limit, offset int) (Result, error) {
	plan := e.ix.Plan(q)
	res := Result{Query: plan}
	var hits []Hit
	if len(plan.Words) == 0 {
		if len(filters) == 0 {
			return res, nil
		}
		for i := range e.ix.Docs {
			hits = append(hits, Hit{Doc: i})
		}
		sort.SliceStable(hits, func(i, j int) bool {
			return e.ix.Docs[hits[i].Doc].Facets.Published > e.ix.Docs[hits[j].Doc].Facets.Published
		})
	} else {
		var words []bq.Query
		missing := false
		for _, w := range plan.Words {
			clauses := e.ix.Clauses(w)
			if len(clauses) == 0 {
				missing = true
				if !w.Stop {
					res.Suggestions = append(res.Suggestions, e.ix.Suggest(w.Text, 5)...)
				}
				continue
			}
			var terms []bq.Query
			for _, c := range clauses {
				tq := bleve.NewTermQuery(c.Term)
				if c.Field == index.FieldStop {
					tq.SetField(index.FieldStopName)
				} else {
					tq.SetField(index.FieldNames[c.Field])
				}
				tq.SetBoost(c.Boost)
				terms = append(terms, tq)
			}
			words = append(words, bleve.NewDisjunctionQuery(terms...))
		}
		if missing { // every word must match
			return res, nil
		}
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(words...), len(e.ix.Docs), 0, false)
		req.SortBy([]string{"-_score", "_id"})
		ctx := context.WithValue(context.Background(), blevesearch.BM25StatsKey, e.stats)
		sr, err := e.bleve.SearchInContext(ctx, req)
		if err != nil {
			return res, err
		}
		prox := e.ix.Proximity(plan)
		for _, h := range sr.Hits {
			n, _ := strconv.Atoi(h.ID) // docID wrote it
			factor := 1.0
			if prox != nil {
				ok, f := prox.Page(n)
				if !ok {
					continue
				}
				factor = f
			}
			hits = append(hits, Hit{Doc: n, Score: h.Score * factor})
		}
		if prox != nil {
			sort.SliceStable(hits, func(i, j int) bool {
				return hits[i].Score > hits[j].Score || hits[i].Score == hits[j].Score && hits[i].Doc < hits[j].Doc
			})
		}
	}
	kept := hits[:0]
	for _, h := range hits {
		if e.ix.Docs[h.Doc].Facets.Matches(filters) {
			kept = append(kept, h)
		}
	}
	res.Total = len(kept)
	if offset < len(kept) {
		res.Hits = kept[offset:min(len(kept), offset+limit)]
	}
	return res, nil
}
