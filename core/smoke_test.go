package core_test

import (
	"context"
	"testing"

	"github.com/revup/m2mauth/auth0test"
	"github.com/revup/m2mauth/core"
)

func TestSmoke(t *testing.T) {
	ten := auth0test.NewTenant()
	defer ten.Close()
	v, err := core.New(core.Config{Domain: ten.Domain(), Audience: []string{"https://api"}})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	tok := ten.Token("https://api", "read:messages")
	for range 3 {
		c, err := v.Validate(context.Background(), tok)
		if err != nil {
			t.Fatal(err)
		}
		if c.ClientID != "test-client" || !c.HasScope("read:messages") {
			t.Fatalf("claims %+v", c)
		}
	}
	if _, err := v.Validate(context.Background(), ten.Token("https://other")); err == nil {
		t.Fatal("wrong audience accepted")
	} else {
		t.Log(err)
	}
}
