package adaptertest

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"
)

// Response is an answer read whole, for the tests of each adapter's own
// options.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// Get sends GET url with one Authorization header line per value.
func Get(t *testing.T, url string, authorization ...string) Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatalf("building the request: %v", err)
	}
	if len(authorization) > 0 {
		req.Header["Authorization"] = authorization
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
}

// Bearer returns the Authorization value that sends token.
func Bearer(token string) string { return "Bearer " + token }
