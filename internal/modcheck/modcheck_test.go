package modcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// frameworks are the module path prefixes of every framework an adapter
// wraps, with fasthttp, which only fiber brings.
var frameworks = []string{
	"github.com/go-chi/chi",
	"github.com/gin-gonic/gin",
	"github.com/labstack/echo",
	"github.com/gofiber/fiber",
	"github.com/valyala/fasthttp",
}

func TestFrameworksStayIsolated(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		imports string
		// replaces maps module paths to directories under root.
		replaces map[string]string
		allowed  string
	}{
		{
			name:     "root module only",
			imports:  "github.com/revup/m2mauth/core",
			replaces: map[string]string{"github.com/revup/m2mauth": "."},
		},
		{
			name:    "chi adapter only",
			imports: "github.com/revup/m2mauth/adapters/m2mchi",
			replaces: map[string]string{
				"github.com/revup/m2mauth":                 ".",
				"github.com/revup/m2mauth/adapters/m2mchi": "adapters/m2mchi",
			},
			allowed: "github.com/go-chi/chi",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := scratch(t, root, tt.imports, tt.replaces)
			tidy(t, goBin, dir)
			for _, file := range []string{"go.mod", "go.sum"} {
				checkFile(t, filepath.Join(dir, file), tt.allowed)
			}
		})
	}
}

// scratch writes a module whose only package imports pkg, replacing
// this repository's modules by their directories.
func scratch(t *testing.T, root, pkg string, replaces map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	var mod strings.Builder
	mod.WriteString("module example.com/scratch\n\ngo 1.25.0\n")
	for path, sub := range replaces {
		mod.WriteString("\nreplace " + path + " => " + filepath.Join(root, sub) + "\n")
	}
	src := "package scratch\n\nimport _ \"" + pkg + "\"\n"
	write(t, filepath.Join(dir, "go.mod"), mod.String())
	write(t, filepath.Join(dir, "scratch.go"), src)
	return dir
}

func write(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tidy runs go mod tidy outside the workspace, as a user's module would
// be: go.work would otherwise pull every adapter into the graph. Tests
// reach no network, so the proxy is the local module cache, which
// holds every module the workspace builds with (go test loaded them
// before running any test).
func tidy(t *testing.T, goBin, dir string) {
	t.Helper()
	out, err := exec.Command(goBin, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOMODCACHE: %v", err)
	}
	proxy := "file://" + filepath.ToSlash(filepath.Join(strings.TrimSpace(string(out)), "cache", "download"))
	cmd := exec.Command(goBin, "mod", "tidy")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local",
		"GOPROXY="+proxy, "GOSUMDB=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go mod tidy: %v\n%s", err, out)
	}
}

// checkFile fails for every framework named in the file but allowed.
func checkFile(t *testing.T, name, allowed string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, fw := range frameworks {
		if fw != allowed && strings.Contains(string(b), fw) {
			t.Errorf("%s names %s", filepath.Base(name), fw)
		}
	}
	if allowed != "" && !strings.Contains(string(b), allowed) {
		t.Errorf("%s does not name %s: the scratch module did not resolve", filepath.Base(name), allowed)
	}
}
