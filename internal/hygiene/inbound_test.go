package hygiene_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/revup/m2mauth/adapters/m2mhttp"
	"github.com/revup/m2mauth/core"
	"github.com/revup/m2mauth/internal/adaptertest"
)

// TestBehaviourTableLeaksNothing runs the adapters' behaviour and attack
// tables through m2mhttp with an error handler and a route that print
// every error and every set of claims, and checks that none of that, no
// answer and no log record holds a token the table sent.
func TestBehaviourTableLeaksNothing(t *testing.T) {
	out := newOutputs()
	var validators []*core.Validator
	adaptertest.Run(t, func(t *testing.T, v *core.Validator) string {
		validators = append(validators, v)
		return serve(t, v, out)
	},
		adaptertest.WithLogger(out.logger()),
		adaptertest.Observe(func(sent []string, got adaptertest.Response) {
			for _, c := range sent {
				out.credential(c)
			}
			out.add("response body", got.Body)
			out.print("response header", got.Header)
		}),
	)
	for _, v := range validators {
		out.print("validator", v)
	}
	out.check(t)

	// The counts show that the scan had something to look at.
	for what, least := range map[string]int{
		"error": 150, "claims": 15, "response body": 190,
	} {
		if n := out.count(what); n < least {
			t.Errorf("%d outputs of kind %q, want at least %d", n, what, least)
		}
	}
	if out.logRecords() == 0 {
		t.Error("no log record: the key set outage should have logged its failed fetch")
	}
}

// serve answers the table's routes through m2mhttp, printing each error
// before writing the usual answer, and each set of claims.
func serve(t *testing.T, v *core.Validator, out *outputs) string {
	t.Helper()
	onError := m2mhttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, err error) {
		out.print("error", err)
		m2mhttp.WriteError(w, r, err)
	})
	identity := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := m2mhttp.ClaimsFrom(r.Context())
		out.print("claims", c)
		out.print("claims value", *c)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(adaptertest.IdentityOf(c))
	})
	auth := m2mhttp.New(v, onError)
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+adaptertest.PublicPath, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("public"))
	})
	mux.Handle("GET "+adaptertest.PrivatePath, auth(identity))
	mux.Handle("GET "+adaptertest.ScopedPath, auth(m2mhttp.RequireScopes(adaptertest.Scope)(identity)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}
