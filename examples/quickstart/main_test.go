package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/revup/m2mauth/auth0test"
)

func TestEmbeddedRoundTrip(t *testing.T) {
	var out bytes.Buffer
	ok, err := run(context.Background(), &out, func(string) string { return "" })
	if err != nil || !ok {
		t.Fatalf("run = %v, %v; output:\n%s", ok, err, out.String())
	}
	for _, want := range []string{
		"-> 401 Unauthorized  WWW-Authenticate: Bearer\n",
		"-> 200 OK",
		`"client_id":"quickstart-client"`,
		`-> 403 Forbidden  Bearer error="insufficient_scope"`,
		"tokens issued by the tenant: 1 ",
		"4 of 4 calls answered as expected",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), embeddedSecret) {
		t.Error("output contains the client secret")
	}
}

func TestTenantFromEnvironment(t *testing.T) {
	ten := auth0test.NewTenant()
	defer ten.Close()
	const secret = "env-secret-0123456789"
	ten.AddClient(auth0test.Client{
		ID: "env-client", Secret: secret,
		Grants: map[string][]string{"https://env.example.com": {"read:messages"}},
	})
	env := map[string]string{
		"AUTH0_DOMAIN":        ten.Domain(),
		"AUTH0_CLIENT_ID":     "env-client",
		"AUTH0_CLIENT_SECRET": secret,
		"AUTH0_AUDIENCE":      "https://env.example.com",
	}
	var out bytes.Buffer
	ok, err := run(context.Background(), &out, func(k string) string { return env[k] })
	if err != nil || !ok {
		t.Fatalf("run = %v, %v; output:\n%s", ok, err, out.String())
	}
	if got := ten.TokensIssued(); got != 1 {
		t.Errorf("the tenant from the environment issued %d tokens, want 1", got)
	}
	if !strings.Contains(out.String(), `"client_id":"env-client"`) || strings.Contains(out.String(), secret) {
		t.Errorf("unexpected output:\n%s", out.String())
	}
}

func TestIncompleteEnvironment(t *testing.T) {
	env := map[string]string{"AUTH0_DOMAIN": "example.auth0.com", "AUTH0_AUDIENCE": "a", "AUTH0_CLIENT_ID": "c"}
	_, err := run(context.Background(), &bytes.Buffer{}, func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "AUTH0_CLIENT_SECRET") {
		t.Fatalf("got %v, want an error naming AUTH0_CLIENT_SECRET", err)
	}
}
