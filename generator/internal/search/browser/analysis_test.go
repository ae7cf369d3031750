package browser

// Tests of js/analysis.js, the browser's copy of bleve's Swedish analysis:
// node runs it over the same texts and words as bleve, and everything must
// be equal. TestJSGenerated also keeps the file's generated parts (segment's
// character classes, the stop words) equal to their sources; run it with
// -update-analysis to rewrite them.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"

	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
	kbanalysis "kunskapsbanken/generator/internal/search/analysis"

	"kunskapsbanken/generator/internal/search/internal/texts"
	"kunskapsbanken/generator/internal/spelling"
)

var updateAnalysis = flag.Bool("update-analysis", false, "rewrite the generated parts of js/analysis.js")

const analysisJS = "js/analysis.js"

// nodePath returns the path of node, or skips the test (fails it on CI,
// where scripts/install-test-deps.sh has made sure node is there).
func nodePath(t testing.TB) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		msg := "node is not installed: js/analysis.js is tested with Node.js 20 or later (Debian: apt-get install nodejs)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return node
}

// nodeProc is node running a driver script over js/analysis.js. Go sends
// it lines, which the script reads with line() (or JSON values, a line
// each, with next()), and reads the one JSON value it writes. Node works
// while Go does.
type nodeProc struct {
	t              testing.TB
	cmd            *exec.Cmd
	stdin          io.WriteCloser
	w              *bufio.Writer
	stdout, stderr bytes.Buffer
}

// driverHead is the start of every driver script.
const driverHead = `import * as ANALYSIS from "./analysis.mjs";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();
async function line() {
  const { value, done } = await lines.next();
  if (done) throw new Error("the test sent too little");
  return value;
}
const next = async () => JSON.parse(await line());
`

func startNode(t testing.TB, script string) *nodeProc {
	t.Helper()
	node := nodePath(t)
	// The module as .mjs, so that node needs no package.json to know it.
	dir := t.TempDir()
	js, err := os.ReadFile(analysisJS)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "analysis.mjs"), js, 0o644); err != nil {
		t.Fatal(err)
	}
	driver := filepath.Join(dir, "driver.mjs")
	if err := os.WriteFile(driver, []byte(driverHead+script), 0o644); err != nil {
		t.Fatal(err)
	}
	p := &nodeProc{t: t, cmd: exec.Command(node, driver)}
	p.cmd.Stdout = &p.stdout
	p.cmd.Stderr = &p.stderr
	if p.stdin, err = p.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	p.w = bufio.NewWriterSize(p.stdin, 1<<16)
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
	})
	return p
}

// line sends s, which must hold no CR or LF, as a line.
func (p *nodeProc) line(s string) {
	p.t.Helper()
	if strings.ContainsAny(s, "\r\n") {
		p.t.Fatalf("a line to node holds CR or LF: %.80q", s)
	}
	p.w.WriteString(s)
	p.w.WriteByte('\n')
}

// send sends v as a line of JSON.
func (p *nodeProc) send(v any) {
	p.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		p.t.Fatal(err)
	}
	p.w.Write(b)
	p.w.WriteByte('\n')
}

// flush hands what was sent to node.
func (p *nodeProc) flush() {
	p.t.Helper()
	if err := p.w.Flush(); err != nil {
		p.t.Fatalf("writing to node: %v\n%s", err, p.stderr.String())
	}
}

// wait waits for node to finish and decodes its output into out.
func (p *nodeProc) wait(out any) {
	p.t.Helper()
	p.flush()
	p.stdin.Close()
	if err := p.cmd.Wait(); err != nil {
		p.t.Fatalf("node: %v\n%s", err, p.stderr.String())
	}
	if err := json.Unmarshal(p.stdout.Bytes(), out); err != nil {
		p.t.Fatalf("node's output: %v\n%.200s", err, p.stdout.String())
	}
}

// jsonString is string(b) as encoding/json writes it, and so as the
// browser sees it: U+FFFD for every byte that is not valid UTF-8.
func jsonString(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for _, r := range string(b) {
		sb.WriteRune(r)
	}
	return sb.String()
}

// utf16Offsets converts increasing byte offsets into text to UTF-16
// offsets.
type utf16Offsets struct {
	text          string
	byteAt, u16At int
}

func (u *utf16Offsets) offset(byteOff int) int {
	if byteOff < u.byteAt {
		u.byteAt, u.u16At = 0, 0
	}
	for u.byteAt < byteOff {
		r, size := utf8.DecodeRuneInString(u.text[u.byteAt:])
		u.byteAt += size
		u.u16At += utf16.RuneLen(r)
	}
	if u.byteAt != byteOff {
		panic(fmt.Sprintf("byte offset %d is inside a character", byteOff))
	}
	return u.u16At
}

// ---------------------------------------------------------------- bleve's side

// bleveParts is bleve's sv analyzer, taken apart: its tokenizer, its
// filters (to_lower, stop_sv, stemmer_sv_snowball), the stop words.
type bleveParts struct {
	tokenizer analysis.Tokenizer
	svFilters []analysis.TokenFilter
	lower     analysis.TokenFilter
	stemmer   analysis.TokenFilter
	stops     analysis.TokenMap
}

func newBleveParts(t testing.TB) *bleveParts {
	t.Helper()
	cache := registry.NewCache()
	a, err := cache.AnalyzerNamed(kbanalysis.AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	da, ok := a.(*analysis.DefaultAnalyzer)
	if !ok || len(da.TokenFilters) != 3 {
		t.Fatalf("kb's analyzer is a %T, not the tokenizer and three filters this test knows", a)
	}
	if _, ok := da.TokenFilters[0].(*lowercase.LowerCaseFilter); !ok {
		t.Fatalf("the sv analyzer's first filter is a %T, not to_lower", da.TokenFilters[0])
	}
	b := &bleveParts{tokenizer: da.Tokenizer, svFilters: da.TokenFilters, lower: da.TokenFilters[0], stemmer: da.TokenFilters[2]}
	if b.stops, err = cache.TokenMapNamed(sv.StopName); err != nil {
		t.Fatal(err)
	}
	return b
}

// stem is kb's stemmer (Snowball with kb's endings) on one word.
func (b *bleveParts) stem(word string) string {
	ts := b.stemmer.Filter(analysis.TokenStream{{Term: []byte(word)}})
	return string(ts[0].Term)
}

// ---------------------------------------------------------------- the tests

// wire writes bleve's tokens as lines for the driver's readWire,
// compact for speed: the words joined by tabs (no token holds a tab, CR or
// LF), the stems likewise (analyze only), and two numbers a token, its
// distance from the end of the token before and its length in UTF-16
// units, separated by commas.
type wire struct {
	words, stems []byte
	o            []byte
	end, n       int
}

func (w *wire) add(word, stem string, start, end int) {
	if w.n > 0 {
		w.words = append(w.words, '\t')
		w.stems = append(w.stems, '\t')
		w.o = append(w.o, ',')
	}
	w.n++
	w.words = append(w.words, word...)
	w.stems = append(w.stems, stem...)
	w.o = strconv.AppendInt(w.o, int64(start-w.end), 10)
	w.o = append(w.o, ',')
	w.o = strconv.AppendInt(w.o, int64(end-start), 10)
	w.end = end
}

// send writes the lines: the number of tokens, the words, the stems if
// withStems, the offsets.
func (w *wire) send(p *nodeProc, withStems bool) {
	p.line(strconv.Itoa(w.n))
	p.line(string(w.words))
	if withStems {
		p.line(string(w.stems))
	}
	p.line(string(w.o))
}

// compareJS has the driver functions that compare JS's tokens with
// bleve's: readWire reads an wire, firstDiff finds the first
// difference, context shows it.
const compareJS = `
async function readWire(withStems) {
  const n = Number(await line());
  const words = (await line()).split("\t");
  const stems = withStems ? (await line()).split("\t") : null;
  const o = (await line()).split(",");
  const out = [];
  let end = 0;
  for (let i = 0; i < n; i++) {
    const start = end + Number(o[2 * i]);
    end = start + Number(o[2 * i + 1]);
    const tok = { word: words[i], start, end };
    if (stems) tok.stem = stems[i];
    out.push(tok);
  }
  return out;
}
const same = (a, b) => a.word === b.word && a.stem === b.stem && a.start === b.start && a.end === b.end;
function firstDiff(got, want) {
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    if (i >= got.length || i >= want.length || !same(got[i], want[i])) return i;
  }
  return -1;
}
const show = (t) => JSON.stringify(t.word) + (t.stem === undefined ? "" : "→" + JSON.stringify(t.stem)) + "[" + t.start + ":" + t.end + "]";
function context(text, got, want, d) {
  const line = (who, list) => "  " + who + list.slice(Math.max(0, d - 2), d + 4)
    .map((t, i) => (i + Math.max(0, d - 2) === d ? "→" : "") + show(t)).join(" ");
  const at = d < want.length ? want[d].start : d < got.length ? got[d].start : -1;
  return [line("JS    ", got), line("bleve ", want),
    at < 0 ? "" : "  text   " + JSON.stringify(text.slice(Math.max(0, at - 30), at + 50))].join("\n");
}
`

// TestJSAnalysisMatchesBleve compares js/analysis.js with kb's analyzer as
// bleve runs it over the site's content, the synthetic corpus, the real
// Swedish corpus (bench/svreal) and the edge cases: the
// tokens of every text (tokenize against bleve's unicode tokenizer and
// to_lower, analyze against the sv analyzer, offsets included), and, for
// every distinct word and stem, the stop-word decision, the stem and the
// fold (against Fold). It also checks the stop list itself.
func TestJSAnalysisMatchesBleve(t *testing.T) {
	t.Parallel()
	all := texts.Content(t)
	nContent := len(all)
	all = append(all, texts.Corpus(t)...)
	all = append(all, texts.Real(t)...)
	for i, s := range texts.EdgeCases {
		all = append(all, texts.Text{Name: fmt.Sprintf("edge case %d", i+1), Text: s})
	}
	// The texts for node: files by path, the rest as text.
	in := make([][3]string, len(all))
	for i, tx := range all {
		in[i] = [3]string{tx.Name, tx.Path, ""}
		if tx.Path == "" {
			in[i][2] = tx.Text
		}
	}

	// Node analyses the texts while bleve does, then compares.
	js := startNode(t, compareJS+`
const input = await next();
const names = input.map((x) => x[0]);
const texts = input.map(([, path, text]) => (path ? readFileSync(path, "utf8") : text));
const got = texts.map((t) => [ANALYSIS.tokenize(t), ANALYSIS.analyze(t)]);
const diffs = [];
let bad = 0;
let tokens = 0;
for (let i = 0; i < texts.length; i++) {
  for (const [k, what] of ["tokenize", "analyze"].entries()) {
    const w = await readWire(k === 1);
    tokens += w.length;
    const d = firstDiff(got[i][k], w);
    if (d < 0) continue;
    if (++bad <= 8) {
      diffs.push(names[i] + ": " + what + " differs from bleve at token " + d + " (" + got[i][k].length +
        " tokens, bleve " + w.length + "):\n" + context(texts[i], got[i][k], w, d));
    }
  }
}
const words = await next();
const wordDiffs = [];
let badWords = 0;
for (const [w, stop, stem, fold] of words) {
  const g = [ANALYSIS.isStop(w), ANALYSIS.stem(w), ANALYSIS.fold(w)];
  if (g[0] === stop && g[1] === stem && g[2] === fold) continue;
  if (++badWords <= 12) {
    wordDiffs.push(JSON.stringify(w) + ": JS stop=" + g[0] + " stem=" + JSON.stringify(g[1]) + " fold=" + JSON.stringify(g[2]) +
      ", Go stop=" + stop + " stem=" + JSON.stringify(stem) + " fold=" + JSON.stringify(fold));
  }
}
process.stdout.write(JSON.stringify({ stop: ANALYSIS.stopWords(), bad, diffs, tokens, badWords, wordDiffs }));
`)
	js.send(in)
	js.flush()

	// bleve's side: the sv analyzer's own tokenizer and filters, to_lower
	// applied first so that the words can be kept before the rest.
	b := newBleveParts(t)
	wordSet := map[string]bool{}
	for _, tx := range all {
		var tok, an wire
		toks := b.lower.Filter(b.tokenizer.Tokenize([]byte(tx.Text)))
		u := &utf16Offsets{text: tx.Text}
		type pos struct{ start, end int }
		at := make(map[int]pos, len(toks))
		words := make(map[int]string, len(toks))
		for _, tk := range toks {
			w := jsonString(tk.Term)
			at[tk.Start] = pos{u.offset(tk.Start), u.offset(tk.End)}
			words[tk.Start] = w
			tok.add(w, "", at[tk.Start].start, at[tk.Start].end)
			if utf8.Valid(tk.Term) {
				wordSet[w] = true
			}
		}
		for _, f := range b.svFilters[1:] {
			toks = f.Filter(toks)
		}
		for _, tk := range toks {
			stem := jsonString(tk.Term)
			an.add(words[tk.Start], stem, at[tk.Start].start, at[tk.Start].end)
			if utf8.Valid(tk.Term) {
				wordSet[stem] = true
			}
		}
		tok.send(js, false)
		an.send(js, true)
	}
	words := make([][4]any, 0, len(wordSet))
	for w := range wordSet {
		_, stop := b.stops[w]
		words = append(words, [4]any{w, stop, b.stem(w), spelling.Fold(w)})
	}
	js.send(words)

	var got struct {
		Stop      []string `json:"stop"`
		Bad       int      `json:"bad"`
		Diffs     []string `json:"diffs"`
		Tokens    int      `json:"tokens"`
		BadWords  int      `json:"badWords"`
		WordDiffs []string `json:"wordDiffs"`
	}
	js.wait(&got)

	var stops []string
	for w := range b.stops {
		stops = append(stops, w)
	}
	sort.Strings(stops)
	if !slices.Equal(got.Stop, stops) {
		t.Errorf("stopWords() = %q,\nbleve's stop_sv = %q", got.Stop, stops)
	}
	for _, d := range got.Diffs {
		t.Error(d)
	}
	if got.Bad > len(got.Diffs) {
		t.Errorf("… %d texts differ in all", got.Bad)
	}
	if got.BadWords > 0 {
		t.Errorf("%d of %d distinct words differ, for example:\n%s", got.BadWords, len(words), strings.Join(got.WordDiffs, "\n"))
	}
	t.Logf("compared %d texts (%d content pages, %d corpus pages (synthetic and real), %d edge cases), %d tokens, %d distinct words and stems",
		len(all), nContent, len(all)-nContent-len(texts.EdgeCases), len(texts.EdgeCases), got.Tokens, len(words))
}

// TestJSTokenizerEveryCharacter tokenizes every assigned character of
// Unicode, alone and in contexts that put it inside and between words and
// numbers, with both tokenizers. Han ideographs and Hangul syllables, which
// are most of them and all alike, get two contexts, the others six.
func TestJSTokenizerEveryCharacter(t *testing.T) {
	t.Parallel()
	contexts := []string{"%s%s", "a%sa", "%s", "1%s1", "ア%sア", "é%s1"}
	var lines []string
	var chars []rune
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r == '\n' || (r >= 0xd800 && r <= 0xdfff) || unicode.Is(unicode.Co, r) {
			continue
		}
		if !unicode.IsPrint(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r) && !unicode.IsSpace(r) {
			continue // unassigned
		}
		n := len(contexts)
		if unicode.Is(unicode.Ideographic, r) || r >= 0xac00 && r <= 0xd7a3 {
			n = 2
		}
		for _, c := range contexts[:n] {
			lines = append(lines, strings.ReplaceAll(c, "%s", string(r)))
			chars = append(chars, r)
		}
	}
	// One text, a line each: LF always ends a token, so a line's tokens
	// are the same as on its own.
	text := strings.Join(lines, "\n")
	js := startNode(t, compareJS+`
const text = await next();
const got = ANALYSIS.tokenize(text);
const want = await readWire(false);
// The tokens of each line, as text, offsets from the line's start.
const starts = [];
let at = 0;
for (const l of text.split("\n")) {
  starts.push(at);
  at += l.length + 1;
}
function byLine(list) {
  const out = new Array(starts.length).fill("");
  let line = 0;
  for (const t of list) {
    while (line + 1 < starts.length && starts[line + 1] <= t.start) line++;
    const s = starts[line];
    out[line] += (out[line] ? " " : "") + show({ word: t.word, start: t.start - s, end: t.end - s });
  }
  return out;
}
const g = byLine(got);
const w = byLine(want);
const bad = [];
const examples = [];
for (let i = 0; i < starts.length; i++) {
  if (g[i] === w[i]) continue;
  bad.push(i);
  if (examples.length < 12) {
    const line = JSON.stringify(text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] - 1 : text.length));
    examples.push({ line: i, text: line + ": JS [" + g[i] + "], bleve [" + w[i] + "]" });
  }
}
process.stdout.write(JSON.stringify({ bad, examples, tokens: want.length }));
`)
	js.send(text)
	js.flush()

	b := newBleveParts(t)
	u := &utf16Offsets{text: text}
	var wb wire
	for _, tok := range b.lower.Filter(b.tokenizer.Tokenize([]byte(text))) {
		wb.add(jsonString(tok.Term), "", u.offset(tok.Start), u.offset(tok.End))
	}
	wb.send(js, false)
	var got struct {
		Bad      []int
		Examples []struct {
			Line int
			Text string
		}
		Tokens int
	}
	js.wait(&got)

	if len(got.Bad) > 0 {
		bad := map[rune]bool{}
		for _, i := range got.Bad {
			bad[chars[i]] = true
		}
		var ex []string
		for _, e := range got.Examples {
			ex = append(ex, fmt.Sprintf("U+%04X %s", chars[e.Line], e.Text))
		}
		t.Errorf("%d characters tokenize differently, in %d lines, for example:\n%s", len(bad), len(got.Bad), strings.Join(ex, "\n"))
	}
	t.Logf("%d lines, %d tokens", len(lines), got.Tokens)
}

// TestJSFoldEveryCharacter compares fold with Fold on every assigned
// character, alone and after a Latin and a Greek letter (whose marks fold
// keeps).
func TestJSFoldEveryCharacter(t *testing.T) {
	t.Parallel()
	var in, want []string
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if (r >= 0xd800 && r <= 0xdfff) || unicode.Is(unicode.Co, r) {
			continue
		}
		if !unicode.IsPrint(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r) && !unicode.IsSpace(r) {
			continue // unassigned
		}
		for _, s := range []string{string(r), "a" + string(r), "α" + string(r)} {
			in = append(in, s)
			want = append(want, spelling.Fold(s))
		}
	}
	js := startNode(t, `
const input = await next();
const want = await next();
const diffs = [];
let bad = 0;
for (let i = 0; i < input.length; i++) {
  const got = ANALYSIS.fold(input[i]);
  if (got !== want[i] && ++bad <= 12) {
    diffs.push(JSON.stringify(input[i]) + " (U+" + input[i].codePointAt(input[i].length > 2 ? 1 : 0).toString(16).toUpperCase() +
      "): fold " + JSON.stringify(got) + ", Fold " + JSON.stringify(want[i]));
  }
}
process.stdout.write(JSON.stringify({ bad, diffs }));
`)
	js.send(in)
	js.send(want)
	var got struct {
		Bad   int
		Diffs []string
	}
	js.wait(&got)
	if got.Bad > 0 {
		t.Errorf("fold and Fold differ on %d of %d strings, for example:\n%s", got.Bad, len(in), strings.Join(got.Diffs, "\n"))
	}
}

// ---------------------------------------------------------------- generated parts

// TestJSGenerated checks the generated parts of js/analysis.js: segment's
// word-break classes, from the Ragel files segment v0.9.1 is generated
// from (Unicode 8.0's WordBreakProperty.txt and Scripts.txt), and bleve's
// Swedish stop words. With -update-analysis it rewrites them.
func TestJSGenerated(t *testing.T) {
	src, err := os.ReadFile(analysisJS)
	if err != nil {
		t.Fatal(err)
	}
	out := string(src)
	for _, part := range []struct{ name, body string }{
		{"word-break classes", generatedClasses(t)},
		{"stop words", generatedStopWords(t)},
	} {
		begin := "// BEGIN GENERATED " + part.name
		end := "// END GENERATED " + part.name
		i := strings.Index(out, begin)
		j := strings.Index(out, end)
		if i < 0 || j < i {
			t.Fatalf("%s: no %q … %q", analysisJS, begin, end)
		}
		i += strings.IndexByte(out[i:], '\n') + 1
		j = strings.LastIndexByte(out[:j], '\n') + 1
		if out[i:j] != part.body {
			if !*updateAnalysis {
				t.Errorf("%s: the generated %s are out of date; run go test -run TestJSGenerated -update-analysis", analysisJS, part.name)
			}
			out = out[:i] + part.body + out[j:]
		}
	}
	if *updateAnalysis && out != string(src) {
		if err := os.WriteFile(analysisJS, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %s", analysisJS)
	}
}

// wrapJS writes the JavaScript string expression s over lines of at
// most about 100 characters.
func wrapJS(sb *strings.Builder, name, s string, sep string) {
	fmt.Fprintf(sb, "const %s =\n", name)
	const width = 88
	for len(s) > 0 {
		n := min(len(s), width)
		if sep != "" && n < len(s) {
			if k := strings.LastIndex(s[:n], sep); k > 0 {
				n = k + 1
			}
		}
		fmt.Fprintf(sb, "  %s", strconv.Quote(s[:n]))
		s = s[n:]
		if len(s) > 0 {
			sb.WriteString(" +\n")
		}
	}
	sb.WriteString(";\n")
}

// generatedStopWords is the stop-word part: bleve's stop_sv token map.
func generatedStopWords(t testing.TB) string {
	m, err := registry.NewCache().TokenMapNamed(sv.StopName)
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for w := range m {
		words = append(words, w)
	}
	sort.Strings(words)
	var sb strings.Builder
	sb.WriteString("// bleve's stop_sv (analysis/lang/sv/stop_words_sv.go), sorted, one space apart.\n")
	wrapJS(&sb, "STOP_WORDS", strings.Join(words, " "), " ")
	return sb.String()
}

// classNames are the classes segment's word rules use, in the order
// of their bits.
var classNames = []string{
	"ALetter", "Hebrew_Letter", "Numeric", "Katakana", "ExtendNumLet", "Extend", "Format",
	"MidLetter", "MidNum", "MidNumLet", "Single_Quote", "Double_Quote", "Regional_Indicator",
	"CR", "LF", "Newline", // from ragel/uwb.rl
	"Hangul", "Han", "Hiragana", // from ragel/uscript.rl
}

// generatedClasses is the word-break part: each class as a bit, and a table
// of runs of characters with the same classes.
func generatedClasses(t testing.TB) string {
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/blevesearch/segment")
	cmd.Dir = texts.Root(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -m github.com/blevesearch/segment: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "ragel")
	sets := map[string]map[rune]bool{}
	for _, f := range []string{"uwb.rl", "uscript.rl"} {
		if err := parseRagel(filepath.Join(dir, f), sets); err != nil {
			t.Fatal(err)
		}
	}
	mask := map[rune]int{}
	for i, name := range classNames {
		set, ok := sets[name]
		if !ok || len(set) == 0 {
			t.Fatalf("segment's Ragel files define no class %s", name)
		}
		for r := range set {
			mask[r] |= 1 << i
		}
	}
	// Runs: a start wherever the mask changes.
	type run struct {
		start rune
		mask  int
	}
	var runs []run
	prev := 0
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if m := mask[r]; m != prev {
			runs = append(runs, run{r, m})
			prev = m
		}
	}
	palette := []int{}
	index := map[int]int{}
	for _, r := range runs {
		if _, ok := index[r.mask]; !ok {
			index[r.mask] = -1
			palette = append(palette, r.mask)
		}
	}
	sort.Ints(palette)
	if len(palette) > 26 {
		t.Fatalf("%d distinct class masks; the table's letters A to Z hold 26", len(palette))
	}
	for i, m := range palette {
		index[m] = i
	}
	var table strings.Builder
	last := rune(0)
	for _, r := range runs {
		table.WriteString(strconv.FormatInt(int64(r.start-last), 36))
		table.WriteByte(byte('A' + index[r.mask]))
		last = r.start
	}

	var sb strings.Builder
	sb.WriteString("// segment v0.9.1's character classes (ragel/uwb.rl, ragel/uscript.rl: Unicode 8.0).\n")
	for i, name := range classNames {
		fmt.Fprintf(&sb, "const %s = 1 << %d;\n", name, i)
	}
	sb.WriteString("// The class masks that occur, and CLASSES: for each run of characters\n")
	sb.WriteString("// with the same classes, its distance from the previous run's start in\n")
	sb.WriteString("// base 36, then a letter: A for PALETTE[0], B for PALETTE[1]…\n")
	ps := make([]string, len(palette))
	for i, p := range palette {
		ps[i] = strconv.Itoa(p)
	}
	fmt.Fprintf(&sb, "const PALETTE = [%s];\n", strings.Join(ps, ", "))
	wrapJS(&sb, "CLASSES", table.String(), "")
	return sb.String()
}

// parseRagel adds the classes of a Ragel file of segment's
// (alternatives of byte sequences, "0xE1 0x85..0x86 0x00..0xFF") to sets,
// as the characters whose valid UTF-8 encodings the sequences match: the
// generator wrote some byte ranges wider than UTF-8 allows, which valid text
// never meets.
func parseRagel(path string, sets map[string]map[rune]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var cur map[rune]bool
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		switch {
		case strings.HasSuffix(line, "="):
			cur = map[rune]bool{}
			sets[strings.TrimSpace(strings.TrimSuffix(line, "="))] = cur
			continue
		case line == ";":
			cur = nil
			continue
		case line == "" || cur == nil:
			continue
		}
		var ranges [][2]int
		for _, tok := range strings.Fields(strings.TrimPrefix(line, "|")) {
			lo, hi, ok := strings.Cut(tok, "..")
			if !ok {
				hi = lo
			}
			a, err1 := strconv.ParseUint(lo, 0, 8)
			b, err2 := strconv.ParseUint(hi, 0, 8)
			if err1 != nil || err2 != nil || a > b {
				return fmt.Errorf("%s:%d: cannot read %q", path, n, tok)
			}
			ranges = append(ranges, [2]int{int(a), int(b)})
		}
		buf := make([]byte, len(ranges))
		var each func(i int)
		each = func(i int) {
			if i == len(ranges) {
				if r, size := utf8.DecodeRune(buf); size == len(buf) && r != utf8.RuneError {
					cur[r] = true
				}
				return
			}
			for b := ranges[i][0]; b <= ranges[i][1]; b++ {
				buf[i] = byte(b)
				each(i + 1)
			}
		}
		each(0)
	}
	return sc.Err()
}
