// Package browser is the search engine that runs in the reader's browser:
// ES modules in js/ that analyze Swedish as search/analysis does, plan
// queries as index.Plan does and rank as the bleve reference engine does,
// over the browser index of search/index. Engine bundles them, with
// esbuild, into the one module kb publishes as the asset sok.js; the tests
// run the modules in node against bleve and the Go analysis.
package browser

import (
	"embed"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// AssetName is the engine's name among the site's assets, before its
// content hash: a theme's page script finds it as {{asset "sok.js"}}.
const AssetName = "sok.js"

//go:embed js/*.js
var sources embed.FS

// entry is the module whose exports are the engine's.
const entry = "engine.js"

// Engine returns the engine as one ES module: js/engine.js and the modules
// it imports, bundled, with the names of the module's top level shortened
// (the render stage minifies every asset, but renames only names inside
// functions). It is made once per process; the output depends only on the
// embedded sources.
var Engine = sync.OnceValues(bundle)

func bundle() ([]byte, error) {
	// The modules come from the embedded files, never from the disk.
	files := api.Plugin{
		Name: "embedded",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				if a.Kind != api.ResolveEntryPoint && !strings.HasPrefix(a.Path, "./") {
					return api.OnResolveResult{}, fmt.Errorf("%s imports %q: the engine imports only its own modules, as ./name.js", a.Importer, a.Path)
				}
				return api.OnResolveResult{Path: path.Join(path.Dir(a.Importer), a.Path), Namespace: "embedded"}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "embedded"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				src, err := sources.ReadFile("js/" + a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(src)
				return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
			})
		},
	}
	r := api.Build(api.BuildOptions{
		EntryPoints: []string{entry},
		Bundle:      true,
		Format:      api.FormatESModule,
		Charset:     api.CharsetUTF8,
		Outfile:     AssetName,
		Plugins:     []api.Plugin{files},
		LogLevel:    api.LogLevelSilent,
		// Top-level names of the bundle are renamed here: the minifier of the
		// render stage renames only those inside functions.
		MinifyIdentifiers: true,
	})
	if len(r.Errors) > 0 {
		msgs := api.FormatMessages(r.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		return nil, fmt.Errorf("bundling the search engine: %s", strings.Join(msgs, ""))
	}
	if len(r.OutputFiles) != 1 {
		return nil, fmt.Errorf("bundling the search engine: %d output files, want 1", len(r.OutputFiles))
	}
	return r.OutputFiles[0].Contents, nil
}
