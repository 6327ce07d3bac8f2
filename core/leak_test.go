package core_test

import (
	"testing"

	"go.uber.org/goleak"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

// TestValidatorLifecyclesLeakNoGoroutine builds, uses and drops
// validators 100 times, closing them and not: the second is the
// "key set per request" mistake that leaks a refresh goroutine per
// request in libraries that poll in the background. Ours fetch only
// on demand, so a dropped validator holds no goroutine once its fetch
// is over.
func TestValidatorLifecyclesLeakNoGoroutine(t *testing.T) {
	for _, closeIt := range []bool{true, false} {
		name := map[bool]string{true: "closed", false: "dropped"}[closeIt]
		t.Run(name, func(t *testing.T) {
			before := goleak.IgnoreCurrent()
			ten := auth0test.NewTenant()
			tok := ten.Token(audience)
			for i := range 100 {
				v, err := core.New(core.Config{Domain: ten.Domain(), Audience: []string{audience}, Logger: quiet})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := v.Validate(bg, tok); err != nil {
					t.Fatalf("validator %d: %v", i, err)
				}
				if closeIt {
					v.Close()
				}
			}
			if n := ten.JWKSRequests(); n != 100 {
				t.Errorf("got %d key set requests, want one per validator", n)
			}
			// Closing the tenant ends the idle keep-alive connections,
			// which belong to http.DefaultTransport, not to us.
			ten.Close()
			goleak.VerifyNone(t, before)
		})
	}
}
