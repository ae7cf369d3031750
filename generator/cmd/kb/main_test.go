package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// project copies the repository's site.yaml, vocabulary, accessibility
// statement and theme into a temporary project and returns its folder.
// Its site.yaml has what the open data's description needs (an address
// with a host, a publisher), so that a check of a complete project gives
// no warning and the tests see only the problems they make.
func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"site.yaml", "content/omraden.yaml", "content/tillganglighet.yaml"} {
		copyFile(t, filepath.Join("..", "..", "..", p), filepath.Join(dir, p))
	}
	site, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	site = []byte(strings.Replace(string(site), "baseURL: /\n", "baseURL: https://kunskapsbanken.example/\n", 1))
	site = append(site, "publisher:\n  name: \"Lunds kommun\"\n  organisationNumber: 212000-1124\n  type: LocalAuthority\n"+
		"  contact:\n    name: \"Öppna data, Lunds kommun\"\n    email: oppnadata@kommun.example\n"...)
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), site, 0o644); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join("..", "..", "..", "themes")
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			rel, _ := filepath.Rel(root, p)
			copyFile(t, p, filepath.Join(dir, "themes", rel))
		}
		return err
	})
	return dir
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(to), 0o755)
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func kb(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return kbInput(t, "", args...)
}

// kbInput runs kb with stdin as what is typed in its terminal.
func kbInput(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb strings.Builder
	now := func() time.Time { return time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC) }
	code = run(args, strings.NewReader(stdin), &out, &errb, now)
	return code, out.String(), errb.String()
}

// TestNewThenCheck: kb new writes a page that kb check then walks the
// editor through, key by key; it never overwrites.
func TestNewThenCheck(t *testing.T) {
	dir := project(t)
	code, out, errs := kb(t, "new", "-root", dir, "fallstudie", "Digitala lås i Lunds hemtjänst")
	if code != 0 || !strings.HasPrefix(out, "content/fallstudier/digitala-las-i-lunds-hemtjanst.md\n") {
		t.Fatalf("kb new: %d %q %q", code, out, errs)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "content/fallstudier/digitala-las-i-lunds-hemtjanst.md"))
	if !strings.Contains(string(data), "published: 2026-11-22\n") || !strings.Contains(string(data), `title: "Digitala lås i Lunds hemtjänst"`) {
		t.Errorf("new page:\n%s", data)
	}
	code, _, errs = kb(t, "new", "-root", dir, "fallstudie", "Digitala lås i Lunds hemtjänst")
	if code != 1 || !strings.Contains(errs, "finns redan och skrivs inte över") {
		t.Errorf("second kb new: %d %q", code, errs)
	}
	code, out, _ = kb(t, "check", "-root", dir)
	// Only the keys that must be filled in are reported; optional ones
	// left empty count as absent.
	want := `content/fallstudier/digitala-las-i-lunds-hemtjanst.md:3:10: summary är tom men krävs; skriv till exempel summary: "En eller två meningar om vad som gjordes och vad det gav."
content/fallstudier/digitala-las-i-lunds-hemtjanst.md:4:14: municipality är tom men krävs; skriv kommunen, till exempel municipality: Lund, eller region för regionalt arbete
content/fallstudier/digitala-las-i-lunds-hemtjanst.md:5:8: areas behöver minst ett område från content/omraden.yaml
content/fallstudier/digitala-las-i-lunds-hemtjanst.md:6:8: status är tom men krävs; skriv till exempel status: pilot
content/fallstudier/digitala-las-i-lunds-hemtjanst.md:12:12: källans title är tom men krävs; skriv till exempel title: "Lund i framkant med digital utveckling"
content/fallstudier/digitala-las-i-lunds-hemtjanst.md:13:16: källans publisher är tom men krävs; skriv till exempel publisher: Lunds kommun
`
	if code != 1 || out != want {
		t.Errorf("kb check after kb new: exit %d\n%s\nwant\n%s", code, out, want)
	}
}

// TestCheckGitHub: a change that breaks three rules gives three
// annotations in the form GitHub reads, and exit status 1.
func TestCheckGitHub(t *testing.T) {
	t.Setenv("GITHUB_STEP_SUMMARY", "") // as outside GitHub Actions, also when the tests run in it
	dir := project(t)
	page := "---\ntitle: \"Lås\"\nsummary: \"Om lås.\"\nmunicipality: Lnud\nareas: [digitala-laas]\nstatus: pilot\npublished: 2021-02-30\n---\n"
	copyFile(t, writeTemp(t, page), filepath.Join(dir, "content/fallstudier/las.md"))
	code, out, _ := kb(t, "check", "-root", dir, "-format", "github")
	want := `::error file=content/fallstudier/las.md,line=4,col=15::okänd kommun "Lnud"; menade du "Lund"?
::error file=content/fallstudier/las.md,line=5,col=9::okänt område "digitala-laas"; menade du "digitala-las"?; områdena finns i content/omraden.yaml
::error file=content/fallstudier/las.md,line=7,col=12::published: "2021-02-30" är inget datum; skriv år-månad-dag, till exempel 2020-06-01
`
	if code != 1 || out != want {
		t.Errorf("exit %d, got\n%s\nwant\n%s", code, out, want)
	}
}

func writeTemp(t *testing.T, s string) string {
	p := filepath.Join(t.TempDir(), "x")
	os.WriteFile(p, []byte(s), 0o644)
	return p
}

func TestBuildRefusesBrokenContent(t *testing.T) {
	dir := project(t)
	copyFile(t, writeTemp(t, "---\ntitle: x\n---\n"), filepath.Join(dir, "content/sidor/om.md"))
	if code, _, errs := kb(t, "build", "-root", dir); code != 0 {
		t.Fatalf("valid build: %d %s", code, errs)
	}
	copyFile(t, writeTemp(t, "---\ntitel: x\n---\n"), filepath.Join(dir, "content/sidor/om.md"))
	code, _, errs := kb(t, "build", "-root", dir)
	if code != 1 || !strings.Contains(errs, `content/sidor/om.md:2:1: okänd nyckel "titel"; menade du "title"?`) || !strings.Contains(errs, "publicerades inte") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "sidor", "om", "index.html")); err != nil {
		t.Errorf("the last good site is gone: %v", err)
	}
}

func TestUsage(t *testing.T) {
	if code, _, _ := kb(t); code != 2 {
		t.Errorf("no arguments: exit %d", code)
	}
	if code, _, errs := kb(t, "bygg"); code != 2 || !strings.Contains(errs, `okänt kommando "bygg"`) {
		t.Errorf("unknown command: exit %d %q", code, errs)
	}
	if code, _, _ := kb(t, "check", "-format", "xml"); code != 2 {
		t.Errorf("bad format: exit %d", code)
	}
}

// TestCheckChanged makes a git repository with a main branch and a pull
// request's branch, and checks that -changed reports the changed page and
// the page that links to a deleted one, but not an old problem elsewhere.
func TestCheckChanged(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := project(t)
	page := func(title, body string) string {
		return "---\ntitle: \"" + title + "\"\nsummary: \"S.\"\nmunicipality: Lund\nareas: [digitala-las]\nstatus: pilot\npublished: 2021-01-01\n---\n\n" + body + "\n"
	}
	write := func(rel, data string) { copyFile(t, writeTemp(t, data), filepath.Join(dir, rel)) }
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.org"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write("content/fallstudier/a.md", page("A", "Se [B](b.md)."))
	write("content/fallstudier/b.md", page("B", "Text."))
	write("content/fallstudier/c.md", page("C", "Se [D](d.md).")) // c links to d
	write("content/fallstudier/d.md", page("D", "Text."))
	write("content/fallstudier/gammal.md", page("Gammal", "Redan trasig: [x](finns-inte.md)."))
	run("init", "-q", "-b", "main")
	run("add", "-A")
	run("commit", "-q", "-m", "main")
	run("checkout", "-q", "-b", "forslag")
	write("content/fallstudier/a.md", strings.Replace(page("A", "Se [B](b.md)."), "status: pilot", "status: piloot", 1))
	run("rm", "-q", "content/fallstudier/d.md")
	run("commit", "-q", "-am", "ändring")
	write("content/fallstudier/ny.md", page("Ny", "Ej incheckad, länkar till [saknas](saknas.md).")) // untracked

	code, out, errs := kb(t, "check", "-root", dir, "-changed", "-base", "main")
	want := `content/fallstudier/a.md:6:9: okänd status "piloot"; menade du "pilot"?; status är en av planned, pilot, implemented, scaled, ended
content/fallstudier/c.md:10:4: länken går till content/fallstudier/d.md, som inte finns; menade du content/fallstudier/a.md, content/fallstudier/b.md eller content/fallstudier/c.md?; länka med en relativ sökväg till .md-filen, till exempel ../fallstudier/lund-digitala-las.md
content/fallstudier/ny.md:10:27: länken går till content/fallstudier/saknas.md, som inte finns; länka med en relativ sökväg till .md-filen, till exempel ../fallstudier/lund-digitala-las.md
`
	if code != 1 || out != want {
		t.Errorf("exit %d, stderr %q, got\n%s\nwant\n%s", code, errs, out, want)
	}
	// The whole check still sees the old problem.
	if _, out, _ := kb(t, "check", "-root", dir); !strings.Contains(out, "content/fallstudier/gammal.md") {
		t.Errorf("full check misses the old problem:\n%s", out)
	}
}

// TestCheckAndBuildAgreeOnDrafts: kb check checks what kb build publishes.
// A link to a draft fails both; with -drafts both include the draft and
// pass.
func TestCheckAndBuildAgreeOnDrafts(t *testing.T) {
	dir := project(t)
	draft := "---\ntitle: \"Utkast\"\ndraft: true\n---\n"
	linking := "---\ntitle: \"Om\"\n---\n\nSe [utkastet](utkast.md).\n"
	copyFile(t, writeTemp(t, draft), filepath.Join(dir, "content/sidor/utkast.md"))
	copyFile(t, writeTemp(t, linking), filepath.Join(dir, "content/sidor/om.md"))
	const msg = "content/sidor/om.md:5:4: länken går till content/sidor/utkast.md, som är ett utkast"
	code, out, _ := kb(t, "check", "-root", dir)
	if code != 1 || !strings.Contains(out, msg) {
		t.Errorf("kb check: exit %d\n%s", code, out)
	}
	code, _, errs := kb(t, "build", "-root", dir)
	if code != 1 || !strings.Contains(errs, msg) {
		t.Errorf("kb build: exit %d\n%s", code, errs)
	}
	if code, out, _ := kb(t, "check", "-root", dir, "-drafts"); code != 0 {
		t.Errorf("kb check -drafts: exit %d\n%s", code, out)
	}
	if code, _, errs := kb(t, "build", "-root", dir, "-drafts"); code != 0 {
		t.Errorf("kb build -drafts: exit %d\n%s", code, errs)
	}
}

// TestBuildRefusesForeignOut: -out naming a folder kb did not write stops
// before any work, names the folder and the ways out, and leaves it whole.
func TestBuildRefusesForeignOut(t *testing.T) {
	dir := project(t)
	copyFile(t, writeTemp(t, "---\ntitle: x\n---\n"), filepath.Join(dir, "content/sidor/om.md"))
	mine := filepath.Join(t.TempDir(), "Dokument")
	copyFile(t, writeTemp(t, "mitt"), filepath.Join(mine, "brev.txt"))
	code, _, errs := kb(t, "build", "-root", dir, "-out", mine)
	if code != 2 || !strings.Contains(errs, mine+" finns, är inte tom och är ingen webbplats som kb har byggt") || !strings.Contains(errs, "-out") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	if data, err := os.ReadFile(filepath.Join(mine, "brev.txt")); err != nil || string(data) != "mitt" {
		t.Errorf("the folder's file: %q %v", data, err)
	}
	// The project's own folder, as a mistyped -out .. would name it.
	if code, _, errs := kb(t, "build", "-root", dir, "-out", "."); code != 2 || !strings.Contains(errs, "ingen webbplats som kb har byggt") {
		t.Errorf("-out .: exit %d, stderr:\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err != nil {
		t.Errorf("the project lost site.yaml: %v", err)
	}
	// A site kb built is replaced as before.
	if code, _, errs := kb(t, "build", "-root", dir); code != 0 {
		t.Fatalf("first build: %d %s", code, errs)
	}
	if code, _, errs := kb(t, "build", "-root", dir); code != 0 {
		t.Errorf("second build over kb's own site: %d %s", code, errs)
	}
}

// TestVersion: kb version names the version and the commit, as the release
// stamps them into the program it builds.
func TestVersion(t *testing.T) {
	code, out, _ := kb(t, "version")
	if code != 0 || !strings.HasPrefix(out, "kb utvecklingsversion\ncommit ") {
		t.Errorf("kb version: %d %q", code, out)
	}
	if testing.Short() {
		return
	}
	bin := filepath.Join(t.TempDir(), "kb")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=v9.8.7 -X main.commit=0123abc", "-o", bin, ".")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	b, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "kb v9.8.7\ncommit 0123abc\n") {
		t.Errorf("kb version of a stamped build:\n%s\nwant v9.8.7 and commit 0123abc", b)
	}
}

// TestCheckGitHubSummary: with 60 problems, more than GitHub shows as
// annotations, kb check -format github writes all 60 to the job summary,
// grouped by file, after what the summary already held, and a notice
// linking to it.
func TestCheckGitHubSummary(t *testing.T) {
	dir := project(t)
	for i := range 20 {
		page := fmt.Sprintf("---\ntitle: \"Lås %d\"\nsummary: \"Om lås | <b>x</b>.\"\nmunicipality: Lnud\nareas: [digitala-laas]\nstatus: pilot\npublished: 2021-02-30\n---\n", i)
		copyFile(t, writeTemp(t, page), filepath.Join(dir, fmt.Sprintf("content/fallstudier/las-%02d.md", i)))
	}
	summary := filepath.Join(t.TempDir(), "summary.md")
	os.WriteFile(summary, []byte("earlier step\n"), 0o644)
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	t.Setenv("GITHUB_SERVER_URL", "https://github.com")
	t.Setenv("GITHUB_REPOSITORY", "org/kb")
	t.Setenv("GITHUB_RUN_ID", "42")
	code, out, _ := kb(t, "check", "-root", dir, "-format", "github")
	if code != 1 || strings.Count(out, "::error ") != 60 {
		t.Fatalf("exit %d, %d annotations:\n%s", code, strings.Count(out, "::error "), out)
	}
	if !strings.HasPrefix(out, "::notice title=Alla 60 problem::") || !strings.Contains(out, "https://github.com/org/kb/actions/runs/42\n") {
		t.Errorf("no notice linking to the summary:\n%s", out[:200])
	}
	data, _ := os.ReadFile(summary)
	text := string(data)
	if !strings.HasPrefix(text, "earlier step\n## kb check: 60 fel, 0 varningar\n") {
		t.Errorf("summary starts:\n%.200s", text)
	}
	rows := 0
	for i := range 20 {
		head := fmt.Sprintf("### content/fallstudier/las-%02d.md\n\n| rad | kolumn | problem |\n| ---: | ---: | --- |\n", i)
		at := strings.Index(text, head)
		if at < 0 {
			t.Fatalf("no table for las-%02d.md:\n%s", i, text)
		}
		table := strings.SplitN(text[at+len(head):], "\n\n", 2)[0]
		want := []string{
			`| 4 | 15 | okänd kommun "Lnud"; menade du "Lund"? |`,
			`| 5 | 9 | okänt område "digitala-laas"; menade du "digitala-las"?; områdena finns i content/omraden.yaml |`,
			`| 7 | 12 | published: "2021-02-30" är inget datum; skriv år-månad-dag, till exempel 2020-06-01 |`,
		}
		if table != strings.Join(want, "\n") {
			t.Errorf("las-%02d.md's table:\n%s\nwant\n%s", i, table, strings.Join(want, "\n"))
		}
		rows += strings.Count(table, "\n") + 1
	}
	if rows != 60 {
		t.Errorf("%d rows in the summary", rows)
	}
}

// TestBuildEditLinks: the repository and branch given to kb build (as the
// publish workflow does) make each page's edit link and the link to the
// case-study form, with no repository in site.yaml.
func TestBuildEditLinks(t *testing.T) {
	dir := importProject(t)
	out := filepath.Join(t.TempDir(), "public")
	code, _, errs := kb(t, "build", "-root", dir, "-out", out, "-repository", "https://github.com/org/kunskapsbanken/", "-branch", "huvud")
	if code != 0 {
		t.Fatalf("kb build: %d\n%s", code, errs)
	}
	html, err := os.ReadFile(filepath.Join(out, "fallstudier", "lund-digitala-las", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`href="https://github.com/org/kunskapsbanken/edit/huvud/content/fallstudier/lund-digitala-las.md"`,
		`href="https://github.com/org/kunskapsbanken/issues/new?template=ny-fallstudie.yml"`,
	} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join("..", "..", "..", ".github", "ISSUE_TEMPLATE", "ny-fallstudie.yml")); err != nil {
		t.Errorf("the link's form: %v", err)
	}
	if code, _, errs := kb(t, "build", "-root", dir, "-out", out, "-repository", "github.com/org"); code != 2 || !strings.Contains(errs, "-repository") {
		t.Errorf("a repository without https://: %d %s", code, errs)
	}
}

// TestNewAsks: kb new without a title, in a terminal, asks until every
// answer is one kb check accepts (a misspelt municipality gets the closest
// names), and the file it writes passes kb check.
func TestNewAsks(t *testing.T) {
	dir := project(t)
	copyFile(t, writeTemp(t, "---\ntitle: x\n---\n"), filepath.Join(dir, "content/fallstudier/digitala-las-i-lund.md"))
	answers := strings.Join([]string{
		"Digitala lås i Lund", // exists: asked again
		"Digitala lås i Lunds hemtjänst: \"nycklar\" & `kod`",
		"Hemtjänsten bytte nycklar mot digitala lås.",
		"Lnud",
		"goteborg kommun", // folded, " kommun" taken off: Göteborg
		"?",
		"digitala-laas, Trygghetslarm",
		"Digitala lås, trygghetslarm, digitala-las",
		"införd",
	}, "\n") + "\n"
	code, out, errs := kbInput(t, answers, "new", "-root", dir)
	if code != 0 {
		t.Fatalf("kb new: %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{
		"Det finns redan en fallstudie som heter content/fallstudier/digitala-las-i-lund.md",
		`"Lnud" är inte en av Sveriges kommuner; menade du "Lund"? Skriv igen.`,
		"Kommunen skrivs Göteborg.",
		"  trygghetslarm                Trygghetslarm\n",
		`"digitala-laas" är inget område; menade du "digitala-las"`,
		"content/fallstudier/digitala-las-i-lunds-hemtjanst-nycklar-kod.md\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("kb new said no %q:\n%s", want, out)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "content/fallstudier/digitala-las-i-lunds-hemtjanst-nycklar-kod.md"))
	for _, want := range []string{
		"title: \"Digitala lås i Lunds hemtjänst: \\\"nycklar\\\" & `kod`\"\n",
		"municipality: \"Göteborg\"\n", "areas: [digitala-las, trygghetslarm]\n", "status: implemented\n", "published: 2026-11-22\n",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the file lacks %q:\n%s", want, data)
		}
	}
	os.Remove(filepath.Join(dir, "content/fallstudier/digitala-las-i-lund.md"))
	if code, out, errs := kb(t, "check", "-root", dir); code != 0 {
		t.Errorf("kb check of what kb new wrote: %d\n%s%s", code, out, errs)
	}

	// Answers that end early write nothing.
	code, _, errs = kbInput(t, "En rubrik\n", "new", "-root", dir)
	if code != 1 || !strings.Contains(errs, "avbrutet") {
		t.Errorf("kb new with too few answers: %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/fallstudier/en-rubrik.md")); err == nil {
		t.Error("kb new wrote a file from too few answers")
	}
}

func TestBuildProfiles(t *testing.T) {
	dir := project(t)
	cpu, mem := filepath.Join(t.TempDir(), "cpu.out"), filepath.Join(t.TempDir(), "mem.out")
	if code, _, errs := kb(t, "build", "-root", dir, "-cpuprofile", cpu, "-memprofile", mem); code != 0 {
		t.Fatalf("build: %d %s", code, errs)
	}
	for _, f := range []string{cpu, mem} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// pprof's format is a gzip-compressed protocol buffer.
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s is not a pprof profile: %v", filepath.Base(f), err)
		}
		if raw, err := io.ReadAll(zr); err != nil || len(raw) == 0 {
			t.Errorf("%s: %d bytes, %v", filepath.Base(f), len(raw), err)
		}
	}
	if code, _, errs := kb(t, "build", "-root", dir, "-cpuprofile", filepath.Join(dir, "saknas", "cpu.out")); code != 2 || !strings.Contains(errs, "-cpuprofile") {
		t.Errorf("unwritable profile: exit %d, stderr:\n%s", code, errs)
	}
}
