package main

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

const secret = "S3cr3t-never-print-me-client"

// build compiles the command once per test binary run.
func build(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build the command with")
	}
	bin := filepath.Join(t.TempDir(), "client")
	out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// world is a tenant with one client, and an API that validates its
// tokens and answers /ok with 200 and anything else with 404.
func world(t *testing.T) (*auth0test.Tenant, string) {
	t.Helper()
	ten := auth0test.NewTenant()
	t.Cleanup(ten.Close)
	ten.AddClient(auth0test.Client{ID: "cli", Secret: secret,
		Grants: map[string][]string{"https://api.example": nil}})
	v, err := core.New(core.Config{Domain: ten.Domain(), Audience: []string{"https://api.example"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := v.ValidateAuthorization(r.Context(), r.Header.Get("Authorization"))
		switch {
		case err != nil:
			http.Error(w, "bad token", http.StatusUnauthorized)
		case r.URL.Path == "/ok":
			w.Write([]byte("hello " + c.ClientID))
		default:
			http.Error(w, "nothing here", http.StatusNotFound)
		}
	}))
	t.Cleanup(api.Close)
	return ten, api.URL
}

// environ is the test process's environment without AUTH0_ variables,
// plus settings.
func environ(settings map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AUTH0_") {
			env = append(env, kv)
		}
	}
	for k, v := range settings {
		env = append(env, k+"="+v)
	}
	return env
}

func TestClientCommand(t *testing.T) {
	bin := build(t)
	ten, api := world(t)
	full := map[string]string{
		"AUTH0_DOMAIN":        ten.Domain(),
		"AUTH0_CLIENT_ID":     "cli",
		"AUTH0_CLIENT_SECRET": secret,
		"AUTH0_AUDIENCE":      "https://api.example",
	}
	without := func(name string) map[string]string {
		m := map[string]string{}
		for k, v := range full {
			if k != name {
				m[k] = v
			}
		}
		return m
	}
	type row struct {
		name       string
		args       []string
		env        map[string]string
		limited    bool
		wantCode   int
		wantStdout string
		wantStderr string
	}
	for _, tc := range []row{
		{"ok", []string{api + "/ok"}, full, false, 0, "200 OK\nhello cli", ""},
		{"not found", []string{api + "/nope"}, full, false, 1, "404 Not Found\nnothing here", "unexpected response status 404"},
		{"no secret", []string{api + "/ok"}, without("AUTH0_CLIENT_SECRET"), false, 1, "", "AUTH0_CLIENT_SECRET is not set"},
		{"no domain", []string{api + "/ok"}, without("AUTH0_DOMAIN"), false, 1, "", "AUTH0_DOMAIN is not set"},
		{"wrong secret", []string{api + "/ok"}, with(full, "AUTH0_CLIENT_SECRET", "wrong"), false, 1, "", "access_denied"},
		{"rate limited", []string{api + "/ok"}, full, true, 1, "", "rate limit"},
		{"no url", nil, full, false, 2, "", "usage: client URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.limited {
				limited := auth0test.RateLimited(time.Hour, time.Hour)
				ten.SetTokenAnswer(&limited)
				defer ten.SetTokenAnswer(nil)
			}
			cmd := exec.Command(bin, tc.args...)
			cmd.Env = environ(tc.env)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tc.wantCode {
				t.Fatalf("got exit code %d, want %d; stderr: %s", code, tc.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tc.wantStdout) {
				t.Fatalf("got stdout %q, want it to hold %q", stdout.String(), tc.wantStdout)
			}
			if !strings.Contains(stderr.String(), tc.wantStderr) {
				t.Fatalf("got stderr %q, want it to hold %q", stderr.String(), tc.wantStderr)
			}
			if all := stdout.String() + stderr.String(); strings.Contains(all, secret) || strings.Contains(all, "eyJ") {
				t.Fatalf("the output holds the secret or a token: %q", all)
			}
		})
	}
}

func with(m map[string]string, k, v string) map[string]string {
	out := map[string]string{k: v}
	for key, val := range m {
		if key != k {
			out[key] = val
		}
	}
	return out
}
