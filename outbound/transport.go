package outbound

import (
	"errors"
	"io"
	"net/http"

	"github.com/revup/m2mauth/core"
)

// Transport is an http.RoundTripper that sends a token from Source as a
// bearer token with every request, for any HTTP library that takes a
// RoundTripper or an *http.Client. Like every RoundTripper, it returns
// answers of any status without error.
//
// On a 401 it drops the refused token, gets a new one and sends the
// request again, once, when the body can be replayed: when it is empty or
// the request has GetBody, as http.NewRequest sets for bytes and strings.
// A request that follows a redirect to another host, or from https to
// http, is sent without a token: a token is for the host it was sent to.
type Transport struct {
	// Source provides the tokens. Required.
	Source *core.TokenSource
	// Base sends the requests. Default: http.DefaultTransport.
	Base http.RoundTripper
}

var errNoSource = errors.New("m2mauth: transport has no token source")

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !tokenAllowed(req) {
		return t.base().RoundTrip(req)
	}
	if t.Source == nil {
		closeBody(req)
		return nil, errNoSource
	}
	tok, err := t.Source.Token(req.Context())
	if err != nil {
		closeBody(req)
		return nil, err
	}
	retry := replayable(req)
	resp, err := t.base().RoundTrip(withToken(req, tok))
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	// The token was refused: drop it even if the request cannot be
	// replayed, so that the next request carries a new one.
	t.Source.Invalidate(tok.AccessToken)
	if !retry {
		return resp, nil
	}
	return t.replay(req, tok, resp)
}

// replay sends req again with a token other than old, or returns the
// first answer when there is none or the body cannot be had again.
func (t *Transport) replay(req *http.Request, old core.Token, first *http.Response) (*http.Response, error) {
	fresh, err := t.Source.Token(req.Context())
	if err != nil || fresh.AccessToken == old.AccessToken {
		return first, nil
	}
	again := req
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return first, nil
		}
		again = shallowCopy(req)
		again.Body = body
	}
	discard(first)
	return t.base().RoundTrip(withToken(again, fresh))
}

func (t *Transport) base() http.RoundTripper {
	if t.Base != nil {
		return t.Base
	}
	return http.DefaultTransport
}

// tokenAllowed refuses the token to a redirect that leaves the host of
// the request before it, or goes from https to plain http.
func tokenAllowed(req *http.Request) bool {
	if req.Response == nil || req.Response.Request == nil {
		return true
	}
	prev := req.Response.Request.URL
	return prev.Host == req.URL.Host &&
		(prev.Scheme == req.URL.Scheme || req.URL.Scheme == "https")
}

func replayable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

// withToken returns a copy of req carrying tok. A RoundTripper must not
// change the request it is given, so the header map is copied; its value
// slices are shared, since no one writes into them. This costs fewer
// allocations than req.Clone, which copies everything.
func withToken(req *http.Request, tok core.Token) *http.Request {
	r := shallowCopy(req)
	r.Header = make(http.Header, len(req.Header)+1)
	for k, v := range req.Header {
		r.Header[k] = v
	}
	r.Header["Authorization"] = []string{tok.AuthorizationHeader()}
	return r
}

func shallowCopy(req *http.Request) *http.Request {
	r := new(http.Request)
	*r = *req
	return r
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// discardLimit is how much of a refused answer is read so that its
// connection can be reused; beyond that, closing is cheaper.
const discardLimit = 4 << 10

func discard(resp *http.Response) {
	io.CopyN(io.Discard, resp.Body, discardLimit)
	resp.Body.Close()
}
